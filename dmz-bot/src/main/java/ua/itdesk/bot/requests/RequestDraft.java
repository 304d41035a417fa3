package ua.itdesk.bot.requests;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import ua.itdesk.contracts.v1.Priority;

/**
 * REQUEST_DRAFTS: one wizard while it is filled in, then the outbox entry of the confirmed request until its
 * files are uploaded. Summary and description only encrypted ({@link DraftStore} seals them).
 */
@Entity
@Table(name = "request_drafts")
class RequestDraft extends PanacheEntityBase {

    /** Where a draft is in its life. Stored by name. */
    enum Phase {
        /** The wizard is open. */
        EDITING,
        /** Confirmed, waiting for the agent to create it. */
        QUEUED,
        /** Created; files still to upload. */
        CREATED
    }

    @Id
    @Column(name = "id")
    UUID id;

    @Column(name = "telegram_user_id", nullable = false)
    long telegramUserId;

    @Column(name = "employee_id", nullable = false, length = 64)
    String employeeId;

    @Column(name = "chat_id", nullable = false)
    long chatId;

    @Column(name = "language", nullable = false, length = 8)
    String language;

    @Enumerated(EnumType.STRING)
    @Column(name = "phase", nullable = false, length = 16)
    Phase phase;

    /** The wizard step while EDITING, by name. */
    @Column(name = "state", length = 32)
    String state;

    @Column(name = "category_id", length = 18)
    String categoryId;

    @Column(name = "category_name", length = 255)
    String categoryName;

    /** The category requires a description: no Skip at the description step (V4). */
    @Column(name = "description_required", nullable = false)
    boolean descriptionRequired;

    @Enumerated(EnumType.STRING)
    @Column(name = "priority", length = 16)
    Priority priority;

    @Column(name = "summary_ciphertext")
    byte[] summaryCiphertext;

    @Column(name = "description_ciphertext")
    byte[] descriptionCiphertext;

    /** Fixed when the draft is confirmed and sent with every creation attempt. */
    @Column(name = "idempotency_key", length = 128)
    String idempotencyKey;

    @Column(name = "issue_key", length = 64)
    String issueKey;

    @Column(name = "attempts", nullable = false)
    int attempts;

    @Column(name = "next_attempt_at")
    Instant nextAttemptAt;

    /** Set while one instance works on the entry, so that no other picks it up (R4). */
    @Column(name = "locked_until")
    Instant lockedUntil;

    /** Why the last attempt failed: a short fixed reason, never user data. */
    @Column(name = "last_error", length = 128)
    String lastError;

    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    @Column(name = "confirmed_at")
    Instant confirmedAt;
}
