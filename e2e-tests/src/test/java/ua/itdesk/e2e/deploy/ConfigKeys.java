package ua.itdesk.e2e.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The configuration keys a process reads: those of its {@code @ConfigMapping} interface, found by reflection (so a key
 * added there is known here without anyone listing it), and those its {@code application.properties} sets. The
 * interface is compiled from this checkout's source ({@link #compile}): a jar of the module in the local Maven
 * repository may come from another build.
 */
public final class ConfigKeys {

    private static final Pattern UPPER = Pattern.compile("([A-Z])");
    private static final Pattern NOT_ENV = Pattern.compile("[^A-Z0-9]");

    /** One key, with its {@code @WithDefault} if any. */
    public record Key(String name, Optional<String> defaultValue) {
        /** The environment variable MicroProfile Config maps to this key ({@code bot.agent.url} -> {@code BOT_AGENT_URL}). */
        public String env() {
            return envName(name);
        }
    }

    private ConfigKeys() {
    }

    public static String envName(String key) {
        return NOT_ENV.matcher(key.toUpperCase(java.util.Locale.ROOT)).replaceAll("_");
    }

    /** Every leaf key of {@code mapping} under its prefix, nested groups followed, in name order. */
    public static List<Key> of(Class<?> mapping) {
        ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
        if (annotation == null) {
            throw new IllegalArgumentException(mapping + " is no @ConfigMapping");
        }
        List<Key> keys = new ArrayList<>();
        collect(mapping, annotation.prefix(), keys);
        keys.sort(Comparator.comparing(Key::name));
        return keys;
    }

    private static void collect(Class<?> group, String prefix, List<Key> keys) {
        Method[] methods = group.getDeclaredMethods();
        Arrays.sort(methods, Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (m.getParameterCount() != 0 || m.isDefault() || m.isSynthetic() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            String key = prefix + "." + UPPER.matcher(m.getName()).replaceAll("-$1").toLowerCase(java.util.Locale.ROOT);
            Class<?> nested = groupType(m.getGenericReturnType());
            if (nested != null) {
                collect(nested, key, keys);
            } else {
                WithDefault d = m.getAnnotation(WithDefault.class);
                keys.add(new Key(key, Optional.ofNullable(d).map(WithDefault::value)));
            }
        }
    }

    /** The group interface behind a method's type ({@code Agent}, {@code Optional<Agent>}), or null for a value. */
    private static Class<?> groupType(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            type = p.getActualTypeArguments()[0];
        }
        return type instanceof Class<?> c && c.isInterface() && !c.getName().startsWith("java.") ? c : null;
    }

    /**
     * Compiles one {@code @ConfigMapping} source file (it may use the JDK and SmallRye Config's annotations only) and
     * loads the interface {@code className} from it.
     */
    public static Class<?> compile(Path source, String className) {
        try {
            // under the module's target folder, so that a clean removes it
            Path target = Files.createDirectories(Path.of("target"));
            Path out = Files.createTempDirectory(target, "config-mapping");
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            String annotations = Path.of(ConfigMapping.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toString();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int status = javac.run(null, null, errors, "-proc:none", "-classpath", annotations, "-d", out.toString(),
                    source.toString());
            if (status != 0) {
                throw new IllegalStateException("cannot compile " + source + ":\n" + errors);
            }
            return Class.forName(className, false,
                    new URLClassLoader(new URL[] {out.toUri().toURL()}, ConfigKeys.class.getClassLoader()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The keys {@code application.properties} sets for every profile (lines starting with {@code %} are left out). */
    public static List<String> ofProperties(Path applicationProperties) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(applicationProperties)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).sorted().toList();
    }
}
