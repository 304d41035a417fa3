package ua.itdesk.bot.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import ua.itdesk.bot.menu.MenuItem;

/** Every text enum of the bot, found by scanning its classes, has a usable template for each constant and language. */
class TextBundlesTest {

    private static final List<Class<?>> TEXT_ENUMS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ua.itdesk.bot")
            .stream()
            .filter(c -> c.isEnum() && c.isAssignableTo(Text.class))
            .map(JavaClass::reflect)
            .collect(Collectors.toList());

    /** The enums whose templates are in bundles; the others (labels beside other data) implement them in code. */
    private static final List<Class<?>> BUNDLED = TEXT_ENUMS.stream().filter(TextBundlesTest::bundled).toList();

    private static final Pattern BUNDLE_FILE = Pattern.compile("(.+)_([a-z]{2})\\.properties");

    private static final Pattern PLACEHOLDER = Pattern.compile("%s");

    @Test
    void theScanFindsTheTextEnums() {
        assertThat(BUNDLED).extracting(Class::getName).contains("ua.itdesk.bot.conversation.CommonText",
                "ua.itdesk.bot.menu.MenuText", "ua.itdesk.bot.login.LoginText", "ua.itdesk.bot.requests.RequestText",
                "ua.itdesk.bot.events.EventText", "ua.itdesk.bot.events.ReplyText",
                "ua.itdesk.bot.presence.AvailabilityText", "ua.itdesk.bot.consultation.RelayText");
        assertThat(TEXT_ENUMS).contains(Command.class, MenuItem.class);
        assertThat(BUNDLED).doesNotContain(Command.class, MenuItem.class);
    }

    @Test
    void eachBundleHoldsExactlyTheConstantsOfItsEnum() {
        for (Class<?> type : BUNDLED) {
            Set<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.toSet());
            for (Language language : Language.values()) {
                assertThat(read(type, language).stringPropertyNames())
                        .as(TextBundles.fileName(type, language))
                        .containsExactlyInAnyOrderElementsOf(constants);
            }
        }
    }

    @Test
    void everyBundleFileBelongsToABundledTextEnum() throws IOException {
        Set<String> expected = BUNDLED.stream()
                .flatMap(type -> Arrays.stream(Language.values()).map(l -> resourcePath(type, l)))
                .collect(Collectors.toSet());
        Path classes = classesDirectory();
        try (Stream<Path> files = Files.walk(classes.resolve("ua"))) {
            List<String> bundles = files.map(f -> classes.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> BUNDLE_FILE.matcher(f).matches())
                    .toList();
            assertThat(bundles).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void everyTemplateIsNonBlankInEveryLanguage() {
        for (Text text : allTexts()) {
            for (Language language : Language.values()) {
                assertThat(text.plain(language)).as("%s.%s %s", enumName(text), text, language).isNotBlank();
            }
        }
    }

    @Test
    void bothLanguagesTakeTheSameNumberOfArgumentsAndFormatWithThem() {
        for (Text text : allTexts()) {
            int uk = placeholders(text.plain(Language.UK));
            assertThat(placeholders(text.plain(Language.EN))).as("%s.%s", enumName(text), text).isEqualTo(uk);
            Object[] args = Collections.nCopies(uk, "x").toArray();
            for (Language language : Language.values()) {
                // a stray % would only break when the text is sent
                assertThatCode(() -> text.in(language, args)).as("%s.%s %s", enumName(text), text, language)
                        .doesNotThrowAnyException();
            }
        }
    }

    private static boolean bundled(Class<?> type) {
        try {
            type.getDeclaredMethod("template", Language.class);
            return false;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    private static List<Text> allTexts() {
        return TEXT_ENUMS.stream().flatMap(type -> Arrays.stream(type.getEnumConstants())).map(Text.class::cast)
                .toList();
    }

    private static String enumName(Text text) {
        return ((Enum<?>) text).getDeclaringClass().getSimpleName();
    }

    private static int placeholders(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The file as written, read independently of {@link TextBundles}. */
    private static Properties read(Class<?> type, Language language) {
        String name = TextBundles.fileName(type, language);
        try (InputStream in = type.getResourceAsStream(name)) {
            assertThat(in).as("%s beside %s", name, type.getName()).isNotNull();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder())) {
                Properties properties = new Properties();
                properties.load(reader);
                return properties;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resourcePath(Class<?> type, Language language) {
        return type.getPackageName().replace('.', '/') + "/" + TextBundles.fileName(type, language);
    }

    private static Path classesDirectory() {
        try {
            return Path.of(Text.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
