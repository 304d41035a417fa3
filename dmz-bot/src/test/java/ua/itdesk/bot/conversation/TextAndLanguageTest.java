package ua.itdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import ua.itdesk.bot.login.LoginText;
import ua.itdesk.bot.menu.MenuText;

class TextAndLanguageTest {

    @Test
    void escapesTheCharactersTelegramHtmlInterprets() {
        assertThat(Html.escape("<b>Tom & \"Jerry\"</b>")).isEqualTo("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("Олена-Марія")).isEqualTo("Олена-Марія");
    }

    @Test
    void userDataInTemplatesIsAlwaysEscaped() {
        String html = LoginText.GREETING.in(Language.EN, "<a href=\"x\">Eve</a>");

        assertThat(html).contains("Hello, &lt;a href=&quot;x&quot;&gt;Eve&lt;/a&gt;!");
        assertThat(html).doesNotContain("<a ");
    }

    @Test
    void ukrainianIsTheDefaultLanguage() {
        assertThat(Language.of(null)).isEqualTo(Language.UK);
        assertThat(Language.of("uk")).isEqualTo(Language.UK);
        assertThat(Language.of("ru")).isEqualTo(Language.UK);
        assertThat(Language.of("de")).isEqualTo(Language.UK);
    }

    @Test
    void englishWhenTelegramIsSetToAnyEnglish() {
        assertThat(Language.of("en")).isEqualTo(Language.EN);
        assertThat(Language.of("en-GB")).isEqualTo(Language.EN);
        assertThat(Language.of("EN-us")).isEqualTo(Language.EN);
    }

    @Test
    void theGreetingFollowsTheLanguage() {
        assertThat(LoginText.GREETING.in(Language.UK, "Олена")).startsWith("Вітаємо, Олена!");
        assertThat(LoginText.GREETING.in(Language.EN, "Olena")).startsWith("Hello, Olena!");
    }

    @Test
    void everyTextHasBalancedMarkupInBothLanguages() {
        for (Text[] texts : new Text[][] {LoginText.values(), CommonText.values(), MenuText.values()}) {
            for (Text text : texts) {
                for (Language language : Language.values()) {
                    String html = text.plain(language);
                    assertThat(count(html, "<b>")).as("%s %s", text, language).isEqualTo(count(html, "</b>"));
                    assertThat(html.replaceAll("</?b>", "")).as("%s %s", text, language).doesNotContain("<", ">");
                }
            }
        }
    }

    private static int count(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
