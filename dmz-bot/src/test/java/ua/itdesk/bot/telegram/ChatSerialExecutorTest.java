package ua.itdesk.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatSerialExecutorTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final ChatSerialExecutor chats = new ChatSerialExecutor(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksOfOneChatRunOneAtATimeInOrder() throws Exception {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            all.add(chats.submit(42, () -> {
                if (n % 17 == 0) {
                    sleep(2);
                }
                seen.add(n);
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(seen).hasSize(200).isSorted();
    }

    @Test
    void aSlowChatDoesNotHoldUpAnother() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = chats.submit(1, () -> await(release));

        chats.submit(2, () -> { }).get(5, TimeUnit.SECONDS);

        assertThat(slow).isNotDone();
        release.countDown();
        slow.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFailingTaskDoesNotStopTheChatsLaterTasks() throws Exception {
        chats.submit(3, () -> {
            throw new IllegalStateException("boom");
        });
        List<String> seen = Collections.synchronizedList(new ArrayList<>());

        chats.submit(3, () -> seen.add("after")).get(5, TimeUnit.SECONDS);

        assertThat(seen).containsExactly("after");
    }

    @Test
    void idleChatsAreForgotten() throws Exception {
        chats.submit(4, () -> { }).get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (chats.busyChats() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(chats.busyChats()).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
