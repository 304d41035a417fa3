package ua.itdesk.bot.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.conversation.OutgoingFile;

class ChatRelayCopyTest {

    @Test
    void aCopyIsTheSendersNameInBoldThenTheTextBothEscaped() {
        assertThat(ChatRelay.copy(RelayText.COPY, Language.EN, "A <b>", "x & y", ChatRelay.MAX_TEXT))
                .isEqualTo("<b>A &lt;b&gt;</b>: x &amp; y");
        assertThat(ChatRelay.copy(RelayText.EDITED_COPY, Language.UK, "Олена", "ок", ChatRelay.MAX_TEXT))
                .isEqualTo("<b>Олена</b> (змінено): ок");
    }

    @Test
    void aLongTextIsCutToFitTelegramsLimitWithAnEllipsis() {
        String copy = ChatRelay.copy(RelayText.COPY, Language.EN, "Olena", "a".repeat(5000), ChatRelay.MAX_TEXT);

        assertThat(copy).hasSizeLessThanOrEqualTo(ChatRelay.MAX_TEXT).endsWith("a…");
    }

    @Test
    void escapingThatGrowsTheHtmlPastTheLimitCutsTheTextFurther() {
        String copy = ChatRelay.copy(RelayText.COPY, Language.EN, "Olena", "&".repeat(4000), ChatRelay.MAX_TEXT);

        assertThat(copy).hasSizeLessThanOrEqualTo(ChatRelay.MAX_TEXT).startsWith("<b>Olena</b>: &amp;&amp;")
                .endsWith("&amp;…");
    }

    @Test
    void aCaptionKeepsWithinTheCaptionLimit() {
        String name = "N".repeat(200);
        String caption = ChatRelay.copy(RelayText.COPY, Language.EN, name, "c".repeat(2000),
                OutgoingFile.MAX_CAPTION);

        // visible: the name cut to 64, ": ", the caption cut to what is left
        assertThat(caption.replace("<b>", "").replace("</b>", "")).hasSizeLessThanOrEqualTo(OutgoingFile.MAX_CAPTION)
                .startsWith("N".repeat(ChatRelay.MAX_NAME - 1) + "…: ccc");
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        assertThat(ChatRelay.cut("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
        assertThat(ChatRelay.cut("short", 10)).isEqualTo("short");
        assertThat(ChatRelay.fit("ab\uD83D\uDE00cd", 4, 100)).isEqualTo("ab…");
        assertThat(ChatRelay.fit("a&b", 10, 6)).isEqualTo("a…");
        assertThat(ChatRelay.fit("a&b", 10, 7)).isEqualTo("a&b");
    }
}
