package ua.itdesk.bot.telegram;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.request.GetUpdates;
import com.pengrad.telegrambot.response.GetUpdatesResponse;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import ua.itdesk.bot.config.BotConfig;

/**
 * Long-polling mode (P1): our own getUpdates loop on a dedicated thread rather than pengrad's listener, which polls
 * with timeout 0 by default and stops silently when a listener throws. Nothing ends this loop but shutdown; every
 * failure is logged and waited out with a doubling pause. The offset advances only past updates that were recorded,
 * so an update is never acknowledged to Telegram before the bot has it.
 */
@ApplicationScoped
public class LongPolling {

    private static final Logger LOG = Logger.getLogger(LongPolling.class);
    private static final int BATCH = 100;

    private final TelegramBot bot;
    private final UpdateDispatcher dispatcher;
    private final BotConfig config;
    private volatile boolean running;
    private Thread thread;

    LongPolling(TelegramBot bot, UpdateDispatcher dispatcher, BotConfig config) {
        this.bot = bot;
        this.dispatcher = dispatcher;
        this.config = config;
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "telegram-long-polling");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        int timeout = (int) Math.max(0, Math.min(50, config.telegram().pollTimeout().toSeconds()));
        LOG.infof("long polling started (getUpdates timeout %d s)", timeout);
        int offset = 0;
        int failures = 0;
        long received = 0;
        while (running) {
            Duration pause = null;
            try {
                GetUpdatesResponse response = bot.execute(new GetUpdates()
                        .offset(offset).limit(BATCH).timeout(timeout).allowedUpdates(UpdateReader.allowedUpdates()));
                if (!response.isOk()) {
                    failures++;
                    Integer retryAfter = response.parameters() == null ? null : response.parameters().retryAfter();
                    pause = retryAfter != null ? Duration.ofSeconds(retryAfter) : backoff(failures);
                    LOG.warnf("getUpdates refused: %d %s; next attempt in %s", response.errorCode(),
                            response.description(), pause);
                } else {
                    if (failures > 0) {
                        LOG.infof("getUpdates works again after %d failed attempt(s)", failures);
                        failures = 0;
                    }
                    List<Update> updates = response.updates();
                    for (int i = 0; i < updates.size(); i++) {
                        Update update = updates.get(i);
                        try {
                            dispatcher.accept(update);
                        } catch (RuntimeException e) {
                            // the rest of the batch comes again with this one; their senders learn it too
                            updates.subList(i + 1, updates.size()).forEach(dispatcher::tellNotTakenNow);
                            throw e;
                        }
                        offset = update.updateId() + 1;
                        received++;
                    }
                    if (!updates.isEmpty()) {
                        LOG.infof("received %d update(s), %d in total; next offset %d", updates.size(), received,
                                offset);
                    }
                }
            } catch (RuntimeException e) {
                failures++;
                pause = backoff(failures);
                LOG.warnf("long polling failed: %s; next attempt in %s", e.toString(), pause);
            }
            if (pause != null && !sleep(pause)) {
                break;
            }
        }
        LOG.info("long polling stopped");
    }

    private Duration backoff(int failures) {
        long seconds = 1L << Math.min(failures - 1, 10);
        Duration max = config.telegram().pollMaxBackoff();
        return Duration.ofSeconds(seconds).compareTo(max) > 0 ? max : Duration.ofSeconds(seconds);
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
