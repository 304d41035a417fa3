package ua.itdesk.bot.audit;

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

/** One row of SYSTEM_LOG, the audit trail. Never holds phone numbers in clear, tokens or message text. */
@Entity
@Table(name = "system_log")
public class SystemLogEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", nullable = false, length = 64)
    public AuditEvent eventType;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, length = 32)
    public AuditOutcome outcome;

    @Column(name = "telegram_user_id")
    public Long telegramUserId;

    @Column(name = "employee_id", length = 64)
    public String employeeId;

    @Column(name = "correlation_id", length = 64)
    public String correlationId;

    @Column(name = "details", length = 1000)
    public String details;
}
