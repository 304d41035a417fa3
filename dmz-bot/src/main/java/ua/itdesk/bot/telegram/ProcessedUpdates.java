package ua.itdesk.bot.telegram;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;

/**
 * PROCESSED_UPDATES: the update ids already taken in (R1), and which of them are handled (R4). Telegram redelivers
 * an update when a webhook answer or a getUpdates acknowledgement is lost; the primary key makes the first delivery
 * win, also across bot instances. Behind one webhook, several instances each take some of a chat's updates; an
 * update then waits for the earlier ones another instance recorded, so that the chat's updates are handled in
 * order whichever instance took them.
 */
@ApplicationScoped
public class ProcessedUpdates {

    private static final long TURN_POLL_MILLIS = 20;

    private final EntityManager em;
    private final String instanceId;

    @Inject
    ProcessedUpdates(EntityManager em) {
        this(em, UUID.randomUUID().toString());
    }

    /** As another instance on the same database would be, for tests. */
    ProcessedUpdates(EntityManager em, String instanceId) {
        this.em = em;
        this.instanceId = instanceId;
    }

    /** Records the update id; false when it was recorded before (a redelivery to ignore). */
    public boolean markNew(long updateId, Long chatId) {
        return QuarkusTransaction.joiningExisting().call(() -> em.createNativeQuery("INSERT INTO processed_updates (update_id, chat_id, received_at, instance_id) "
                        + "VALUES (?1, CAST(?2 AS BIGINT), now(), ?3) ON CONFLICT (update_id) DO NOTHING")
                .setParameter(1, updateId)
                .setParameter(2, chatId)
                .setParameter(3, instanceId)
                .executeUpdate() == 1);
    }

    /** Notes that the update was handled, or will never be (dropped), so later updates of its chat go ahead. */
    public void markHandled(long updateId) {
        QuarkusTransaction.joiningExisting().run(() -> em.createNativeQuery(
                        "UPDATE processed_updates SET handled_at = now() WHERE update_id = ?1 AND handled_at IS NULL")
                .setParameter(1, updateId)
                .executeUpdate());
    }

    /**
     * Waits until no update of the chat with a lower id, recorded by another instance within the last {@code limit},
     * is left unhandled, or until {@code limit} has passed. An update left unhandled longer than that belongs to an
     * instance that died with it in hand (a crash, or this process before a restart, which records under a new id):
     * it is lost there, and holds nothing here, so a crash costs a chat one wait at most, not one per update. This
     * instance's own earlier updates need no look: its chat lane handles them first.
     *
     * @return false when it gave up waiting
     */
    public boolean awaitTurn(long updateId, long chatId, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (earlierOpenElsewhere(updateId, chatId, limit)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(TURN_POLL_MILLIS);
        }
        return true;
    }

    private boolean earlierOpenElsewhere(long updateId, long chatId, Duration limit) {
        return QuarkusTransaction.joiningExisting().call(() -> !em.createNativeQuery(
                        "SELECT 1 FROM processed_updates WHERE chat_id = ?1 AND update_id < ?2 AND handled_at IS NULL "
                                + "AND instance_id <> ?3 AND received_at > now() - ?4 * interval '1 millisecond' "
                                + "LIMIT 1")
                .setParameter(1, chatId)
                .setParameter(2, updateId)
                .setParameter(3, instanceId)
                .setParameter(4, limit.toMillis())
                .getResultList().isEmpty());
    }
}
