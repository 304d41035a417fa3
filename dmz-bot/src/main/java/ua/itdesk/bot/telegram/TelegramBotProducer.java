package ua.itdesk.bot.telegram;

import com.pengrad.telegrambot.TelegramBot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import okhttp3.OkHttpClient;
import ua.itdesk.bot.config.BotConfig;

/**
 * The pengrad client, pointed at {@code bot.telegram.api-url} (Telegram, a local Bot API server or the sandbox).
 * Its own request logging stays off: it would print the token, which is part of every URL.
 */
@ApplicationScoped
public class TelegramBotProducer {

    @Produces
    @Singleton
    TelegramBot telegramBot(BotConfig config) {
        String base = config.telegram().apiUrl().replaceAll("/+$", "");
        // long polls get their own, longer read timeout from pengrad on top of this one
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
        return new TelegramBot.Builder(config.telegram().token())
                .okHttpClient(http)
                .apiUrl(base + "/bot")
                .fileApiUrl(base + "/file/bot")
                .build();
    }

    void close(@Disposes TelegramBot bot) {
        bot.shutdown();
    }
}
