package ua.itdesk.bot.telegram;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.request.GetFile;
import com.pengrad.telegrambot.response.GetFileResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import ua.itdesk.bot.conversation.FileSource;

/**
 * {@link FileSource} over the Bot API: getFile for the path, then a streamed GET of the file URL. The URL contains
 * the bot token, so it appears in no log line or exception.
 */
@ApplicationScoped
class TelegramFileSource implements FileSource {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final TelegramBot bot;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    TelegramFileSource(TelegramBot bot) {
        this.bot = bot;
    }

    @Override
    public Download open(String fileId) throws IOException {
        GetFileResponse answer;
        try {
            answer = bot.execute(new GetFile(fileId));
        } catch (RuntimeException e) {
            throw new IOException("getFile failed: " + e.getClass().getSimpleName());
        }
        if (!answer.isOk() || answer.file() == null || answer.file().filePath() == null) {
            throw new IOException("getFile refused: " + answer.errorCode() + " " + answer.description());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(bot.getFullFilePath(answer.file())))
                .timeout(TIMEOUT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("file download failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("file download interrupted");
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("file download answered " + response.statusCode());
        }
        return new Download(response.body(), answer.file().fileSize());
    }
}
