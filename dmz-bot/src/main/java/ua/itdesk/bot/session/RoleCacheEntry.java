package ua.itdesk.bot.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import ua.itdesk.contracts.v1.Role;

/** USER_ROLES_CACHE: the role the agent last confirmed, trusted until {@code expiresAt} (A4, A6). */
@Entity
@Table(name = "user_roles_cache")
public class RoleCacheEntry extends PanacheEntityBase {

    @Id
    @Column(name = "telegram_user_id")
    public long telegramUserId;

    @Column(name = "employee_id", nullable = false, length = 64)
    public String employeeId;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    public Role role;

    @Column(name = "fetched_at", nullable = false)
    public Instant fetchedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
}
