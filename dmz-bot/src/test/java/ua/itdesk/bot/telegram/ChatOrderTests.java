package ua.itdesk.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.testing.BotTestResources;

/**
 * R4 with several instances behind one webhook: a chat's update waits for the earlier ones another instance took,
 * against the real PostgreSQL. "other" is a second {@link ProcessedUpdates} on the same database, as another
 * instance's would be.
 */
@QuarkusTest
@WithTestResource(BotTestResources.class)
class ChatOrderTests {

    private static final AtomicLong NEXT = new AtomicLong(2_000_000_000L + (System.nanoTime() & 0xFFFFF) * 100);

    @Inject
    ProcessedUpdates processed;

    @Inject
    EntityManager em;

    /** A chat whose {@code earlier} update the {@code other} instance recorded, and its {@code later} one this one. */
    private record TwoInstances(ProcessedUpdates other, long chat, long earlier, long later) {
    }

    private TwoInstances earlierUpdateRecordedElsewhere() {
        TwoInstances t = new TwoInstances(new ProcessedUpdates(em, "other-instance"), NEXT.incrementAndGet(),
                NEXT.incrementAndGet(), NEXT.incrementAndGet());
        assertThat(t.other().markNew(t.earlier(), t.chat())).isTrue();
        assertThat(processed.markNew(t.later(), t.chat())).isTrue();
        return t;
    }

    @Test
    void anUpdateWaitsForTheChatsEarlierOneThatAnotherInstanceTookAndGoesOnOnceThatIsHandled() throws Exception {
        TwoInstances t = earlierUpdateRecordedElsewhere();

        CompletableFuture<Boolean> turn = CompletableFuture.supplyAsync(() -> awaitTurn(t.later(), t.chat(),
                Duration.ofSeconds(20)));
        Thread.sleep(500);
        assertThat(turn).as("still waiting for the other instance").isNotDone();
        t.other().markHandled(t.earlier());

        assertThat(turn.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void anEarlierUpdateThatADeadInstanceLeftUnhandledHoldsTheChatOnlyForTheWait() throws Exception {
        TwoInstances t = earlierUpdateRecordedElsewhere();

        long started = System.nanoTime();
        processed.awaitTurn(t.later(), t.chat(), Duration.ofMillis(1500));
        // held while the earlier update could still be in another instance's hands, then let go
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1000),
                Duration.ofSeconds(5));
    }

    @Test
    void anUpdateLeftUnhandledLongerAgoThanTheWaitHoldsNothingSoACrashCostsAChatOneWaitNotOnePerUpdate()
            throws Exception {
        TwoInstances t = earlierUpdateRecordedElsewhere();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE processed_updates "
                        + "SET received_at = now() - interval '1 minute' WHERE update_id = ?1")
                .setParameter(1, t.earlier()).executeUpdate());

        long started = System.nanoTime();
        assertThat(processed.awaitTurn(t.later(), t.chat(), Duration.ofSeconds(10))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void ownEarlierUpdatesLaterOnesAndOtherChatsDoNotHoldAnUpdate() throws Exception {
        ProcessedUpdates other = new ProcessedUpdates(em, "other-instance");
        long chat = NEXT.incrementAndGet();
        long otherChat = NEXT.incrementAndGet();
        long first = NEXT.incrementAndGet();
        long inOtherChat = NEXT.incrementAndGet();
        long mine = NEXT.incrementAndGet();
        long afterMine = NEXT.incrementAndGet();
        // unhandled, but in this instance's own lane (first), in another chat, or after it
        assertThat(processed.markNew(first, chat)).isTrue();
        assertThat(other.markNew(inOtherChat, otherChat)).isTrue();
        assertThat(processed.markNew(mine, chat)).isTrue();
        assertThat(other.markNew(afterMine, chat)).isTrue();

        assertThat(processed.awaitTurn(mine, chat, Duration.ofMillis(1))).isTrue();
    }

    private boolean awaitTurn(long updateId, long chat, Duration limit) {
        try {
            return processed.awaitTurn(updateId, chat, limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
