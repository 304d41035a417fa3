package ua.itdesk.bot.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.crypto.SealedColumn;
import ua.itdesk.bot.crypto.PhoneHasher;
import ua.itdesk.contracts.v1.EmployeeProfile;
import ua.itdesk.contracts.v1.Role;
import ua.itdesk.contracts.v1.SessionToken;

/**
 * Sessions, the people behind them and their role cache, each change in one short transaction of its own (calls
 * to the agent and to Telegram happen outside them). Encryption happens here, so plain personal data never reaches
 * an entity.
 */
@ApplicationScoped
public class SessionStore {

    /** How much later than the last noted activity a new one must be to be written (see {@link #touch}). */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final FieldCipher cipher;
    private final PhoneHasher hasher;

    SessionStore(FieldCipher cipher, PhoneHasher hasher) {
        this.cipher = cipher;
        this.hasher = hasher;
    }

    /** What a successful login changed besides the new session. */
    public record LoginRecord(String callbackNonce, boolean firstLogin, Optional<Long> phoneMovedFrom) {
    }

    @Transactional
    public Optional<SessionView> find(long telegramUserId) {
        UserSession s = UserSession.findById(telegramUserId);
        if (s == null) {
            return Optional.empty();
        }
        RoleCacheEntry role = RoleCacheEntry.findById(telegramUserId);
        return Optional.of(new SessionView(s.telegramUserId, s.chatId, s.state, s.employeeId,
                s.tokenCiphertext != null, s.expiresAt, s.callbackNonce, s.lastActivityAt,
                role == null ? null : role.role, role == null ? null : role.expiresAt));
    }

    /** People logged in now: a token not expired, and active within {@code idleTimeout}. */
    @Transactional
    public long loggedIn(Instant now, Duration idleTimeout) {
        return UserSession.count("tokenCiphertext is not null and expiresAt > ?1 and lastActivityAt > ?2", now,
                now.minus(idleTimeout));
    }

    /** The agent token of a logged-in session, decrypted for one call. */
    @Transactional
    public Optional<String> token(long telegramUserId) {
        UserSession s = UserSession.findById(telegramUserId);
        if (s == null || s.tokenCiphertext == null) {
            return Optional.empty();
        }
        return Optional.of(cipher.decrypt(s.tokenCiphertext, tokenContext(telegramUserId)));
    }

    /** The language the person's conversation is in (Ukrainian when they have none). */
    @Transactional
    public Language language(long telegramUserId) {
        UserSession s = UserSession.findById(telegramUserId);
        return s == null ? Language.UK : Language.fromCode(s.language);
    }

    /** The display name of a bound employee as the agent gave it at login; empty for strangers and after /forget. */
    @Transactional
    public Optional<String> fullName(long telegramUserId) {
        return TelegramUser.byTelegramId(telegramUserId).filter(u -> u.fullNameCiphertext != null)
                .map(u -> cipher.decrypt(u.fullNameCiphertext, nameContext(telegramUserId)))
                .filter(name -> !name.isBlank());
    }

    /**
     * Notes activity for the idle timeout (A6). Activity within {@link #TOUCH_EVERY} of the last noted is not written:
     * the timeout counts in minutes, and a person in a live chat writes several messages a minute, each of which
     * would otherwise cost the database an update.
     */
    @Transactional
    public void touch(long telegramUserId, Instant at) {
        UserSession s = UserSession.findById(telegramUserId);
        if (s != null && (s.lastActivityAt == null || s.lastActivityAt.plus(TOUCH_EVERY).isBefore(at))) {
            s.lastActivityAt = at;
        }
    }

    /**
     * Moves the conversation to {@code state}, creating the session row when needed. Unless
     * {@code keepCredentials}, the token, the button nonce and the role cache go: leaving the logged-in states
     * always forgets them.
     */
    @Transactional
    public void moveTo(long telegramUserId, long chatId, String state, Language language, boolean keepCredentials) {
        Instant now = Instant.now();
        UserSession found = UserSession.findById(telegramUserId);
        UserSession s = found != null ? found : newSession(telegramUserId, now);
        s.chatId = chatId;
        s.state = state;
        s.language = language.code();
        s.stateData.clear();
        if (!keepCredentials) {
            s.employeeId = null;
            s.tokenCiphertext = null;
            s.expiresAt = null;
            s.callbackNonce = null;
            RoleCacheEntry.delete("telegramUserId", telegramUserId);
        }
        if (found == null) {
            s.persist();
        }
    }

