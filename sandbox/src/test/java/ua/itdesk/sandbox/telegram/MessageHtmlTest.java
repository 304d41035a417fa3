package ua.itdesk.sandbox.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What the chat page shows of a message: escaped text, Telegram's formatting as whitelisted tags only. */
class MessageHtmlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String fromTelegramHtml(String html) throws BotApiException {
        TelegramHtml.Parsed parsed = TelegramHtml.parse(html);
        return MessageHtml.render(parsed.text(), JSON.valueToTree(parsed.entities()));
    }

    @Test
    void theBotsFormattingBecomesTheSameTagsAndTheTextStaysEscaped() throws Exception {
        String html = fromTelegramHtml("<b>Заявка <i>ITS-7</i></b>: &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"x\"\n"
                + "<code>a&lt;b</code> <s>old</s> <u>new</u> <tg-spoiler>secret</tg-spoiler>"
                + "<blockquote>quoted</blockquote>");

        assertThat(html).isEqualTo("<b>Заявка <i>ITS-7</i></b>: &lt;script&gt;alert(1)&lt;/script&gt; &amp;"
                + " &quot;x&quot;\n<code>a&lt;b</code> <s>old</s> <u>new</u> <span class=\"tg-spoiler\">secret</span>"
                + "<blockquote>quoted</blockquote>");
    }

    @Test
    void linksKeepOnlyWebMailAndTelegramAddressesAndTheirAttributesAreEscaped() throws Exception {
        assertThat(fromTelegramHtml("<a href=\"https://jira.example/browse/ITS-1?a=1&amp;b=&quot;2\">ITS-1</a>"))
                .isEqualTo("<a href=\"https://jira.example/browse/ITS-1?a=1&amp;b=&quot;2\" target=\"_blank\""
                        + " rel=\"noopener noreferrer\">ITS-1</a>");
        assertThat(fromTelegramHtml("<a href=\"javascript:alert(1)\">click</a>"))
                .isEqualTo("<span class=\"tg-link\">click</span>");
        assertThat(fromTelegramHtml("<a href=\" JavaScript:alert(1)\">click</a>"))
                .isEqualTo("<span class=\"tg-link\">click</span>");
    }

    @Test
    void aUsersTextIsOnlyEscapedWhateverItLooksLike() {
        JsonNode commandEntity = JSON.createArrayNode().add(JSON.createObjectNode().put("type", "bot_command")
                .put("offset", 0).put("length", 4));
        assertThat(MessageHtml.render("/end <img src=x onerror=alert(1)>", commandEntity))
                .isEqualTo("/end &lt;img src=x onerror=alert(1)&gt;");
        assertThat(MessageHtml.render(null, null)).isEmpty();
    }

    @Test
    void overlappingOrOutOfRangeEntitiesStillGiveBalancedTags() {
        JsonNode entities = JSON.createArrayNode()
                .add(JSON.createObjectNode().put("type", "bold").put("offset", 0).put("length", 4))
                .add(JSON.createObjectNode().put("type", "italic").put("offset", 2).put("length", 4))
                .add(JSON.createObjectNode().put("type", "underline").put("offset", 5).put("length", 100));

        assertThat(MessageHtml.render("abcdefg", entities))
                .isEqualTo("<b>ab<i>cd</i></b><i>e<u>f</u></i><u>g</u>");
    }
}
