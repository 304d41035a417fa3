package ua.itdesk.bot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.utility.BotUtils;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.conversation.FileKind;
import ua.itdesk.bot.conversation.Incoming;

class UpdateReaderTest {

    private static final long BIG_ID = 7_000_000_123L;

    @Test
    void readsAPrivateTextMessageWith64BitIds() {
        Incoming in = read("""
                {"update_id": 10, "message": {"message_id": 1, "date": 1700000000,
                 "chat": {"id": %d, "type": "private"},
                 "from": {"id": %d, "is_bot": false, "first_name": "Olena", "language_code": "en-GB"},
                 "text": "/start", "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}
                """.formatted(BIG_ID, BIG_ID)).orElseThrow();

        assertThat(in.updateId()).isEqualTo(10);
        assertThat(in.chatId()).isEqualTo(BIG_ID);
        assertThat(in.userId()).isEqualTo(BIG_ID);
        assertThat(in.languageCode()).isEqualTo("en-GB");
        assertThat(in.commandName()).contains("start");
    }

    @Test
    void readsTheContactOwnerAndWhetherItWasForwarded() {
        Incoming own = read(contactUpdate(BIG_ID, "")).orElseThrow();
        Incoming forwarded = read(contactUpdate(BIG_ID,
                ", \"forward_origin\": {\"type\": \"hidden_user\", \"sender_user_name\": \"X\", \"date\": 1}"))
                .orElseThrow();

        assertThat(own.contact().userId()).isEqualTo(BIG_ID);
        assertThat(own.sharesOwnContact()).isTrue();
        assertThat(forwarded.forwarded()).isTrue();
        assertThat(forwarded.sharesOwnContact()).isFalse();
    }

    @Test
    void aPhotoIsItsLargestSizeAsJpegWithTheCaptionAsText() {
        Incoming in = read("""
                {"update_id": 14, "message": {"message_id": 1, "date": 1, "chat": {"id": 5, "type": "private"},
                 "from": {"id": 5, "is_bot": false, "first_name": "A"}, "caption": "screen",
                 "photo": [{"file_id": "small", "file_unique_id": "s", "width": 90, "height": 60, "file_size": 900},
                           {"file_id": "large", "file_unique_id": "l", "width": 1280, "height": 960,
                            "file_size": 120000}]}}
                """).orElseThrow();

        assertThat(in.file()).isEqualTo(new Incoming.SharedFile("large", null, "image/jpeg", 120_000L,
                FileKind.PHOTO));
        assertThat(in.file().photo()).isTrue();
        assertThat(in.text()).isEqualTo("screen");
    }

    @Test
    void aDocumentKeepsItsNameTypeAndSize() {
        Incoming in = read("""
                {"update_id": 15, "message": {"message_id": 1, "date": 1, "chat": {"id": 5, "type": "private"},
                 "from": {"id": 5, "is_bot": false, "first_name": "A"},
                 "document": {"file_id": "doc", "file_unique_id": "d", "file_name": "звіт.pdf",
                              "mime_type": "application/pdf", "file_size": 21000000}}}
                """).orElseThrow();

        assertThat(in.file()).isEqualTo(new Incoming.SharedFile("doc", "звіт.pdf", "application/pdf", 21_000_000L,
                FileKind.DOCUMENT));
        assertThat(in.file().photo()).isFalse();
        assertThat(in.text()).isNull();
    }

    @Test
    void ignoresGroupChatsAndBots() {
        assertThat(read("""
                {"update_id": 11, "message": {"message_id": 1, "date": 1, "chat": {"id": -5, "type": "group"},
                 "from": {"id": 5, "is_bot": false, "first_name": "A"}, "text": "/start"}}
                """)).isEmpty();
        assertThat(read("""
                {"update_id": 12, "message": {"message_id": 1, "date": 1, "chat": {"id": 5, "type": "private"},
                 "from": {"id": 5, "is_bot": true, "first_name": "A"}, "text": "/start"}}
                """)).isEmpty();
    }

    @Test
    void readsACallbackQuery() {
        Incoming in = read("""
                {"update_id": 13, "callback_query": {"id": "q1", "chat_instance": "1",
                 "from": {"id": 5, "is_bot": false, "first_name": "A", "language_code": "uk"},
                 "message": {"message_id": 9, "date": 1, "chat": {"id": 5, "type": "private"}, "text": "menu"},
                 "data": "m|nr|abc"}}
                """).orElseThrow();

        assertThat(in.callback().queryId()).isEqualTo("q1");
        assertThat(in.callback().data()).isEqualTo("m|nr|abc");
        assertThat(in.callback().messageId()).isEqualTo(9L);
        assertThat(in.chatId()).isEqualTo(5);
    }

    @Test
    void stripsControlCharactersAndCapsText() {
        assertThat(UpdateReader.clean("a\u0000b\u001bc\nd\te", 100)).isEqualTo("abc\nd\te");
        assertThat(UpdateReader.clean("x".repeat(5000), UpdateReader.MAX_TEXT)).hasSize(UpdateReader.MAX_TEXT);
        assertThat(UpdateReader.clean("ab\uD83D\uDE00", 3)).isEqualTo("ab");
    }

