package ua.itdesk.bot.requests;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import ua.itdesk.contracts.v1.Priority;
import ua.itdesk.contracts.v1.RequestSummary;

/**
 * TICKETS_CACHE (T4): key, summary, status, priority and creation time of a person's requests, so that lists can be
 * shown without asking the agent while fresh. Never descriptions or comments (Z4). A list counts as fresh when the
 * whole of it was fetched within the TTL (TICKETS_CACHE_LISTS), not merely when some row is recent.
 */
@ApplicationScoped
public class TicketsCache {

    /** How the owner relates to the request. Stored by name. */
    public enum Relation {
        /** "My requests". */
        REPORTER,
        /** "Assigned to me". */
        ASSIGNEE
    }

    /** One cached request. */
    public record Row(String key, String summary, String status, Priority priority, Instant created) {
    }

    private static final int SUMMARY_COLUMN = 255;
    private static final int STATUS_COLUMN = 64;

    private final EntityManager em;

    TicketsCache(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public boolean fresh(String owner, Relation relation, Duration ttl) {
        return !em.createNativeQuery("SELECT 1 FROM tickets_cache_lists WHERE owner_employee_id = ?1 "
                        + "AND relation = ?2 AND refreshed_at > ?3")
                .setParameter(1, owner).setParameter(2, relation.name())
                .setParameter(3, Timestamp.from(Instant.now().minus(ttl)))
                .getResultList().isEmpty();
    }

    /** Rows {@code offset} to {@code offset + limit - 1}, newest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Row> page(String owner, Relation relation, int offset, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT ticket_key, summary, status, priority, created_at "
                        + "FROM tickets_cache WHERE owner_employee_id = ?1 AND relation = ?2 "
                        + "ORDER BY created_at DESC, ticket_key DESC OFFSET ?3 LIMIT ?4")
                .setParameter(1, owner).setParameter(2, relation.name())
                .setParameter(3, offset).setParameter(4, limit)
                .getResultList();
        return rows.stream().map(r -> new Row((String) r[0], (String) r[1], (String) r[2],
                r[3] == null ? null : Priority.valueOf((String) r[3]), instant(r[4]))).toList();
    }

    @Transactional
    public long count(String owner, Relation relation) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM tickets_cache WHERE owner_employee_id = ?1 "
                        + "AND relation = ?2")
                .setParameter(1, owner).setParameter(2, relation.name()).getSingleResult()).longValue();
    }

    /** Replaces the owner's list with what the agent answered, and marks it fresh. */
    @Transactional
    public void replace(String owner, Relation relation, List<RequestSummary> requests) {
        em.createNativeQuery("DELETE FROM tickets_cache WHERE owner_employee_id = ?1 AND relation = ?2")
                .setParameter(1, owner).setParameter(2, relation.name()).executeUpdate();
        Instant now = Instant.now();
        requests.forEach(r -> upsert(owner, relation, r, now));
        em.createNativeQuery("INSERT INTO tickets_cache_lists (owner_employee_id, relation, refreshed_at) "
                        + "VALUES (?1, ?2, ?3) ON CONFLICT (owner_employee_id, relation) "
                        + "DO UPDATE SET refreshed_at = EXCLUDED.refreshed_at")
                .setParameter(1, owner).setParameter(2, relation.name()).setParameter(3, Timestamp.from(now))
                .executeUpdate();
    }

    /** A request just created for its reporter: added to their list without making the list fresh. */
    @Transactional
    public void remember(String owner, RequestSummary request) {
        upsert(owner, Relation.REPORTER, request, Instant.now());
    }

    /**
     * One row. A request the owner both reported and is assigned to keeps the relation it was first cached with
     * (the table's key is owner and request).
     */
    private void upsert(String owner, Relation relation, RequestSummary r, Instant now) {
        em.createNativeQuery("INSERT INTO tickets_cache (owner_employee_id, ticket_key, relation, summary, status, "
                        + "priority, created_at, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                        + "ON CONFLICT (owner_employee_id, ticket_key) DO UPDATE SET summary = EXCLUDED.summary, "
                        + "status = EXCLUDED.status, priority = EXCLUDED.priority, fetched_at = EXCLUDED.fetched_at")
                .setParameter(1, owner)
                .setParameter(2, r.key())
                .setParameter(3, relation.name())
                .setParameter(4, cut(r.summary(), SUMMARY_COLUMN))
                .setParameter(5, cut(r.status(), STATUS_COLUMN))
                .setParameter(6, r.priority() == null ? null : r.priority().name())
                .setParameter(7, Timestamp.from(r.created() == null ? now : r.created()))
                .setParameter(8, Timestamp.from(now))
                .executeUpdate();
    }

    private static String cut(String s, int max) {
        String value = s == null ? "" : s;
        return value.length() > max ? value.substring(0, max) : value;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
