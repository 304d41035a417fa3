package ua.itdesk.bot.telegram;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * PROCESSED_UPDATES: the update ids already taken in (R1). Telegram redelivers an update when a webhook answer or a
 * getUpdates acknowledgement is lost; the primary key makes the first delivery win, also across bot instances.
 */
@ApplicationScoped
public class ProcessedUpdates {

    private final EntityManager em;

    ProcessedUpdates(EntityManager em) {
        this.em = em;
    }

    /** Records the update id; false when it was recorded before (a redelivery to ignore). */
    @Transactional
    public boolean markNew(long updateId, Long chatId) {
        return em.createNativeQuery("INSERT INTO processed_updates (update_id, chat_id, received_at) "
                        + "VALUES (?1, CAST(?2 AS BIGINT), now()) ON CONFLICT (update_id) DO NOTHING")
                .setParameter(1, updateId)
                .setParameter(2, chatId)
                .executeUpdate() == 1;
    }
}
