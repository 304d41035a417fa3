package ua.itdesk.bot.session;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * USER_SESSIONS: the conversation of one Telegram user, anonymous or logged in. The conversation state is stored by
 * its stable name (never by ordinal); the agent's token only encrypted, and only while logged in.
 */
@Entity
@Table(name = "user_sessions")
public class UserSession extends PanacheEntityBase {

    @Id
    @Column(name = "telegram_user_id")
    public long telegramUserId;

    @Column(name = "chat_id", nullable = false)
    public long chatId;

    @Column(name = "state", nullable = false, length = 64)
    public String state;

    /** Small per-state data of multi-step conversations (wizards); never message text or personal data. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "state_data", nullable = false)
    public Map<String, String> stateData = new HashMap<>();

    @Column(name = "employee_id", length = 64)
    public String employeeId;

    @Column(name = "token_ciphertext")
    public byte[] tokenCiphertext;

    /** When the agent's token expires. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    /** Random value inside every callback_data of this session's buttons: binds buttons to this session. */
    @Column(name = "callback_nonce", length = 32)
    public String callbackNonce;

    @Column(name = "language", nullable = false, length = 8)
    public String language;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "last_activity_at", nullable = false)
    public Instant lastActivityAt;
}
