package ua.itdesk.bot.presence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The specialists' availability toggles (T2), kept by employee id so that every Telegram account of one person
 * shares one state. Who counts as online for the agent is decided here: the toggle is on and the person still has a
 * live session as a specialist or supervisor (a token that has not expired, activity within the idle timeout).
 */
@ApplicationScoped
class AvailabilityStore {

    /** A live session of a specialist or supervisor for employee {@code a.employee_id}; ?1 is the idle cut-off. */
    private static final String LIVE_SESSION = """
            EXISTS (SELECT 1 FROM user_sessions s
                    JOIN users_telegram u ON u.telegram_user_id = s.telegram_user_id
                    WHERE s.employee_id = a.employee_id AND u.role IN ('SPECIALIST', 'SUPERVISOR')
                      AND s.token_ciphertext IS NOT NULL AND s.expires_at > now() AND s.last_activity_at > ?1)""";

    private final EntityManager em;

    AvailabilityStore(EntityManager em) {
        this.em = em;
    }

    @Transactional
    boolean isOnline(String employeeId) {
        return !em.createNativeQuery("SELECT 1 FROM specialist_availability WHERE employee_id = ?1 AND online")
                .setParameter(1, employeeId).getResultList().isEmpty();
    }

    /** Sets the toggle; returns whether that changed it. */
    @Transactional
    boolean set(String employeeId, boolean online) {
        return em.createNativeQuery("""
                        INSERT INTO specialist_availability (employee_id, online, changed_at) VALUES (?1, ?2, now())
                        ON CONFLICT (employee_id) DO UPDATE SET online = EXCLUDED.online, changed_at = now()
                        WHERE specialist_availability.online <> EXCLUDED.online""")
                .setParameter(1, employeeId).setParameter(2, online).executeUpdate() > 0;
    }

    /** Turns off the toggles of people whose session ended (logout found lazily: expiry, idleness, role loss). */
    @Transactional
    @SuppressWarnings("unchecked")
    List<String> offlineWithoutSession(Instant idleCutoff) {
        return em.createNativeQuery("UPDATE specialist_availability a SET online = FALSE, changed_at = now() "
                        + "WHERE a.online AND NOT " + LIVE_SESSION + " RETURNING a.employee_id")
                .setParameter(1, idleCutoff).getResultList();
    }

    /** The online specialists with the Telegram account of their most recently active live session. */
    @Transactional
    @SuppressWarnings("unchecked")
    List<OnlineSpecialist> onlineAccounts(Instant idleCutoff) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT DISTINCT ON (a.employee_id) a.employee_id, s.telegram_user_id
                        FROM specialist_availability a
                        JOIN user_sessions s ON s.employee_id = a.employee_id
                        JOIN users_telegram u ON u.telegram_user_id = s.telegram_user_id
                        WHERE a.online AND u.role IN ('SPECIALIST', 'SUPERVISOR') AND s.token_ciphertext IS NOT NULL
                          AND s.expires_at > now() AND s.last_activity_at > ?1
                        ORDER BY a.employee_id, s.last_activity_at DESC""")
                .setParameter(1, idleCutoff).getResultList();
        return rows.stream().map(r -> new OnlineSpecialist((String) r[0], ((Number) r[1]).longValue())).toList();
    }

    /** The employee ids to send to the agent as online, sorted. */
    @Transactional
    @SuppressWarnings("unchecked")
    List<String> online(Instant idleCutoff) {
        return em.createNativeQuery("SELECT a.employee_id FROM specialist_availability a WHERE a.online AND "
                        + LIVE_SESSION + " ORDER BY a.employee_id")
                .setParameter(1, idleCutoff).getResultList();
    }
}
