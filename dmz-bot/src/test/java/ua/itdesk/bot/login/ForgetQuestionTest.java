package ua.itdesk.bot.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.conversation.Keyboard;
import ua.itdesk.bot.conversation.Language;

class ForgetQuestionTest {

    private static final Instant ASKED = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void deleteWithinTenMinutesOfTheQuestionConfirms() {
        String delete = data(0);

        assertThat(ForgetQuestion.answer(delete, ASKED.plus(Duration.ofMinutes(10)))).contains(true);
    }

    @Test
    void deleteOnAStaleOrFutureQuestionKeeps() {
        String delete = data(0);

        assertThat(ForgetQuestion.answer(delete, ASKED.plus(Duration.ofMinutes(10).plusSeconds(1)))).contains(false);
        assertThat(ForgetQuestion.answer(delete, ASKED.minusSeconds(5))).contains(false);
    }

    @Test
    void keepAndMalformedDataOfTheQuestionKeep() {
        assertThat(ForgetQuestion.answer(data(1), ASKED)).contains(false);
        assertThat(ForgetQuestion.answer("fg|y|soon", ASKED)).contains(false);
        assertThat(ForgetQuestion.answer("fg|y", ASKED)).contains(false);
        assertThat(ForgetQuestion.answer("fg|y|99999999999999999999", ASKED)).contains(false);
    }

    @Test
    void otherButtonsAreNotTheQuestions() {
        assertThat(ForgetQuestion.answer("m|nr|abc", ASKED)).isEmpty();
        assertThat(ForgetQuestion.answer(null, ASKED)).isEmpty();
    }

    private static String data(int button) {
        Keyboard.Inline buttons = (Keyboard.Inline) ForgetQuestion.buttons(Language.EN, ASKED);
        return buttons.rows().get(0).get(button).data();
    }
}
