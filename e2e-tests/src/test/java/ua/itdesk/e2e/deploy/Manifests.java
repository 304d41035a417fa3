package ua.itdesk.e2e.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Kubernetes manifests of {@code deploy/}, read into the Kubernetes Java model (fabric8). The model keeps fields it
 * does not know in {@code additionalProperties} instead of failing, so {@link #unknownFields} walks each resource and
 * names them: a misspelt {@code readOnlyRootFileSystem} would otherwise pass unnoticed and simply not apply.
 */
public final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private Manifests() {
    }

    /** Every {@code *.yaml} under {@code folder}, in name order. */
    public static List<Path> files(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resources of one file (several documents separated by {@code ---}); an unknown kind is an error. */
    public static List<HasMetadata> read(Path file) {
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            List<HasMetadata> resources = new ArrayList<>();
            for (JsonNode doc : docs.readAll()) {
                if (doc == null || doc instanceof NullNode || doc.isEmpty()) {
                    continue;
                }
                KubernetesResource r = YAML.treeToValue(doc, KubernetesResource.class);
                if (!(r instanceof HasMetadata resource) || r.getClass().getName().contains("GenericKubernetesResource")) {
                    throw new IllegalArgumentException(file + ": a document of unknown kind " + doc.path("apiVersion")
                            + " " + doc.path("kind"));
                }
                resources.add(resource);
            }
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Paths the model did not know, such as {@code spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem}. */
    public static List<String> unknownFields(Object resource) {
        List<String> unknown = new ArrayList<>();
        walk(resource, "", unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
        return unknown;
    }

    private static void walk(Object o, String path, List<String> unknown, Set<Object> seen) {
        if (o == null || !seen.add(o)) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                walk(e, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method g : o.getClass().getMethods()) {
            if (g.getParameterCount() != 0 || Modifier.isStatic(g.getModifiers()) || !g.getName().startsWith("get")
                    || g.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = g.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String field = Character.toLowerCase(g.getName().charAt(3)) + g.getName().substring(4);
            if (field.equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                extra.keySet().forEach(k -> unknown.add(path.isEmpty() ? String.valueOf(k) : path + "." + k));
            } else if (!(o instanceof Map)) {
                walk(value, path.isEmpty() ? field : path + "." + field, unknown, seen);
            }
        }
    }
}
