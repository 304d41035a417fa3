package ua.itdesk.bot.telegram;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.BotCommand;
import com.pengrad.telegrambot.model.botcommandscope.BotCommandScopeDefault;
import com.pengrad.telegrambot.request.BaseRequest;
import com.pengrad.telegrambot.request.DeleteWebhook;
import com.pengrad.telegrambot.request.SetMyCommands;
import com.pengrad.telegrambot.request.SetWebhook;
import com.pengrad.telegrambot.response.BaseResponse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import org.jboss.logging.Logger;
import ua.itdesk.bot.config.BotConfig;
import ua.itdesk.bot.conversation.Command;
import ua.itdesk.bot.conversation.Language;

/**
 * At start-up: checks the mode's settings (a bad webhook setting stops the start), then, on a background thread
 * that keeps trying until Telegram answers, registers the webhook or removes it and starts long polling, and
 * publishes the command menu in Ukrainian (the default) and English (A7).
 */
@ApplicationScoped
public class TelegramSetup {

    private static final Logger LOG = Logger.getLogger(TelegramSetup.class);
    private static final Duration MAX_PAUSE = Duration.ofMinutes(1);

    private final TelegramBot bot;
    private final BotConfig config;
    private final LongPolling longPolling;
    private volatile boolean stopping;

    TelegramSetup(TelegramBot bot, BotConfig config, LongPolling longPolling) {
        this.bot = bot;
        this.config = config;
        this.longPolling = longPolling;
    }

    void onStart(@Observes StartupEvent event) {
        BotConfig.Telegram telegram = config.telegram();
        if (telegram.mode() == BotConfig.Mode.WEBHOOK) {
            String url = telegram.webhookUrl().orElseThrow(() ->
                    new IllegalStateException("bot.telegram.webhook-url is required in webhook mode"));
            URI uri = URI.create(url);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalStateException("bot.telegram.webhook-url must be an absolute http(s) URL");
            }
            new WebhookSecret(telegram.webhookSecret().orElse(null));
        }
        Thread setup = new Thread(this::setUp, "telegram-setup");
        setup.setDaemon(true);
        setup.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void setUp() {
        BotConfig.Telegram telegram = config.telegram();
        if (telegram.mode() == BotConfig.Mode.WEBHOOK) {
            if (!untilDone("setWebhook", () -> new SetWebhook()
                    .url(telegram.webhookUrl().orElseThrow())
                    .secretToken(telegram.webhookSecret().orElseThrow())
                    .allowedUpdates(UpdateReader.allowedUpdates()))) {
                return;
            }
            LOG.info("webhook registered; updates arrive at POST /telegram/webhook");
        } else {
            // without this, Telegram answers getUpdates with 409 while an old webhook is set
            if (!untilDone("deleteWebhook", DeleteWebhook::new)) {
                return;
            }
            longPolling.start();
        }
        for (Language language : Language.values()) {
            if (!untilDone("setMyCommands " + language.code(), () -> commands(language))) {
                return;
            }
        }
        LOG.info("command menu published in " + Arrays.toString(Language.values()));
    }

    /** Ukrainian is the default for every client language; English is added for clients set to English. */
    private static SetMyCommands commands(Language language) {
        BotCommand[] commands = Arrays.stream(Command.values())
                .filter(Command::registered)
                .map(c -> new BotCommand(c.command(), c.plain(language)))
                .toArray(BotCommand[]::new);
        SetMyCommands request = new SetMyCommands(commands).scope(new BotCommandScopeDefault());
        return language == Language.UK ? request : request.languageCode(language.code());
    }

    /** Repeats the call, pausing 1 s, 2 s, 4 s ... up to a minute, until Telegram accepts it or the bot stops. */
    private <T extends BaseRequest<T, R>, R extends BaseResponse> boolean untilDone(String what,
            java.util.function.Supplier<? extends BaseRequest<T, R>> request) {
        long pause = 1;
        while (!stopping) {
            try {
                R response = bot.execute(request.get());
                if (response.isOk()) {
                    return true;
                }
                LOG.warnf("%s refused by Telegram: %d %s; retrying in %d s", what, response.errorCode(),
                        response.description(), pause);
            } catch (RuntimeException e) {
                LOG.warnf("%s failed: %s; retrying in %d s", what, e.toString(), pause);
            }
            try {
                Thread.sleep(pause * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, MAX_PAUSE.toSeconds());
        }
        return false;
    }
}
