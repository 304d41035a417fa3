package ua.itdesk.bot.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;

/**
 * Loads the templates of a text enum (layout in {@link Text}) once per enum and language. Read explicitly rather
 * than through {@link ResourceBundle#getBundle}, whose candidate list starts from the default locale and falls back
 * to other languages.
 */
final class TextBundles {

    private static final ClassValue<Map<Language, ResourceBundle>> BUNDLES = new ClassValue<>() {
        @Override
        protected Map<Language, ResourceBundle> computeValue(Class<?> type) {
            Map<Language, ResourceBundle> bundles = new EnumMap<>(Language.class);
            for (Language language : Language.values()) {
                bundles.put(language, load(type, language));
            }
            return bundles;
        }
    };

    private TextBundles() {
    }

    static String template(Enum<?> text, Language language) {
        return BUNDLES.get(text.getDeclaringClass()).get(language).getString(text.name());
    }

    /** The resource name, relative to the enum's package, of its templates in a language. */
    static String fileName(Class<?> type, Language language) {
        return type.getSimpleName() + "_" + language.code() + ".properties";
    }

    private static ResourceBundle load(Class<?> type, Language language) {
        String name = fileName(type, language);
        try (InputStream in = type.getResourceAsStream(name)) {
            if (in == null) {
                throw new MissingResourceException("No " + name + " beside " + type.getName(), type.getName(), "");
            }
            // a decoder (not a charset) so that a file saved in another encoding fails instead of showing garbage
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder())) {
                return new PropertyResourceBundle(reader);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name + " beside " + type.getName(), e);
        }
    }
}