    /**
     * Records a verified login: the person (encrypted phone, HMAC, name, Jira account, role, language), the session
     * in {@code state} with the encrypted token and a fresh button nonce, and the role cache. A number that was
     * bound to another Telegram account moves to this one and that account's session ends.
     */
    @Transactional
    public LoginRecord start(long telegramUserId, long chatId, String e164, SessionToken token, Language language,
            String state, Instant roleExpiresAt) {
        Instant now = Instant.now();
        EmployeeProfile employee = token.employee();
        byte[] phoneHmac = hasher.hash(e164);

        Optional<Long> movedFrom = TelegramUser.byPhoneHmac(phoneHmac)
                .filter(other -> other.telegramUserId != telegramUserId)
                .map(other -> {
                    long previous = other.telegramUserId;
                    forgetSession(previous);
                    TelegramUser.delete("telegramUserId", previous);
                    return previous;
                });

        TelegramUser user = TelegramUser.byTelegramId(telegramUserId).orElse(null);
        boolean first = user == null;
        if (first) {
            user = new TelegramUser();
            user.telegramUserId = telegramUserId;
            user.createdAt = now;
        }
        user.phoneCiphertext = cipher.encrypt(e164, phoneContext(telegramUserId));
        user.phoneHmac = phoneHmac;
        user.employeeId = employee.employeeId();
        user.fullNameCiphertext = cipher.encrypt(nullToEmpty(employee.fullName()), nameContext(telegramUserId));
        user.jiraAccountCiphertext = employee.jiraAccount() == null ? null
                : cipher.encrypt(employee.jiraAccount(), jiraContext(telegramUserId));
        user.role = employee.role();
        user.language = language.code();
        user.lastLoginAt = now;
        if (first) {
            user.persist();
        }

        UserSession found = UserSession.findById(telegramUserId);
        UserSession s = found != null ? found : newSession(telegramUserId, now);
        s.chatId = chatId;
        s.state = state;
        s.stateData.clear();
        s.language = language.code();
        s.employeeId = employee.employeeId();
        s.tokenCiphertext = cipher.encrypt(token.token(), tokenContext(telegramUserId));
        s.expiresAt = token.expiresAt();
        s.callbackNonce = newNonce();
        s.lastActivityAt = now;
        if (found == null) {
            s.persist();
        }

        cacheRole(telegramUserId, employee, now, roleExpiresAt);
        return new LoginRecord(s.callbackNonce, first, movedFrom);
    }

    /**
     * Stores a token the agent issued on refresh and renews the role cache.
     *
     * @return the role cached before, when it differs from the confirmed one
     */
    @Transactional
    public Optional<Role> refreshed(long telegramUserId, SessionToken token, Instant roleExpiresAt) {
        Instant now = Instant.now();
        UserSession s = UserSession.findById(telegramUserId);
        if (s == null) {
            throw new IllegalStateException("no session to refresh");
        }
        s.tokenCiphertext = cipher.encrypt(token.token(), tokenContext(telegramUserId));
        s.expiresAt = token.expiresAt();
        RoleCacheEntry previous = RoleCacheEntry.findById(telegramUserId);
        Role before = previous == null ? null : previous.role;
        EmployeeProfile employee = token.employee();
        cacheRole(telegramUserId, employee, now, roleExpiresAt);
        TelegramUser.byTelegramId(telegramUserId).ifPresent(u -> u.role = employee.role());
        return before == null || before == employee.role() ? Optional.empty() : Optional.of(before);
    }

    @Transactional
    public long failuresSince(long telegramUserId, Instant since) {
        return LoginFailure.count("telegramUserId = ?1 and failedAt > ?2", telegramUserId, since);
    }

    @Transactional
    public void recordFailure(long telegramUserId, String reason) {
        LoginFailure f = new LoginFailure();
        f.telegramUserId = telegramUserId;
        f.failedAt = Instant.now();
        f.reason = reason;
        f.persist();
    }

    /** Deletes everything the DMZ keeps about this Telegram user, audit rows excepted (S6). */
    @Transactional
    public boolean forget(long telegramUserId) {
        boolean had = forgetSession(telegramUserId);
        had |= TelegramUser.delete("telegramUserId", telegramUserId) > 0;
        LoginFailure.delete("telegramUserId", telegramUserId);
        // messages still waiting for Telegram, and the traces of given-up ones (a private chat's id is the user's)
        UserSession.getEntityManager().createNativeQuery("DELETE FROM outgoing_messages WHERE chat_id = ?1")
                .setParameter(1, telegramUserId).executeUpdate();
        return had;
    }

    /** Bulk deletes, so that the database's own cascades and these statements cannot trip over each other. */
    private boolean forgetSession(long telegramUserId) {
        RoleCacheEntry.delete("telegramUserId", telegramUserId);
        return UserSession.delete("telegramUserId", telegramUserId) > 0;
    }

    /** Entities are persisted only once complete: Hibernate inserts the state an entity has at persist(). */
    private static UserSession newSession(long telegramUserId, Instant now) {
        UserSession s = new UserSession();
        s.telegramUserId = telegramUserId;
        s.createdAt = now;
        s.lastActivityAt = now;
        return s;
    }

    private static void cacheRole(long telegramUserId, EmployeeProfile employee, Instant now, Instant expiresAt) {
        RoleCacheEntry entry = RoleCacheEntry.findById(telegramUserId);
        if (entry == null) {
            entry = new RoleCacheEntry();
            entry.telegramUserId = telegramUserId;
            entry.employeeId = employee.employeeId();
            entry.role = employee.role();
            entry.fetchedAt = now;
            entry.expiresAt = expiresAt;
            entry.persist();
        } else {
            entry.employeeId = employee.employeeId();
            entry.role = employee.role();
            entry.fetchedAt = now;
            entry.expiresAt = expiresAt;
        }
    }

    private static String newNonce() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static String tokenContext(long telegramUserId) {
        return SealedColumn.SESSION_TOKEN.context(telegramUserId);
    }

    static String phoneContext(long telegramUserId) {
        return SealedColumn.PHONE.context(telegramUserId);
    }

    static String nameContext(long telegramUserId) {
        return SealedColumn.FULL_NAME.context(telegramUserId);
    }

    static String jiraContext(long telegramUserId) {
        return SealedColumn.JIRA_ACCOUNT.context(telegramUserId);
    }
}