    @Test
    void aVoiceNoteIsAnOggFileWithoutAName() {
        Incoming in = read("""
                {"update_id": 16, "message": {"message_id": 4, "date": 1, "chat": {"id": 5, "type": "private"},
                 "from": {"id": 5, "is_bot": false, "first_name": "A"},
                 "voice": {"file_id": "v1", "file_unique_id": "u", "duration": 7, "mime_type": "audio/ogg",
                           "file_size": 18000}}}
                """).orElseThrow();
        Incoming withoutType = read("""
                {"update_id": 17, "message": {"message_id": 5, "date": 1, "chat": {"id": 5, "type": "private"},
                 "from": {"id": 5, "is_bot": false, "first_name": "A"},
                 "voice": {"file_id": "v2", "file_unique_id": "w", "duration": 2}}}
                """).orElseThrow();

        assertThat(in.file()).isEqualTo(new Incoming.SharedFile("v1", null, "audio/ogg", 18_000L, FileKind.VOICE));
        assertThat(in.text()).isNull();
        assertThat(withoutType.file().mediaType()).isEqualTo("audio/ogg");
    }

    @Test
    void readsTheMessageIdAndTheReplyTarget() {
        Incoming in = read("""
                {"update_id": 18, "message": {"message_id": 41, "date": 1, "chat": {"id": %d, "type": "private"},
                 "from": {"id": %d, "is_bot": false, "first_name": "A"}, "text": "yes",
                 "reply_to_message": {"message_id": 40, "date": 1, "chat": {"id": %d, "type": "private"},
                                      "text": "<b>Petro</b>: ok?"}}}
                """.formatted(BIG_ID, BIG_ID, BIG_ID)).orElseThrow();

        assertThat(in.messageId()).isEqualTo(41L);
        assertThat(in.replyTo()).isEqualTo(40L);
        assertThat(in.edited()).isFalse();
        assertThat(in.receivedAt()).isNotNull();
    }

    @Test
    void anEditedMessageIsReadAsAnEditOfItsOwnMessageId() {
        Update update = BotUtils.parseUpdate("""
                {"update_id": 19, "edited_message": {"message_id": 41, "date": 1, "edit_date": 2,
                 "chat": {"id": %d, "type": "private"},
                 "from": {"id": %d, "is_bot": false, "first_name": "A"}, "caption": "corrected",
                 "document": {"file_id": "doc", "file_unique_id": "d", "file_name": "a.pdf",
                              "mime_type": "application/pdf"}}}
                """.formatted(BIG_ID, BIG_ID));
        Incoming in = UpdateReader.read(update).orElseThrow();

        assertThat(in.edited()).isTrue();
        assertThat(in.messageId()).isEqualTo(41L);
        assertThat(in.text()).isEqualTo("corrected");
        assertThat(in.file().kind()).isEqualTo(FileKind.DOCUMENT);
        assertThat(UpdateReader.chatOf(update)).isEqualTo(BIG_ID);
    }

    @Test
    void aButtonPressIsNoEditAndHasNoMessageIdOfItsOwn() {
        Incoming in = read("""
                {"update_id": 21, "callback_query": {"id": "q2", "chat_instance": "1",
                 "from": {"id": 5, "is_bot": false, "first_name": "A"},
                 "message": {"message_id": 9, "date": 1, "chat": {"id": 5, "type": "private"}, "text": "menu"},
                 "data": "x"}}
                """).orElseThrow();

        assertThat(in.edited()).isFalse();
        assertThat(in.messageId()).isNull();
    }

    @Test
    void editsAreAskedOfTelegramAlongWithMessagesAndButtons() {
        assertThat(UpdateReader.allowedUpdates()).containsExactlyInAnyOrder("message", "edited_message",
                "callback_query");
    }

    @Test
    void otherUpdateKindsAreNotConversations() {
        assertThat(read("{\"update_id\": 14, \"edited_channel_post\": {\"message_id\": 1, \"date\": 1,"
                + " \"chat\": {\"id\": -5, \"type\": \"channel\"}, \"text\": \"x\"}}")).isEmpty();
        assertThat(read("{\"update_id\": 22, \"edited_message\": {\"message_id\": 1, \"date\": 1,"
                + " \"chat\": {\"id\": 5, \"type\": \"private\"}, \"text\": \"x\"}}")).isEmpty();
    }

    private static String contactUpdate(long id, String extra) {
        return """
                {"update_id": 20, "message": {"message_id": 2, "date": 1, "chat": {"id": %d, "type": "private"},
                 "from": {"id": %d, "is_bot": false, "first_name": "A"},
                 "contact": {"phone_number": "380501112233", "first_name": "A", "user_id": %d}%s}}
                """.formatted(id, id, id, extra);
    }

    private static Optional<Incoming> read(String json) {
        return UpdateReader.read(BotUtils.parseUpdate(json));
    }
}
