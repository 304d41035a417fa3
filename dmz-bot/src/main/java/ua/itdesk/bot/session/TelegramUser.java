package ua.itdesk.bot.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import ua.itdesk.contracts.v1.Role;

/**
 * USERS_TELEGRAM: a Telegram account bound to a verified employee (A4). Personal data is encrypted
 * ({@link ua.itdesk.bot.crypto.FieldCipher}); the phone number is findable only through its HMAC.
 */
@Entity
@Table(name = "users_telegram")
public class TelegramUser extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "telegram_user_id", nullable = false, unique = true)
    public long telegramUserId;

    @Column(name = "phone_ciphertext", nullable = false)
    public byte[] phoneCiphertext;

    @Column(name = "phone_hmac", nullable = false, unique = true)
    public byte[] phoneHmac;

    @Column(name = "employee_id", nullable = false, length = 64)
    public String employeeId;

    @Column(name = "full_name_ciphertext", nullable = false)
    public byte[] fullNameCiphertext;

    @Column(name = "jira_account_ciphertext")
    public byte[] jiraAccountCiphertext;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    public Role role;

    @Column(name = "language", nullable = false, length = 8)
    public String language;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_login_at", nullable = false)
    public Instant lastLoginAt;

    static Optional<TelegramUser> byTelegramId(long telegramUserId) {
        return find("telegramUserId", telegramUserId).firstResultOptional();
    }

    static Optional<TelegramUser> byPhoneHmac(byte[] phoneHmac) {
        return find("phoneHmac", phoneHmac).firstResultOptional();
    }
}
