package ua.itdesk.sandbox.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import ua.itdesk.sandbox.http.NoDelay;
import ua.itdesk.sandbox.http.StaticResources;
import ua.itdesk.sandbox.people.SeedPeople;
import ua.itdesk.sandbox.people.SeedPerson;

/**
 * Telegram Bot API stand-in (http on loopback): the bot's side at {@code /bot<token>/<method>}, files at
 * {@code /file/bot<token>/<path>}, plus a control side, in Java (the methods below) and over HTTP under
 * {@code /sandbox/api} (see {@link ControlApi}).
 *
 * <p>Private chats only; a chat's id is the user's id. As in Telegram, the bot can write to a user only after the
 * user wrote to it (otherwise 403), message ids count per chat for both sides, and updates wait (up to the bot's
 * {@code offset} acknowledgement) in one queue that either getUpdates or a webhook drains, in order.
 */
public final class TelegramStandIn implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHAT_PAGE = "/sandbox/chat/";

    private static final int MAX_TEXT = 4096;
    private static final int MAX_CAPTION = 1024;
    private static final int MAX_CALLBACK_ANSWER = 200;
    private static final int MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
    private static final int MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
    private static final int MAX_POLL_SECONDS = 50;
    private static final long MAX_WEBHOOK_BACKOFF_MILLIS = 1000;
    private static final String BOT_FIRST_NAME = "IT Desk (sandbox)";
    private static final String BOT_USERNAME = "itdesk_sandbox_bot";
    private static final Pattern COMMAND = Pattern.compile("(?<![\\w/])/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]{3,32})?(?![\\w/])");
    private static final Pattern SECRET_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern BOT_COMMAND_NAME = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Set<String> SCOPE_TYPES = Set.of("default", "all_private_chats", "all_group_chats",
            "all_chat_administrators", "chat", "chat_administrators", "chat_member");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String token;
    private final long botId;
    private final HttpClient webhookClient;
    private final Thread webhookThread;
    private final Map<String, BotMethod> methods = new HashMap<>();
    private final Map<String, String> canonicalNames = new HashMap<>();
    private final Map<String, AtomicInteger> methodCalls = new ConcurrentHashMap<>();
    private final RateLimits rateLimits = new RateLimits();
    private final AtomicInteger rateLimitHits = new AtomicInteger();
    private final List<MessageListener> messageListeners = new CopyOnWriteArrayList<>();

    /** Guards everything below; every change notifies waiters (long polls, awaitMessage, the webhook sender). */
    private final Object lock = new Object();
    private final Map<Long, TgUser> users = new LinkedHashMap<>();
    private final Map<Long, ChatState> chats = new HashMap<>();
    private final ArrayDeque<PendingUpdate> pending = new ArrayDeque<>();
    private final Map<String, Long> openCallbackQueries = new HashMap<>();
    private final List<CallbackAnswer> callbackAnswers = new ArrayList<>();
    private final List<CommandSet> commandSets = new ArrayList<>();
    private final Map<String, ArrayNode> currentCommands = new HashMap<>();
    private final Map<String, TelegramFile> files = new HashMap<>();
    private long nextUpdateId;
    private long pollGeneration;
    private long revision;
    private long fileCounter;
    private String webhookUrl;
    private String webhookSecret;
    private Set<String> allowedUpdates;
    private long lastErrorDate;
    private String lastErrorMessage;
    private int webhookFailures;
    private long nextWebhookAttemptNanos;
    private boolean closed;

    private record TgUser(long id, String firstName, String lastName, String languageCode) {
    }

    private record PendingUpdate(long updateId, String type, ObjectNode json) {
    }

    /**
     * How a file was sent, which decides how Telegram shows it: {@code field} names both the Message field and the
     * send method's parameter; file ids and paths look like Telegram's for that kind.
     */
    private enum FileKind {
        PHOTO("photo", "AgACAgIAAxkBAAI", "photos", ".jpg", "image/jpeg"),
        DOCUMENT("document", "BQACAgIAAxkBAAI", "documents", "", null),
        VOICE("voice", "AwACAgIAAxkBAAI", "voice", ".oga", "audio/ogg");

        final String field;
        final String fileIdPrefix;
        final String folder;
        final String defaultExtension;
        final String defaultMime;

        FileKind(String field, String fileIdPrefix, String folder, String defaultExtension, String defaultMime) {
            this.field = field;
            this.fileIdPrefix = fileIdPrefix;
            this.folder = folder;
            this.defaultExtension = defaultExtension;
            this.defaultMime = defaultMime;
        }
    }

    /** A result with Telegram's optional "description" next to it (setWebhook says "Webhook was set"). */
    private record Reply(JsonNode result, String description) {
    }

    @FunctionalInterface
    private interface BotMethod {
        Reply call(RequestParams p) throws BotApiException;
    }

    /** One private chat: the user's and the bot's messages, in order. */
    static final class ChatState {
        final long chatId;
        final List<StoredMessage> messages = new ArrayList<>();
        final List<ObjectNode> notices = new ArrayList<>();
        int nextMessageId = 1;
        boolean started;
        boolean botBlocked;
        JsonNode replyKeyboard;
        long revision;

        ChatState(long chatId) {
            this.chatId = chatId;
        }

        StoredMessage find(long messageId) {
            for (StoredMessage m : messages) {
                if (m.messageId == messageId) {
                    return m;
                }
            }
            return null;
        }
    }

    /** A message as it stands: the raw text as sent (with markup) and the text and entities a client shows. */
    static final class StoredMessage {
        final long chatId;
        final long messageId;
        final boolean fromBot;
        final Instant date;
        String rawText;
        String parseMode;
        String visibleText;
        ArrayNode entities;
        JsonNode replyMarkup;
        JsonNode contact;
        TelegramFile file;
        Long replyTo;
        Instant editDate;
        int editCount;

        StoredMessage(long chatId, long messageId, boolean fromBot, Instant date) {
            this.chatId = chatId;
            this.messageId = messageId;
            this.fromBot = fromBot;
            this.date = date;
        }

        SentMessage snapshot() {
            return new SentMessage(chatId, messageId, rawText == null ? "" : rawText, parseMode,
                    replyMarkup == null ? null : replyMarkup.deepCopy(), date, editCount, file, replyTo);
        }
    }

    private TelegramStandIn(HttpServer server, ExecutorService executor, String token) {
        this.server = server;
        this.executor = executor;
        this.token = token;
        int colon = token.indexOf(':');
        long id;
        try {
            id = Long.parseLong(colon > 0 ? token.substring(0, colon) : token);
        } catch (NumberFormatException e) {
            id = 7_000_000_001L;
        }
        this.botId = id;
        // Update ids keep growing across restarts, as Telegram's do, so a bot's de-duplication never mistakes a
        // new update for one it saw in an earlier sandbox run (pengrad reads them as 32-bit ints).
        long epochSeconds = Instant.now().getEpochSecond();
        this.nextUpdateId = Math.floorMod((epochSeconds - 1_700_000_000L) * 10, 1_900_000_000L) + 1;
        this.webhookClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.webhookThread = new Thread(this::deliverWebhooks, "telegram-webhook-delivery");
        this.webhookThread.setDaemon(true);
        registerMethods();
    }

    /** Starts on 127.0.0.1; {@code port} 0 picks any free port. */
    public static TelegramStandIn start(int port, String botToken) {
        return start(InetAddress.getLoopbackAddress(), port, botToken);
    }

    /** Starts on the given address (all interfaces, for example, when the bot runs in another namespace). */
    public static TelegramStandIn start(InetAddress listenAddress, int port, String botToken) {
        if (botToken == null || botToken.isBlank() || botToken.contains("/")) {
            throw new IllegalArgumentException("a bot token like 123456:ABC... is required");
        }
        try {
            NoDelay.forHttpServers();
            HttpServer server = HttpServer.create(new InetSocketAddress(listenAddress, port), 128);
            AtomicInteger threads = new AtomicInteger();
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "telegram-stand-in-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            TelegramStandIn t = new TelegramStandIn(server, executor, botToken);
            ControlApi control = new ControlApi(t);
            server.createContext("/bot", t::handleBot);
            server.createContext("/file/bot", t::handleFile);
            server.createContext(ControlApi.PREFIX, control::handle);
            server.createContext(CHAT_PAGE.substring(0, CHAT_PAGE.length() - 1),
                    new StaticResources(CHAT_PAGE, "sandbox/web/chat"));
            server.createContext("/", t::handleRoot);
            server.start();
            t.webhookThread.start();
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The chat page, where a person talks to the bot as any seeded user ({@code ?as=<telegram user id>}). */
    public String chatPageUrl() {
        return baseUrl() + CHAT_PAGE;
    }

    /** {@code baseUrl() + "/bot"}, for pengrad's {@code TelegramBot.Builder(token).apiUrl(...)}. */
    public String apiUrl() {
        return baseUrl() + "/bot";
    }

    /** {@code baseUrl() + "/file/bot"}, for pengrad's {@code .fileApiUrl(...)}. */
    public String fileApiUrl() {
        return baseUrl() + "/file/bot";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The bot's user id (the digits before the colon in its token). */
    public long botId() {
        return botId;
    }

    public String botUsername() {
        return BOT_USERNAME;
    }

    // ---------------------------------------------------------------- acting as a user

    /** Registers or renames a user; idempotent. Seeded people are registered on first use anyway. */
    public void user(long id, String firstName, String lastName, String languageCode) {
        if (firstName == null || firstName.isBlank()) {
            throw new IllegalArgumentException("Telegram users always have a first name");
        }
        synchronized (lock) {
            users.put(id, new TgUser(id, firstName, blankToNull(lastName), blankToNull(languageCode)));
            chats.computeIfAbsent(id, ChatState::new);
            changed(chats.get(id));
        }
    }

    /** The user writes to the bot; "/cmd" texts carry a bot_command entity. Returns the update_id. */
    public long sendText(long userId, String text) {
        return userMessage(userId, null, m -> {
            requireText(text);
            m.rawText = text;
            m.visibleText = text;
            m.entities = commandEntities(text);
        });
    }

    /**
     * The user shares a contact. Telegram fills {@code contact.user_id} only for a user's own contact (shared with the
     * request_contact button) or a known Telegram user; pass null for a typed or forwarded number.
     */
    public long sendContact(long userId, String phoneNumber, Long contactUserId, String firstName) {
        return userMessage(userId, null, m -> {
            ObjectNode contact = JSON.createObjectNode();
            contact.put("phone_number", phoneNumber);
            contact.put("first_name", firstName == null || firstName.isBlank() ? "Contact" : firstName);
            if (contactUserId != null) {
                contact.put("user_id", contactUserId);
            }
            m.contact = contact;
        });
    }

    /** The user presses an inline button of the bot's message; the callback query carries that message. */
    public long pressButton(long userId, long messageId, String callbackData) {
        synchronized (lock) {
            TgUser u = ensureUser(userId);
            ChatState chat = chats.get(userId);
            StoredMessage m = chat.find(messageId);
            if (m == null || !m.fromBot) {
                throw new IllegalArgumentException("no bot message " + messageId + " in chat " + userId);
            }
            chat.started = true;
            String id = Long.toString(RANDOM.nextLong() & Long.MAX_VALUE);
            openCallbackQueries.put(id, userId);
            ObjectNode query = JSON.createObjectNode();
            query.put("id", id);
            query.set("from", userJson(u));
            query.set("message", messageJson(chat, m, false));
            query.put("chat_instance", Long.toString(Math.abs((userId * 31 + botId) % 9_000_000_000_000_000L)));
            if (callbackData != null) {
                query.put("data", callbackData);
            }
            return enqueue("callback_query", query, chat);
        }
    }

    /** The user replies (Telegram's "Reply") to a message of the chat. */
    public long replyTo(long userId, long replyToMessageId, String text) {
        return userMessage(userId, replyToMessageId, m -> {
            requireText(text);
            m.rawText = text;
            m.visibleText = text;
            m.entities = commandEntities(text);
        });
    }

    /** The user sends a picture (JPEG or PNG bytes), with an optional caption. */
    public long sendPhoto(long userId, byte[] image, String caption) {
        return sendPhoto(userId, image, caption, null);
    }

    /** The user sends a picture, replying to a message of the chat ({@code replyToMessageId} null: no reply). */
    public long sendPhoto(long userId, byte[] image, String caption, Long replyToMessageId) {
        return userMessage(userId, replyToMessageId, m -> {
            m.file = newFile(FileKind.PHOTO, "photo.jpg", "image/jpeg", image, 0);
            setCaption(m, caption);
        });
    }

    /** The user sends a file. */
    public long sendDocument(long userId, String fileName, String mimeType, byte[] content, String caption) {
        return sendDocument(userId, fileName, mimeType, content, caption, null);
    }

    /** The user sends a file, replying to a message of the chat ({@code replyToMessageId} null: no reply). */
    public long sendDocument(long userId, String fileName, String mimeType, byte[] content, String caption,
            Long replyToMessageId) {
        return userMessage(userId, replyToMessageId, m -> {
            m.file = newFile(FileKind.DOCUMENT, fileName, mimeType, content, 0);
            setCaption(m, caption);
        });
    }

    /**
     * The user records a voice note (OGG/Opus bytes, as Telegram clients record them; not checked) of
     * {@code durationSeconds}, with an optional caption, optionally replying to a message of the chat.
     */
    public long sendVoice(long userId, byte[] ogg, int durationSeconds, String caption, Long replyToMessageId) {
        if (durationSeconds < 0) {
            throw new IllegalArgumentException("a voice note's duration is 0 or more seconds");
        }
        return userMessage(userId, replyToMessageId, m -> {
            m.file = newFile(FileKind.VOICE, null, "audio/ogg", ogg, durationSeconds);
            setCaption(m, caption);
        });
    }

    /**
     * The user edits one of their messages: the text of a text message, or the caption of a media message (null or
     * empty removes it). The message changes in place and the bot gets an {@code edited_message} update with the same
     * message_id and an {@code edit_date}; returns its update_id. NoSuchElementException when the chat has no such
     * message; IllegalArgumentException for the bot's messages, a contact, or an edit that changes nothing (a client
     * sends none).
     */
    public long editMessage(long userId, long messageId, String newTextOrCaption) {
        synchronized (lock) {
            ChatState chat = chats.get(userId);
            StoredMessage m = chat == null ? null : chat.find(messageId);
            if (m == null) {
                throw new NoSuchElementException("no message " + messageId + " in chat " + userId);
            }
            if (m.fromBot) {
                throw new IllegalArgumentException("message " + messageId + " is the bot's: users edit only their own");
            }
            if (m.contact != null) {
                throw new IllegalArgumentException("a shared contact cannot be edited");
            }
            String newRaw;
            if (m.file == null) {
                requireText(newTextOrCaption);
                newRaw = newTextOrCaption;
            } else {
                newRaw = newTextOrCaption == null || newTextOrCaption.isEmpty() ? null : newTextOrCaption;
                if (newRaw != null && newRaw.length() > MAX_CAPTION) {
                    throw new IllegalArgumentException("captions are at most " + MAX_CAPTION + " characters");
                }
            }
            if (Objects.equals(newRaw, m.rawText)) {
                throw new IllegalArgumentException("the edit changes nothing in message " + messageId);
            }
            m.rawText = newRaw;
            m.visibleText = newRaw;
            m.entities = newRaw == null ? null : commandEntities(newRaw);
            edited(chat, m);
            return enqueue("edited_message", messageJson(chat, m, true), chat);
        }
    }

    /** The id of the newest message the user wrote in their chat with the bot, 0 when there is none. */
    public long lastMessageIdFrom(long userId) {
        synchronized (lock) {
            ChatState chat = chats.get(userId);
            if (chat == null) {
                return 0;
            }
            for (int i = chat.messages.size() - 1; i >= 0; i--) {
                if (!chat.messages.get(i).fromBot) {
                    return chat.messages.get(i).messageId;
                }
            }
            return 0;
        }
    }

    /** Queues an arbitrary update (for fuzzing); update_id is assigned. The JSON must be an object. */
    public long sendRawUpdate(String updateJsonWithoutUpdateId) {
        JsonNode tree;
        try {
            tree = JSON.readTree(updateJsonWithoutUpdateId);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("an update is a JSON object");
        }
        ObjectNode body = ((ObjectNode) tree).deepCopy();
        body.remove("update_id");
        Iterator<String> names = body.fieldNames();
        String type = names.hasNext() ? names.next() : "unknown";
        synchronized (lock) {
            // A crafted update from a known user opens their chat, as any real message of theirs would.
            JsonNode payload = body.path(type);
            for (JsonNode id : List.of(payload.path("chat").path("id"), payload.path("from").path("id"))) {
                ChatState chat = id.canConvertToLong() ? chats.get(id.asLong()) : null;
                if (chat != null && users.containsKey(chat.chatId)) {
                    chat.started = true;
                }
            }
            long id = nextUpdateId++;
            ObjectNode update = JSON.createObjectNode();
            update.put("update_id", id);
            update.setAll(body);
            pending.addLast(new PendingUpdate(id, type, update));
            changed(null);
            return id;
        }
    }

    /** The user blocks (or unblocks) the bot: sending to them answers 403 "bot was blocked by the user". */
    public void setBotBlocked(long userId, boolean blocked) {
        synchronized (lock) {
            ensureUser(userId);
            ChatState chat = chats.get(userId);
            chat.botBlocked = blocked;
            changed(chat);
        }
    }

    // ---------------------------------------------------------------- what the bot did

    /** The bot's messages in this chat, oldest first, as they stand now (deleted ones are gone). */
    public List<SentMessage> messagesTo(long chatId) {
        synchronized (lock) {
            ChatState chat = chats.get(chatId);
            if (chat == null) {
                return List.of();
            }
            return chat.messages.stream().filter(m -> m.fromBot).map(StoredMessage::snapshot).toList();
        }
    }

    /**
     * The newest bot message in the chat that satisfies the condition, waiting for it up to {@code timeout}; the
     * condition sees messages as they stand, so an edit can satisfy it. IllegalStateException with a dump of the
     * chat on timeout.
     */
    public SentMessage awaitMessage(long chatId, Predicate<SentMessage> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                ChatState chat = chats.get(chatId);
                if (chat != null) {
                    for (int i = chat.messages.size() - 1; i >= 0; i--) {
                        StoredMessage m = chat.messages.get(i);
                        if (m.fromBot) {
                            SentMessage s = m.snapshot();
                            if (condition.test(s)) {
                                return s;
                            }
                        }
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || closed) {
                    throw new IllegalStateException("no matching bot message in chat " + chatId + " within "
                            + timeout + "; the chat:\n" + dump(chat));
                }
                waitOnLock(remaining);
            }
        }
    }

    /** Every setMyCommands call, in order. */
    public List<CommandSet> commands() {
        synchronized (lock) {
            return List.copyOf(commandSets);
        }
    }

    /** Every answerCallbackQuery call, in order. */
    public List<CallbackAnswer> callbackAnswers() {
        synchronized (lock) {
            return List.copyOf(callbackAnswers);
        }
    }

    public Optional<String> webhookUrl() {
        synchronized (lock) {
            return Optional.ofNullable(webhookUrl);
        }
    }

    /** Method name (as Telegram spells it) -&gt; calls with the right token, successful or not. */
    public Map<String, Integer> methodCalls() {
        Map<String, Integer> copy = new TreeMap<>();
        methodCalls.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Updates queued and not yet acknowledged (getUpdates offset) or delivered (webhook). */
    public int pendingUpdateCount() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** The file of a message (the user's or the bot's), if it has one. */
    public Optional<TelegramFile> fileOf(long chatId, long messageId) {
        synchronized (lock) {
            ChatState chat = chats.get(chatId);
            StoredMessage m = chat == null ? null : chat.find(messageId);
            return Optional.ofNullable(m == null ? null : m.file);
        }
    }

    /** The reply keyboard the user currently sees in this chat (the last one the bot sent and did not remove). */
    public Optional<JsonNode> replyKeyboardOf(long chatId) {
        synchronized (lock) {
            ChatState chat = chats.get(chatId);
            return Optional.ofNullable(chat == null || chat.replyKeyboard == null ? null : chat.replyKeyboard.deepCopy());
        }
    }

    /**
     * Telegram's flood limits for the bot's sending methods (send*, copyMessage, edits): at most
     * {@code globalPerSecond} overall and {@code perChatPerSecond} per chat in any one-second window; 0 turns a
     * limit off (the default). Excess calls answer 429 with {@code parameters.retry_after}.
     */
    public void setRateLimits(int globalPerSecond, int perChatPerSecond) {
        rateLimits.configure(globalPerSecond, perChatPerSecond);
    }

    /** How many calls were refused with 429 so far. */
    public int rateLimitHits() {
        return rateLimitHits.get();
    }

    /**
     * Measurement hook (the benchmarks): told of every new message in any chat, a user's as it arrives and the
     * bot's as its send call is taken, with {@link System#nanoTime()} at that moment. Called under the stand-in's
     * lock, so it must be quick and must not call back into the stand-in.
     */
    public void addMessageListener(MessageListener listener) {
        messageListeners.add(listener);
    }

    /** See {@link #addMessageListener}. */
    @FunctionalInterface
    public interface MessageListener {
        /** {@code message} as it stands when stored; {@code fromBot} tells the side. */
        void stored(SentMessage message, boolean fromBot, long nanoTime);
    }

    /**
     * Serves something else on this server, such as the sandbox's chat page, so that it calls {@code /sandbox/api}
     * from the same origin.
     */
    public void serve(String contextPath, HttpHandler handler) {
        server.createContext(contextPath, handler);
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        server.stop(0);
        webhookThread.interrupt();
        executor.shutdownNow();
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    // ---------------------------------------------------------------- HTTP: bot side

    /** The bare address leads people to the chat page; anything else unknown is the Bot API's 404. */
    private void handleRoot(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals("/") && exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Location", CHAT_PAGE);
                exchange.sendResponseHeaders(302, -1);
            } else {
                reply(exchange, 404, error(404, "Not Found", null));
            }
        }
    }

    private void handleBot(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath().substring("/bot".length());
            int slash = path.indexOf('/');
            if (slash < 0) {
                reply(exchange, 404, error(404, "Not Found", null));
                return;
            }
            String givenToken = URLDecoder.decode(path.substring(0, slash), StandardCharsets.UTF_8);
            if (!givenToken.equals(token)) {
                reply(exchange, 401, error(401, "Unauthorized", null));
                return;
            }
            String name = path.substring(slash + 1).toLowerCase(Locale.ROOT);
            BotMethod method = methods.get(name);
            if (method == null) {
                reply(exchange, 404, error(404, "Not Found", null));
                return;
            }
            methodCalls.computeIfAbsent(canonicalNames.get(name), k -> new AtomicInteger()).incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                RequestParams params = RequestParams.parse(exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body, JSON);
                Reply r = method.call(params);
                ObjectNode envelope = JSON.createObjectNode();
                envelope.put("ok", true);
                envelope.set("result", r.result());
                if (r.description() != null) {
                    envelope.put("description", r.description());
                }
                reply(exchange, 200, envelope);
            } catch (BotApiException e) {
                if (e.errorCode() == 429) {
                    rateLimitHits.incrementAndGet();
                }
                reply(exchange, e.errorCode(), error(e.errorCode(), e.getMessage(), e.retryAfter()));
            } catch (RuntimeException e) {
                reply(exchange, 500, error(500, "Internal Server Error: " + e, null));
            }
        }
    }

    private void handleFile(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/file/bot".length());
            int slash = path.indexOf('/');
            if (slash < 0 || !path.substring(0, slash).equals(token)) {
                reply(exchange, 401, error(401, "Unauthorized", null));
                return;
            }
            String filePath = path.substring(slash + 1);
            TelegramFile file;
            synchronized (lock) {
                file = files.values().stream().filter(f -> f.filePath().equals(filePath)).findFirst().orElse(null);
            }
            if (file == null) {
                reply(exchange, 404, error(404, "Not Found", null));
                return;
            }
            exchange.getResponseHeaders().set("Content-Type",
                    file.mimeType() == null ? "application/octet-stream" : file.mimeType());
            exchange.sendResponseHeaders(200, file.content().length);
            exchange.getResponseBody().write(file.content());
        }
    }

    void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static ObjectNode error(int code, String description, Integer retryAfter) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ok", false);
        n.put("error_code", code);
        n.put("description", description);
        if (retryAfter != null) {
            n.putObject("parameters").put("retry_after", retryAfter);
        }
        return n;
    }

    private void method(String name, BotMethod m) {
        methods.put(name.toLowerCase(Locale.ROOT), m);
        canonicalNames.put(name.toLowerCase(Locale.ROOT), name);
    }

    private void registerMethods() {
        method("getMe", p -> ok(botUserJson(true)));
        method("getUpdates", this::getUpdates);
        method("setWebhook", this::setWebhook);
        method("deleteWebhook", this::deleteWebhook);
        method("getWebhookInfo", p -> ok(webhookInfo()));
        method("sendMessage", this::sendMessage);
        method("sendPhoto", p -> sendFile(p, FileKind.PHOTO));
        method("sendDocument", p -> sendFile(p, FileKind.DOCUMENT));
        method("sendVoice", p -> sendFile(p, FileKind.VOICE));
        method("copyMessage", this::copyMessage);
        method("sendChatAction", this::sendChatAction);
        method("editMessageText", this::editMessageText);
        method("editMessageCaption", this::editMessageCaption);
        method("editMessageReplyMarkup", this::editMessageReplyMarkup);
        method("deleteMessage", this::deleteMessage);
        method("answerCallbackQuery", this::answerCallbackQuery);
        method("setMyCommands", this::setMyCommands);
        method("getMyCommands", this::getMyCommands);
        method("deleteMyCommands", this::deleteMyCommands);
        method("getFile", this::getFile);
    }

    private static Reply ok(JsonNode result) {
        return new Reply(result, null);
    }

    private static Reply okTrue(String description) {
        return new Reply(JSON.getNodeFactory().booleanNode(true), description);
    }

    // ---------------------------------------------------------------- updates: long polling and webhook

    private Reply getUpdates(RequestParams p) throws BotApiException {
        Long offset = p.longValue("offset");
        int limit = Math.max(1, Math.min(100, p.intValue("limit", 100)));
        int timeout = Math.max(0, Math.min(MAX_POLL_SECONDS, p.intValue("timeout", 0)));
        Set<String> allowed = allowedUpdates(p);
        long deadline = System.nanoTime() + timeout * 1_000_000_000L;
        synchronized (lock) {
            if (webhookUrl != null) {
                throw webhookConflict();
            }
            if (allowed != null) {
                allowedUpdates = allowed;
            }
            long generation = ++pollGeneration;
            lock.notifyAll(); // an older long poll still waiting is terminated, as in Telegram
            if (offset != null && offset != 0) {
                acknowledge(offset);
            }
            while (true) {
                ArrayNode result = JSON.createArrayNode();
                for (Iterator<PendingUpdate> it = pending.iterator(); it.hasNext() && result.size() < limit;) {
                    PendingUpdate u = it.next();
                    if (!wanted(u)) {
                        it.remove();
                        continue;
                    }
                    result.add(u.json().deepCopy());
                }
                long remaining = deadline - System.nanoTime();
                if (result.size() > 0 || remaining <= 0 || closed) {
                    return ok(result);
                }
                waitOnLock(remaining);
                if (pollGeneration != generation) {
                    throw new BotApiException(409, "Conflict: terminated by other getUpdates request; make sure that"
                            + " only one bot instance is running");
                }
                if (webhookUrl != null) {
                    throw webhookConflict();
                }
            }
        }
    }

    private static BotApiException webhookConflict() {
        return new BotApiException(409, "Conflict: can't use getUpdates method while webhook is active; use"
                + " deleteWebhook to delete the webhook first");
    }

    /** Telegram forgets every update before {@code offset}; a negative offset keeps only the last -offset ones. */
    private void acknowledge(long offset) {
        if (offset > 0) {
            while (!pending.isEmpty() && pending.peekFirst().updateId() < offset) {
                pending.removeFirst();
            }
        } else {
            while (pending.size() > -offset) {
                pending.removeFirst();
            }
        }
        changed(null);
    }

    /**
     * Whether the bot asked for updates of this type: an empty or absent allowed_updates means all the types the
     * stand-in produces (Telegram's default leaves out only member and reaction updates, which it makes only as raw
     * updates).
     */
    private boolean wanted(PendingUpdate u) {
        return allowedUpdates == null || allowedUpdates.isEmpty() || allowedUpdates.contains(u.type());
    }

    private Set<String> allowedUpdates(RequestParams p) throws BotApiException {
        JsonNode allowed = p.json("allowed_updates", "can't parse allowed_updates JSON array");
        if (allowed == null) {
            return null;
        }
        if (!allowed.isArray()) {
            throw BotApiException.badRequest("can't parse allowed_updates JSON array");
        }
        Set<String> types = new LinkedHashSet<>();
        allowed.forEach(t -> types.add(t.asText()));
        return types;
    }

    private Reply setWebhook(RequestParams p) throws BotApiException {
        String url = p.string("url");
        if (url == null || url.isBlank()) {
            return deleteWebhook(p);
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw BotApiException.badRequest("bad webhook: invalid webhook URL specified");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw BotApiException.badRequest("bad webhook: invalid webhook URL specified");
        }
        String secret = p.string("secret_token");
        if (secret != null && !secret.isEmpty() && !SECRET_TOKEN.matcher(secret).matches()) {
            throw BotApiException.badRequest("secret token contains unallowed characters");
        }
        Set<String> allowed = allowedUpdates(p);
        synchronized (lock) {
            boolean same = uri.toString().equals(webhookUrl);
            webhookUrl = uri.toString();
            webhookSecret = secret == null || secret.isEmpty() ? null : secret;
            if (allowed != null) {
                allowedUpdates = allowed;
            }
            if (p.bool("drop_pending_updates")) {
                pending.clear();
            }
            webhookFailures = 0;
            nextWebhookAttemptNanos = 0;
            changed(null);
            return okTrue(same ? "Webhook is already set" : "Webhook was set");
        }
    }

    private Reply deleteWebhook(RequestParams p) {
        synchronized (lock) {
            boolean had = webhookUrl != null;
            webhookUrl = null;
            webhookSecret = null;
            if (p.bool("drop_pending_updates")) {
                pending.clear();
            }
            changed(null);
            return okTrue(had ? "Webhook was deleted" : "Webhook is already deleted");
        }
    }

    private ObjectNode webhookInfo() {
        synchronized (lock) {
            ObjectNode n = JSON.createObjectNode();
            n.put("url", webhookUrl == null ? "" : webhookUrl);
            n.put("has_custom_certificate", false);
            n.put("pending_update_count", pending.size());
            if (webhookUrl != null) {
                if (lastErrorDate > 0) {
                    n.put("last_error_date", lastErrorDate);
                    n.put("last_error_message", lastErrorMessage);
                }
                n.put("max_connections", 40);
                if (allowedUpdates != null && !allowedUpdates.isEmpty()) {
                    ArrayNode a = n.putArray("allowed_updates");
                    allowedUpdates.forEach(a::add);
                }
            }
            return n;
        }
    }

    /** One update at a time, in order; a non-2xx answer or a network error is retried with a short backoff. */
    private void deliverWebhooks() {
        while (true) {
            PendingUpdate next;
            String url;
            String secret;
            synchronized (lock) {
                while (true) {
                    if (closed) {
                        return;
                    }
                    long wait = nextWebhookAttemptNanos - System.nanoTime();
                    if (webhookUrl != null && !pending.isEmpty() && wait <= 0) {
                        break;
                    }
                    try {
                        if (webhookUrl != null && !pending.isEmpty()) {
                            waitOnLockInterruptibly(wait);
                        } else {
                            lock.wait();
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                next = pending.peekFirst();
                if (!wanted(next)) {
                    pending.removeFirst();
                    continue;
                }
                url = webhookUrl;
                secret = webhookSecret;
            }
            String failure = post(url, secret, next);
            synchronized (lock) {
                if (failure == null) {
                    if (!pending.isEmpty() && pending.peekFirst() == next) {
                        pending.removeFirst();
                    }
                    webhookFailures = 0;
                    nextWebhookAttemptNanos = 0;
                } else {
                    webhookFailures++;
                    lastErrorDate = Instant.now().getEpochSecond();
                    lastErrorMessage = failure;
                    long backoff = Math.min(MAX_WEBHOOK_BACKOFF_MILLIS, 50L << Math.min(10, webhookFailures));
                    nextWebhookAttemptNanos = System.nanoTime() + backoff * 1_000_000L;
                }
                changed(null);
            }
        }
    }

    /** null on success, otherwise Telegram's last_error_message. */
    private String post(String url, String secret, PendingUpdate update) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(update.json())));
            if (secret != null) {
                request.header("X-Telegram-Bot-Api-Secret-Token", secret);
            }
            HttpResponse<Void> response = webhookClient.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "Wrong response from the webhook: " + status;
        } catch (IOException e) {
            return "Connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted";
        } catch (IllegalArgumentException e) {
            return "Invalid webhook URL";
        }
    }

    // ---------------------------------------------------------------- sending and editing

    private Reply sendMessage(RequestParams p) throws BotApiException {
        String text = p.string("text");
        String parseMode = parseMode(p);
        ChatState chat;
        synchronized (lock) {
            chat = resolveChat(p.string("chat_id"));
        }
        if (text == null || text.isEmpty()) {
            throw BotApiException.badRequest("message text is empty");
        }
        TelegramHtml.Parsed parsed = render(text, parseMode);
        if (parsed.text().isBlank()) {
            throw BotApiException.badRequest("message text is empty");
        }
        if (parsed.text().length() > MAX_TEXT) {
            throw BotApiException.badRequest("message is too long");
        }
        JsonNode markup = Keyboards.validate(p, false);
        Long replyTo = replyTarget(p);
        synchronized (lock) {
            checkReplyTarget(chat, replyTo, p);
            throttle(chat.chatId);
            StoredMessage m = newMessage(chat, true);
            m.rawText = text;
            m.parseMode = parseMode;
            m.visibleText = parsed.text();
            m.entities = entitiesJson(parsed.entities());
            setMarkup(chat, m, markup);
            m.replyTo = replyTo;
            changed(chat);
            told(m);
            return ok(messageJson(chat, m, true));
        }
    }

    private Reply sendFile(RequestParams p, FileKind kind) throws BotApiException {
        String parseMode = parseMode(p);
        ChatState chat;
        synchronized (lock) {
            chat = resolveChat(p.string("chat_id"));
        }
        String caption = p.string("caption");
        TelegramHtml.Parsed parsedCaption = caption == null || caption.isEmpty() ? null : render(caption, parseMode);
        if (parsedCaption != null && parsedCaption.text().length() > MAX_CAPTION) {
            throw BotApiException.badRequest("message caption is too long");
        }
        JsonNode markup = Keyboards.validate(p, false);
        Long replyTo = replyTarget(p);
        synchronized (lock) {
            TelegramFile file = inputFile(p, kind);
            checkReplyTarget(chat, replyTo, p);
            throttle(chat.chatId);
            StoredMessage m = newMessage(chat, true);
            m.file = file;
            if (parsedCaption != null) {
                m.rawText = caption;
                m.parseMode = parseMode;
                m.visibleText = parsedCaption.text();
                m.entities = entitiesJson(parsedCaption.entities());
            }
            setMarkup(chat, m, markup);
            m.replyTo = replyTo;
            changed(chat);
            told(m);
            return ok(messageJson(chat, m, true));
        }
    }

    private Reply copyMessage(RequestParams p) throws BotApiException {
        String parseMode = parseMode(p);
        JsonNode markup = Keyboards.validate(p, false);
        synchronized (lock) {
            ChatState target = resolveChat(p.string("chat_id"));
            Long fromChatId = p.longValue("from_chat_id");
            ChatState source = fromChatId == null ? null : chats.get(fromChatId);
            if (source == null) {
                throw BotApiException.badRequest("chat not found");
            }
            Long messageId = p.longValue("message_id");
            StoredMessage original = messageId == null ? null : source.find(messageId);
            if (original == null) {
                throw BotApiException.badRequest("message to copy not found");
            }
            throttle(target.chatId);
            StoredMessage m = newMessage(target, true);
            m.file = original.file;
            m.contact = original.contact == null ? null : original.contact.deepCopy();
            if (p.has("caption") && original.file != null) {
                String caption = p.string("caption");
                TelegramHtml.Parsed parsed = render(caption, parseMode);
                m.rawText = caption;
                m.parseMode = parseMode;
                m.visibleText = parsed.text();
                m.entities = entitiesJson(parsed.entities());
            } else {
                m.rawText = original.visibleText;
                m.visibleText = original.visibleText;
                m.entities = original.entities == null ? null : original.entities.deepCopy();
            }
            setMarkup(target, m, markup);
            changed(target);
            told(m);
            ObjectNode result = JSON.createObjectNode();
            result.put("message_id", m.messageId);
            return ok(result);
        }
    }

    private Reply sendChatAction(RequestParams p) throws BotApiException {
        synchronized (lock) {
            resolveChat(p.string("chat_id"));
        }
        if (p.string("action") == null) {
            throw BotApiException.badRequest("action is empty");
        }
        return okTrue(null);
    }

    private Reply editMessageText(RequestParams p) throws BotApiException {
        String text = p.string("text");
        String parseMode = parseMode(p);
        if (text == null || text.isEmpty()) {
            throw BotApiException.badRequest("message text is empty");
        }
        TelegramHtml.Parsed parsed = render(text, parseMode);
        if (parsed.text().length() > MAX_TEXT) {
            throw BotApiException.badRequest("MESSAGE_TOO_LONG");
        }
        JsonNode markup = Keyboards.validate(p, true);
        synchronized (lock) {
            ChatState chat = resolveChat(p.string("chat_id"));
            StoredMessage m = messageToEdit(chat, p);
            if (m.file != null) {
                throw BotApiException.badRequest("there is no text in the message to edit");
            }
            if (text.equals(m.rawText) && Objects.equals(parseMode, m.parseMode)
                    && Objects.equals(markup, m.replyMarkup)) {
                throw notModified();
            }
            throttle(chat.chatId);
            m.rawText = text;
            m.parseMode = parseMode;
            m.visibleText = parsed.text();
            m.entities = entitiesJson(parsed.entities());
            m.replyMarkup = markup; // Telegram drops the inline keyboard unless the edit repeats it
            edited(chat, m);
            return ok(messageJson(chat, m, true));
        }
    }

    private Reply editMessageCaption(RequestParams p) throws BotApiException {
        String caption = p.string("caption");
        String parseMode = parseMode(p);
        TelegramHtml.Parsed parsed = caption == null || caption.isEmpty() ? null : render(caption, parseMode);
        if (parsed != null && parsed.text().length() > MAX_CAPTION) {
            throw BotApiException.badRequest("message caption is too long");
        }
        JsonNode markup = Keyboards.validate(p, true);
        synchronized (lock) {
            ChatState chat = resolveChat(p.string("chat_id"));
            StoredMessage m = messageToEdit(chat, p);
            if (m.file == null) {
                throw BotApiException.badRequest("there is no caption in the message to edit");
            }
            String newRaw = parsed == null ? null : caption;
            if (Objects.equals(newRaw, m.rawText) && Objects.equals(markup, m.replyMarkup)) {
                throw notModified();
            }
            throttle(chat.chatId);
            m.rawText = newRaw;
            m.parseMode = parsed == null ? null : parseMode;
            m.visibleText = parsed == null ? null : parsed.text();
            m.entities = parsed == null ? null : entitiesJson(parsed.entities());
            m.replyMarkup = markup;
            edited(chat, m);
            return ok(messageJson(chat, m, true));
        }
    }

    private Reply editMessageReplyMarkup(RequestParams p) throws BotApiException {
        JsonNode markup = Keyboards.validate(p, true);
        synchronized (lock) {
            ChatState chat = resolveChat(p.string("chat_id"));
            StoredMessage m = messageToEdit(chat, p);
            if (Objects.equals(markup, m.replyMarkup)
                    || (markup == null && !Keyboards.isInline(m.replyMarkup))) {
                throw notModified();
            }
            throttle(chat.chatId);
            m.replyMarkup = markup;
            edited(chat, m);
            return ok(messageJson(chat, m, true));
        }
    }

    private StoredMessage messageToEdit(ChatState chat, RequestParams p) throws BotApiException {
        if (p.has("inline_message_id")) {
            throw BotApiException.badRequest("MESSAGE_ID_INVALID");
        }
        Long messageId = p.longValue("message_id");
        if (messageId == null) {
            throw BotApiException.badRequest("message identifier is not specified");
        }
        StoredMessage m = chat.find(messageId);
        if (m == null) {
            throw BotApiException.badRequest("message to edit not found");
        }
        if (!m.fromBot) {
            throw BotApiException.badRequest("message can't be edited");
        }
        return m;
    }

    private static BotApiException notModified() {
        return BotApiException.badRequest("message is not modified: specified new message content and reply markup"
                + " are exactly the same as a current content and reply markup of the message");
    }

    private void edited(ChatState chat, StoredMessage m) {
        m.editCount++;
        m.editDate = Instant.now();
        changed(chat);
    }

    private Reply deleteMessage(RequestParams p) throws BotApiException {
        synchronized (lock) {
            ChatState chat = resolveChat(p.string("chat_id"));
            Long messageId = p.longValue("message_id");
            StoredMessage m = messageId == null ? null : chat.find(messageId);
            if (m == null) {
                throw BotApiException.badRequest("message to delete not found");
            }
            chat.messages.remove(m);
            changed(chat);
            return okTrue(null);
        }
    }

    private Reply answerCallbackQuery(RequestParams p) throws BotApiException {
        String id = p.string("callback_query_id");
        String text = p.string("text");
        if (text != null && text.length() > MAX_CALLBACK_ANSWER) {
            throw BotApiException.badRequest("MESSAGE_TOO_LONG");
        }
        boolean alert = p.bool("show_alert");
        synchronized (lock) {
            Long chatId = id == null ? null : openCallbackQueries.remove(id);
            if (chatId == null) {
                throw BotApiException.badRequest("query is too old and response timeout expired or query ID is"
                        + " invalid");
            }
            callbackAnswers.add(new CallbackAnswer(id, text == null || text.isEmpty() ? null : text, alert));
            ChatState chat = chats.get(chatId);
            if (text != null && !text.isEmpty()) {
                ObjectNode notice = JSON.createObjectNode();
                notice.put("text", text);
                notice.put("showAlert", alert);
                notice.put("at", Instant.now().toString());
                chat.notices.add(notice);
            }
            changed(chat);
            return okTrue(null);
        }
    }

    private Reply setMyCommands(RequestParams p) throws BotApiException {
        JsonNode commands = p.json("commands", "can't parse commands JSON object");
        if (commands == null || !commands.isArray()) {
            throw BotApiException.badRequest("parameter \"commands\" is required");
        }
        if (commands.size() > 100) {
            throw BotApiException.badRequest("too many commands specified");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode c : commands) {
            String name = c.path("command").asText("");
            String description = c.path("description").asText("");
            if (!BOT_COMMAND_NAME.matcher(name).matches()) {
                throw BotApiException.badRequest("BOT_COMMAND_INVALID");
            }
            if (description.isEmpty() || description.length() > 256) {
                throw BotApiException.badRequest("command description must be non-empty and at most 256 characters");
            }
            names.add(name);
        }
        String scope = scopeType(p);
        String language = languageCode(p);
        synchronized (lock) {
            commandSets.add(new CommandSet(language, scope, List.copyOf(names)));
            currentCommands.put(scope + "|" + language, (ArrayNode) commands.deepCopy());
            changed(null);
        }
        return okTrue(null);
    }

    private Reply getMyCommands(RequestParams p) throws BotApiException {
        String key = scopeType(p) + "|" + languageCode(p);
        synchronized (lock) {
            ArrayNode commands = currentCommands.get(key);
            return ok(commands == null ? JSON.createArrayNode() : commands.deepCopy());
        }
    }

    private Reply deleteMyCommands(RequestParams p) throws BotApiException {
        String key = scopeType(p) + "|" + languageCode(p);
        synchronized (lock) {
            currentCommands.remove(key);
        }
        return okTrue(null);
    }

    private static String scopeType(RequestParams p) throws BotApiException {
        JsonNode scope = p.json("scope", "can't parse BotCommandScope JSON object");
        if (scope == null) {
            return "default";
        }
        String type = scope.path("type").asText("");
        if (!SCOPE_TYPES.contains(type)) {
            throw BotApiException.badRequest("can't parse BotCommandScope JSON object");
        }
        return type;
    }

    private static String languageCode(RequestParams p) throws BotApiException {
        String language = p.string("language_code");
        if (language == null || language.isEmpty()) {
            return "";
        }
        if (!language.matches("[a-z]{2}")) {
            throw BotApiException.badRequest("invalid language code specified");
        }
        return language;
    }

    private Reply getFile(RequestParams p) throws BotApiException {
        String id = p.string("file_id");
        synchronized (lock) {
            TelegramFile f = id == null ? null : files.get(id);
            if (f == null) {
                throw BotApiException.badRequest("invalid file_id");
            }
            if (f.size() > MAX_DOWNLOAD_BYTES) {
                throw BotApiException.badRequest("file is too big");
            }
            ObjectNode n = JSON.createObjectNode();
            n.put("file_id", f.fileId());
            n.put("file_unique_id", f.fileUniqueId());
            n.put("file_size", f.size());
            n.put("file_path", f.filePath());
            return ok(n);
        }
    }

    // ---------------------------------------------------------------- helpers (callers hold the lock)

    private ChatState resolveChat(String chatId) throws BotApiException {
        if (chatId == null || chatId.isEmpty()) {
            throw BotApiException.badRequest("chat_id is empty");
        }
        long id;
        try {
            id = Long.parseLong(chatId.strip());
        } catch (NumberFormatException e) {
            throw BotApiException.badRequest("chat not found");
        }
        ChatState chat = chats.get(id);
        if (chat == null || !users.containsKey(id)) {
            throw BotApiException.badRequest("chat not found");
        }
        if (chat.botBlocked) {
            throw new BotApiException(403, "Forbidden: bot was blocked by the user");
        }
        if (!chat.started) {
            throw new BotApiException(403, "Forbidden: bot can't initiate conversation with a user");
        }
        return chat;
    }

    private void throttle(long chatId) throws BotApiException {
        int retryAfter = rateLimits.acquire(chatId);
        if (retryAfter > 0) {
            throw new BotApiException(429, "Too Many Requests: retry after " + retryAfter, retryAfter);
        }
    }

    private static String parseMode(RequestParams p) throws BotApiException {
        String mode = p.string("parse_mode");
        if (mode == null || mode.isEmpty()) {
            return null;
        }
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "html" -> "HTML";
            case "markdown" -> "Markdown";
            case "markdownv2" -> "MarkdownV2";
            default -> throw BotApiException.badRequest("unsupported parse_mode");
        };
    }

    /** HTML is parsed as Telegram does; Markdown modes are taken as they are (not validated). */
    private static TelegramHtml.Parsed render(String text, String parseMode) throws BotApiException {
        if ("HTML".equals(parseMode)) {
            return TelegramHtml.parse(text);
        }
        return new TelegramHtml.Parsed(text, List.of());
    }

    private static Long replyTarget(RequestParams p) throws BotApiException {
        JsonNode parameters = p.json("reply_parameters", "can't parse ReplyParameters JSON object");
        if (parameters != null && parameters.has("message_id")) {
            return parameters.get("message_id").asLong();
        }
        return p.longValue("reply_to_message_id");
    }

    private static void checkReplyTarget(ChatState chat, Long replyTo, RequestParams p) throws BotApiException {
        if (replyTo == null || chat.find(replyTo) != null) {
            return;
        }
        JsonNode parameters = p.json("reply_parameters", "can't parse ReplyParameters JSON object");
        boolean allow = p.bool("allow_sending_without_reply")
                || (parameters != null && parameters.path("allow_sending_without_reply").asBoolean(false));
        if (!allow) {
            throw BotApiException.badRequest("message to be replied not found");
        }
    }

    private TelegramFile inputFile(RequestParams p, FileKind kind) throws BotApiException {
        RequestParams.FilePart part = p.file(kind.field);
        if (part != null) {
            if (part.content().length > MAX_UPLOAD_BYTES) {
                throw new BotApiException(413, "Request Entity Too Large");
            }
            if (part.content().length == 0) {
                throw BotApiException.badRequest("file must be non-empty");
            }
            return newFile(kind, part.fileName(), part.contentType(), part.content(),
                    Math.max(0, p.intValue("duration", 0)));
        }
        String reference = p.string(kind.field);
        if (reference == null || reference.isEmpty()) {
            throw BotApiException.badRequest("there is no " + kind.field + " in the request");
        }
        if (reference.startsWith("http://") || reference.startsWith("https://")) {
            throw BotApiException.badRequest("failed to get HTTP URL content");
        }
        TelegramFile known = files.get(reference);
        if (known == null) {
            throw BotApiException.badRequest("wrong file identifier/HTTP URL specified");
        }
        if (!known.kind().equals(kind.field)) {
            throw BotApiException.badRequest("type of file mismatch");
        }
        return known;
    }

    private TelegramFile newFile(FileKind kind, String fileName, String mimeType, byte[] content, int duration) {
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException("a file needs content");
        }
        long n = ++fileCounter;
        byte[] id = new byte[24];
        RANDOM.nextBytes(id);
        String fileId = kind.fileIdPrefix + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        String unique = "AQAD" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                Arrays.copyOf(id, 9));
        String extension = fileName != null && fileName.contains(".")
                ? fileName.substring(fileName.lastIndexOf('.')).replaceAll("[^A-Za-z0-9.]", "")
                : kind.defaultExtension;
        String path = kind.folder + "/file_" + n + extension;
        TelegramFile f = new TelegramFile(fileId, unique, kind.field, path, fileName,
                mimeType == null || mimeType.isBlank() ? guessMime(kind, fileName) : mimeType, content.clone(),
                kind == FileKind.VOICE ? duration : 0);
        files.put(fileId, f);
        return f;
    }

    private static String guessMime(FileKind kind, String fileName) {
        if (kind.defaultMime != null) {
            return kind.defaultMime;
        }
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".txt") || lower.endsWith(".log")) {
            return "text/plain";
        }
        return "application/octet-stream";
    }

    private StoredMessage newMessage(ChatState chat, boolean fromBot) {
        StoredMessage m = new StoredMessage(chat.chatId, chat.nextMessageId++, fromBot, Instant.now());
        chat.messages.add(m);
        return m;
    }

    private void told(StoredMessage m) {
        if (messageListeners.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        SentMessage snapshot = m.snapshot();
        for (MessageListener l : messageListeners) {
            l.stored(snapshot, m.fromBot, now);
        }
    }

    private static void setMarkup(ChatState chat, StoredMessage m, JsonNode markup) {
        m.replyMarkup = markup;
        if (markup == null) {
            return;
        }
        if (markup.has("keyboard")) {
            chat.replyKeyboard = markup;
        } else if (markup.path("remove_keyboard").asBoolean(false)) {
            chat.replyKeyboard = null;
        }
    }

    @FunctionalInterface
    private interface MessageFiller {
        void fill(StoredMessage m);
    }

    private long userMessage(long userId, Long replyTo, MessageFiller filler) {
        synchronized (lock) {
            ensureUser(userId);
            ChatState chat = chats.get(userId);
            if (replyTo != null && chat.find(replyTo) == null) {
                throw new IllegalArgumentException("no message " + replyTo + " in chat " + userId);
            }
            StoredMessage probe = new StoredMessage(userId, 0, false, Instant.now());
            filler.fill(probe); // validate before the message takes an id
            StoredMessage m = newMessage(chat, false);
            m.rawText = probe.rawText;
            m.visibleText = probe.visibleText;
            m.entities = probe.entities;
            m.contact = probe.contact;
            m.file = probe.file;
            m.replyTo = replyTo;
            chat.started = true;
            told(m);
            return enqueue("message", messageJson(chat, m, true), chat);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void requireText(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("Telegram does not send empty messages");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("Telegram clients split texts longer than " + MAX_TEXT);
        }
    }

    private static void setCaption(StoredMessage m, String caption) {
        if (caption != null && !caption.isEmpty()) {
            m.rawText = caption;
            m.visibleText = caption;
            m.entities = commandEntities(caption);
        }
    }

    private long enqueue(String type, ObjectNode payload, ChatState chat) {
        long id = nextUpdateId++;
        ObjectNode update = JSON.createObjectNode();
        update.put("update_id", id);
        update.set(type, payload);
        pending.addLast(new PendingUpdate(id, type, update));
        changed(chat);
        return id;
    }

    private TgUser ensureUser(long userId) {
        TgUser u = users.get(userId);
        if (u != null) {
            return u;
        }
        Optional<SeedPerson> seed = SeedPeople.byTelegramUserId(userId);
        u = seed.map(p -> new TgUser(userId, p.firstName(), p.lastName(), p.languageCode()))
                .orElseGet(() -> new TgUser(userId, "User " + userId, null, "uk"));
        users.put(userId, u);
        chats.computeIfAbsent(userId, ChatState::new);
        return u;
    }

    private void changed(ChatState chat) {
        revision++;
        if (chat != null) {
            chat.revision = revision;
        }
        lock.notifyAll();
    }

    private void waitOnLock(long nanos) {
        try {
            waitOnLockInterruptibly(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void waitOnLockInterruptibly(long nanos) throws InterruptedException {
        long millis = Math.max(1, nanos / 1_000_000L);
        lock.wait(millis);
    }

    private static ArrayNode commandEntities(String text) {
        ArrayNode entities = JSON.createArrayNode();
        Matcher m = COMMAND.matcher(text);
        while (m.find()) {
            ObjectNode e = entities.addObject();
            e.put("offset", m.start());
            e.put("length", m.end() - m.start());
            e.put("type", "bot_command");
        }
        return entities;
    }

    private static ArrayNode entitiesJson(List<TelegramHtml.Entity> entities) {
        ArrayNode a = JSON.createArrayNode();
        for (TelegramHtml.Entity e : entities) {
            ObjectNode n = a.addObject();
            n.put("offset", e.offset());
            n.put("length", e.length());
            n.put("type", e.type());
            if (e.url() != null) {
                n.put("url", e.url());
            }
            if (e.language() != null) {
                n.put("language", e.language());
            }
        }
        return a;
    }

    // ---------------------------------------------------------------- Telegram JSON

    private ObjectNode botUserJson(boolean full) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", botId);
        n.put("is_bot", true);
        n.put("first_name", BOT_FIRST_NAME);
        n.put("username", BOT_USERNAME);
        if (full) {
            n.put("can_join_groups", false);
            n.put("can_read_all_group_messages", false);
            n.put("supports_inline_queries", false);
            n.put("can_connect_to_business", false);
            n.put("has_main_web_app", false);
        }
        return n;
    }

    private static ObjectNode userJson(TgUser u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", u.id());
        n.put("is_bot", false);
        n.put("first_name", u.firstName());
        if (u.lastName() != null) {
            n.put("last_name", u.lastName());
        }
        if (u.languageCode() != null) {
            n.put("language_code", u.languageCode());
        }
        return n;
    }

    private static ObjectNode chatJson(TgUser u) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", u.id());
        n.put("first_name", u.firstName());
        if (u.lastName() != null) {
            n.put("last_name", u.lastName());
        }
        n.put("type", "private");
        return n;
    }

    /** The Bot API Message object for a stored message, as it stands. */
    private ObjectNode messageJson(ChatState chat, StoredMessage m, boolean withReply) {
        TgUser user = users.get(chat.chatId);
        ObjectNode n = JSON.createObjectNode();
        n.put("message_id", m.messageId);
        n.set("from", m.fromBot ? botUserJson(false) : userJson(user));
        n.set("chat", chatJson(user));
        n.put("date", m.date.getEpochSecond());
        if (m.editDate != null) {
            n.put("edit_date", m.editDate.getEpochSecond());
        }
        if (withReply && m.replyTo != null) {
            StoredMessage target = chat.find(m.replyTo);
            if (target != null) {
                n.set("reply_to_message", messageJson(chat, target, false));
            }
        }
        if (m.file != null) {
            ObjectNode f;
            if (m.file.kind().equals(FileKind.PHOTO.field)) {
                f = n.putArray("photo").addObject();
                int[] wh = imageSize(m.file.content());
                f.put("width", wh[0]);
                f.put("height", wh[1]);
            } else {
                f = n.putObject(m.file.kind());
                if (m.file.kind().equals(FileKind.VOICE.field)) {
                    f.put("duration", m.file.duration());
                } else if (m.file.fileName() != null) {
                    f.put("file_name", m.file.fileName());
                }
                f.put("mime_type", m.file.mimeType());
            }
            f.put("file_id", m.file.fileId());
            f.put("file_unique_id", m.file.fileUniqueId());
            f.put("file_size", m.file.size());
            if (m.visibleText != null) {
                n.put("caption", m.visibleText);
                if (m.entities != null && !m.entities.isEmpty()) {
                    n.set("caption_entities", m.entities.deepCopy());
                }
            }
        } else if (m.visibleText != null) {
            n.put("text", m.visibleText);
            if (m.entities != null && !m.entities.isEmpty()) {
                n.set("entities", m.entities.deepCopy());
            }
        }
        if (m.contact != null) {
            n.set("contact", m.contact.deepCopy());
        }
        if (m.fromBot && Keyboards.isInline(m.replyMarkup)) {
            n.set("reply_markup", m.replyMarkup.deepCopy());
        }
        return n;
    }

    private static int[] imageSize(byte[] content) {
        try {
            java.awt.image.BufferedImage image = ImageIO.read(new ByteArrayInputStream(content));
            if (image != null) {
                return new int[] {image.getWidth(), image.getHeight()};
            }
        } catch (IOException | RuntimeException e) {
            // not an image a JDK can read: Telegram would have re-encoded it; report a nominal size
        }
        return new int[] {320, 240};
    }

    private String dump(ChatState chat) {
        if (chat == null) {
            return "  (no such chat)";
        }
        StringBuilder b = new StringBuilder();
        for (StoredMessage m : chat.messages) {
            b.append("  #").append(m.messageId).append(m.fromBot ? " bot:  " : " user: ");
            if (m.contact != null) {
                b.append("[contact ").append(m.contact).append("] ");
            }
            if (m.file != null) {
                b.append("[").append(m.file.kind()).append(' ')
                        .append(m.file.fileName() == null ? m.file.duration() + "s" : m.file.fileName()).append("] ");
            }
            b.append(m.rawText == null ? "" : m.rawText.replace("\n", "\\n"));
            if (m.replyMarkup != null) {
                b.append("  markup=").append(m.replyMarkup);
            }
            if (m.editCount > 0) {
                b.append("  (edited ").append(m.editCount).append("x)");
            }
            b.append('\n');
        }
        return b.length() == 0 ? "  (empty)" : b.toString();
    }

    // ---------------------------------------------------------------- views for the control API

    /**
     * Runs a user action that posts a message and answers its update id with the new message's id, both read under
     * the one lock so that no other action of the user slips in between.
     */
    ObjectNode posted(long userId, LongSupplier action) {
        synchronized (lock) {
            long updateId = action.getAsLong();
            return JSON.createObjectNode().put("updateId", updateId).put("messageId", lastMessageIdFrom(userId));
        }
    }

    /** Registered users as JSON. */
    ArrayNode usersView() {
        synchronized (lock) {
            ArrayNode a = JSON.createArrayNode();
            for (TgUser u : users.values()) {
                ObjectNode n = userJson(u);
                ChatState chat = chats.get(u.id());
                n.put("started", chat.started);
                n.put("botBlocked", chat.botBlocked);
                a.add(n);
            }
            return a;
        }
    }

    /**
     * The chat with both sides' messages, once it changed after revision {@code since} (waiting up to
     * {@code waitSeconds}); the answer carries the revision to pass next time.
     */
    ObjectNode chatView(long chatId, long since, int waitSeconds) {
        long deadline = System.nanoTime() + Math.max(0, Math.min(MAX_POLL_SECONDS, waitSeconds)) * 1_000_000_000L;
        synchronized (lock) {
            while (!closed) {
                ChatState chat = chats.get(chatId);
                long chatRevision = chat == null ? 0 : chat.revision;
                long remaining = deadline - System.nanoTime();
                if (chatRevision > since || remaining <= 0) {
                    break;
                }
                waitOnLock(remaining);
            }
            ChatState chat = chats.get(chatId);
            ObjectNode n = JSON.createObjectNode();
            n.put("chatId", chatId);
            n.put("revision", chat == null ? 0 : chat.revision);
            n.put("started", chat != null && chat.started);
            n.put("botBlocked", chat != null && chat.botBlocked);
            n.set("replyKeyboard", chat == null || chat.replyKeyboard == null ? null : chat.replyKeyboard.deepCopy());
            ArrayNode messages = n.putArray("messages");
            ArrayNode notices = n.putArray("notices");
            if (chat != null) {
                for (StoredMessage m : chat.messages) {
                    messages.add(messageView(chat, m));
                }
                chat.notices.forEach(x -> notices.add(x.deepCopy()));
            }
            return n;
        }
    }

    private ObjectNode messageView(ChatState chat, StoredMessage m) {
        ObjectNode v = JSON.createObjectNode();
        v.put("messageId", m.messageId);
        v.put("fromBot", m.fromBot);
        v.put("at", m.date.toString());
        v.put("text", m.rawText);
        v.put("parseMode", m.parseMode);
        v.put("plainText", m.visibleText);
        v.put("html", MessageHtml.render(m.visibleText, m.entities));
        v.set("replyMarkup", m.replyMarkup == null ? null : m.replyMarkup.deepCopy());
        v.put("editCount", m.editCount);
        if (m.replyTo != null) {
            v.put("replyTo", m.replyTo);
        }
        if (m.contact != null) {
            v.set("contact", m.contact.deepCopy());
        }
        if (m.file != null) {
            ObjectNode f = v.putObject("file");
            f.put("fileId", m.file.fileId());
            f.put("kind", m.file.kind());
            f.put("fileName", m.file.fileName());
            f.put("mimeType", m.file.mimeType());
            f.put("size", m.file.size());
            if (m.file.kind().equals(FileKind.VOICE.field)) {
                f.put("duration", m.file.duration());
            }
        }
        v.set("telegram", messageJson(chat, m, true));
        return v;
    }

    /** The bot's configuration and counters as JSON. */
    ObjectNode botView() {
        ObjectNode n = JSON.createObjectNode();
        n.set("me", botUserJson(true));
        n.set("webhook", webhookInfo());
        n.put("pendingUpdates", pendingUpdateCount());
        ObjectNode calls = n.putObject("methodCalls");
        methodCalls().forEach(calls::put);
        ObjectNode limits = n.putObject("limits");
        limits.put("globalPerSecond", rateLimits.globalPerSecond());
        limits.put("perChatPerSecond", rateLimits.perChatPerSecond());
        n.put("rateLimitHits", rateLimitHits());
        ArrayNode sets = n.putArray("commands");
        for (CommandSet c : commands()) {
            ObjectNode s = sets.addObject();
            s.put("languageCode", c.languageCode());
            s.put("scopeType", c.scopeType());
            ArrayNode names = s.putArray("commands");
            c.commands().forEach(names::add);
        }
        return n;
    }

    /** The current command list for a scope and language ("" for all languages), as the bot last set it. */
    ArrayNode currentCommands(String scopeType, String languageCode) {
        synchronized (lock) {
            ArrayNode a = currentCommands.get(scopeType + "|" + languageCode);
            return a == null ? JSON.createArrayNode() : a.deepCopy();
        }
    }

    Optional<TelegramFile> file(String fileId) {
        synchronized (lock) {
            return Optional.ofNullable(files.get(fileId));
        }
    }
}
