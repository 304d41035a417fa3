package ua.itdesk.bot.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** LOGIN_FAILURES: one failed login of a Telegram user; counted over a sliding window to throttle guessing. */
@Entity
@Table(name = "login_failures")
public class LoginFailure extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "telegram_user_id", nullable = false)
    public long telegramUserId;

    @Column(name = "failed_at", nullable = false)
    public Instant failedAt;

    @Column(name = "reason", nullable = false, length = 32)
    public String reason;
}
