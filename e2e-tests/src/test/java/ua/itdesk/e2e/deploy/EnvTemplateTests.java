package ua.itdesk.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The environment templates of {@code deploy/dmz} and {@code deploy/internal} against what the processes read: every
 * key of their {@code @ConfigMapping} and of their {@code application.properties} must be named, with the default the
 * code has, and secrets only in {@code secrets.env}. A key added without documentation fails here.
 */
class EnvTemplateTests {

    static final Path ROOT = Path.of(System.getProperty("itdesk.root", "..")).toAbsolutePath().normalize();

    /** An assignment, live ({@code NAME=value}) or showing the default ({@code #NAME=value}). */
    private static final Pattern ASSIGNMENT = Pattern.compile("^(#?)([A-Z][A-Z0-9_]*)=(.*)$", Pattern.MULTILINE);

    enum Zone {
        DMZ("dmz", "dmz-bot.env", "dmz-bot", "ua.itdesk.bot.config.BotConfig"),
        INTERNAL("internal", "agent.env", "internal-agent", "ua.itdesk.agent.config.AgentConfig");

        final Path folder;
        final Path template;
        final Path secrets;
        final Class<?> mapping;
        final Path applicationProperties;

        Zone(String folder, String template, String module, String mapping) {
            this.folder = ROOT.resolve("deploy").resolve(folder);
            this.template = this.folder.resolve(template);
            this.secrets = this.folder.resolve("secrets.env");
            this.mapping = mapping(module, mapping);
            this.applicationProperties = ROOT.resolve(module).resolve("src/main/resources/application.properties");
        }

        String text() throws IOException {
            return Files.readString(template) + Files.readString(secrets);
        }
    }

    /** The process's {@code @ConfigMapping} interface, from this checkout's source. */
    static Class<?> mapping(String module, String className) {
        return ConfigKeys.compile(ROOT.resolve(module).resolve("src/main/java")
                .resolve(className.replace('.', '/') + ".java"), className);
    }

    @ParameterizedTest
    @EnumSource(Zone.class)
    void everyKeyOfTheConfigMappingAndOfApplicationPropertiesIsNamed(Zone zone) throws IOException {
        String text = zone.text();
        Stream<String> keys = Stream.concat(ConfigKeys.of(zone.mapping).stream().map(ConfigKeys.Key::name),
                ConfigKeys.ofProperties(zone.applicationProperties).stream());

        assertThat(keys.map(ConfigKeys::envName).distinct().filter(env -> !named(text, env)))
                .as("keys %s reads that %s and secrets.env do not name", zone.mapping.getSimpleName(), zone.template)
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Zone.class)
    void aShownDefaultIsTheDefaultOfTheCode(Zone zone) throws IOException {
        Map<String, String> shown = assignments(Files.readString(zone.template), true);
        Map<String, Optional<String>> code = ConfigKeys.of(zone.mapping).stream()
                .collect(Collectors.toMap(ConfigKeys.Key::env, ConfigKeys.Key::defaultValue));

        shown.forEach((env, value) -> {
            if (code.containsKey(env)) {
                assertThat(value).as("%s in %s", env, zone.template).isEqualTo(code.get(env).orElse(""));
            }
        });
        assertThat(shown).as("commented-out defaults").isNotEmpty();
    }

    /** Secrets live in secrets.env (a root-only file, a Secret in Kubernetes), never in the settings or the ConfigMap. */
    @ParameterizedTest
    @EnumSource(Zone.class)
    void secretsAreSetOnlyInTheSecretsFile(Zone zone) throws IOException {
        Set<String> secrets = assignments(Files.readString(zone.secrets), false).keySet();
        Map<String, String> settings = assignments(Files.readString(zone.template), false);
        ConfigMap configMap = (ConfigMap) Manifests.read(zone.folder.resolve("k8s/configmap.yaml")).get(0);

        assertThat(secrets).isNotEmpty();
        assertThat(settings.keySet()).doesNotContainAnyElementsOf(secrets);
        assertThat(configMap.getData().keySet()).doesNotContainAnyElementsOf(secrets);
    }

    /** The ConfigMap is a subset of the template: everything it sets is documented there. */
    @ParameterizedTest
    @EnumSource(Zone.class)
    void theConfigMapSetsOnlyDocumentedVariables(Zone zone) throws IOException {
        String template = Files.readString(zone.template);
        ConfigMap configMap = (ConfigMap) Manifests.read(zone.folder.resolve("k8s/configmap.yaml")).get(0);

        assertThat(configMap.getData().keySet().stream().filter(env -> !named(template, env))).isEmpty();
    }

    @ConfigMapping(prefix = "x")
    interface Sample {
        Optional<String> plain();

        @WithDefault("PT5S")
        String twoWords();

        Group group();

        interface Group {
            @WithDefault("8")
            int maxSize();
        }
    }

    /** The derivation itself: nested groups, kebab case, defaults; so that a key added to a mapping is not missed. */
    @Test
    void keysAreDerivedFromTheMappingInterface() {
        assertThat(ConfigKeys.of(Sample.class)).containsExactly(
                new ConfigKeys.Key("x.group.max-size", Optional.of("8")),
                new ConfigKeys.Key("x.plain", Optional.empty()),
                new ConfigKeys.Key("x.two-words", Optional.of("PT5S")));
        assertThat(ConfigKeys.envName("quarkus.log.category.\"okhttp3\".level"))
                .isEqualTo("QUARKUS_LOG_CATEGORY__OKHTTP3__LEVEL");
        assertThat(named("# X_TWO_WORDS (x.two-words; default PT5S): ...", "X_TWO_WORDS")).isTrue();
        assertThat(named("# X_TWO_WORDS_MORE ...", "X_TWO_WORDS")).isFalse();
    }

    private static boolean named(String text, String env) {
        return Pattern.compile("(?<![A-Z0-9_])" + Pattern.quote(env) + "(?![A-Z0-9_])").matcher(text).find();
    }

    /** {@code NAME=value} lines; with {@code commented}, only the {@code #NAME=value} ones that show a default. */
    private static Map<String, String> assignments(String text, boolean commented) {
        Map<String, String> found = new HashMap<>();
        Matcher m = ASSIGNMENT.matcher(text);
        while (m.find()) {
            if (m.group(1).isEmpty() != commented) {
                found.put(m.group(2), m.group(3));
            }
        }
        return found;
    }
}
