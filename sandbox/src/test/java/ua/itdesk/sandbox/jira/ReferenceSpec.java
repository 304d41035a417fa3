package ua.itdesk.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Atlassian's OpenAPI files from {@code shared/reference} (found by walking up from the working directory, or at
 * {@code -Ditdesk.reference.dir}), and a checker of JSON against their schemas: types, required properties,
 * {@code additionalProperties: false}, enums, integer formats, uris, {@code allOf}, {@code $ref}.
 */
final class ReferenceSpec {

    static final String JSM_FILE = "jira-service-management-cloud.swagger.v3.json";
    static final String PLATFORM_FILE = "jira-platform-cloud-v3.swagger-v3.v3.json";

    private static ReferenceSpec jsm;
    private static ReferenceSpec platform;

    private final OpenAPI api;

    private ReferenceSpec(Path file) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        this.api = new OpenAPIV3Parser().read(file.toString(), null, options);
        if (api == null || api.getPaths() == null) {
            throw new IllegalStateException("cannot parse " + file);
        }
    }

    static synchronized ReferenceSpec jsm() {
        if (jsm == null) {
            jsm = new ReferenceSpec(locate(JSM_FILE));
        }
        return jsm;
    }

    static synchronized ReferenceSpec platform() {
        if (platform == null) {
            platform = new ReferenceSpec(locate(PLATFORM_FILE));
        }
        return platform;
    }

    static Path locate(String file) {
        String configured = System.getProperty("itdesk.reference.dir");
        if (configured != null) {
            return Path.of(configured, file);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("reference").resolve(file);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("the reference OpenAPI file " + file + " is not in any shared/reference above "
                + Path.of("").toAbsolutePath() + " (set -Ditdesk.reference.dir)");
    }

    /** The schema of an operation's JSON answer with this status, as the file declares it. */
    Schema<?> responseSchema(String path, String method, int status) {
        PathItem item = api.getPaths().get(path);
        if (item == null) {
            throw new IllegalArgumentException("no path " + path + " in the reference");
        }
        Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
        ApiResponse r = op.getResponses().get(Integer.toString(status));
        MediaType m = r == null || r.getContent() == null ? null : r.getContent().get("application/json");
        if (m == null || m.getSchema() == null) {
            throw new IllegalArgumentException("no JSON schema for " + method + " " + path + " " + status);
        }
        return m.getSchema();
    }

    /** Violations of the response schema of an operation; empty when the JSON conforms. */
    List<String> checkResponse(String path, String method, int status, JsonNode json) {
        List<String> out = new ArrayList<>();
        check(responseSchema(path, method, status), json, "$", out);
        return out;
    }

    /** Violations of a named component schema. */
    List<String> check(String schemaName, JsonNode json) {
        List<String> out = new ArrayList<>();
        check(component(schemaName), json, "$", out);
        return out;
    }

    /** The explicit example of an operation's answer, parsed (to compare shapes with Atlassian's own sample). */
    Object example(String path, String method, int status) {
        PathItem item = api.getPaths().get(path);
        Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)));
        return op.getResponses().get(Integer.toString(status)).getContent().get("application/json").getExample();
    }

    private Schema<?> component(String name) {
        Schema<?> s = api.getComponents().getSchemas().get(name);
        if (s == null) {
            throw new IllegalArgumentException("no schema " + name + " in the reference");
        }
        return s;
    }

    private Schema<?> resolve(Schema<?> s) {
        while (s != null && s.get$ref() != null) {
            String ref = s.get$ref();
            s = component(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return s;
    }

    @SuppressWarnings("rawtypes")
    private void check(Schema<?> schema, JsonNode node, String at, List<String> out) {
        Schema<?> s = resolve(schema);
        if (s == null) {
            return;
        }
        if (s.getAllOf() != null) {
            for (Schema part : s.getAllOf()) {
                check(part, node, at, out);
            }
        }
        if (node.isNull()) {
            if (!Boolean.TRUE.equals(s.getNullable()) && s.getType() != null) {
                out.add(at + ": null where " + s.getType() + " is expected");
            }
            return;
        }
        String type = s.getType();
        if (type == null && s.getProperties() != null) {
            type = "object";
        }
        if (type != null) {
            boolean ok = switch (type) {
                case "object" -> node.isObject();
                case "array" -> node.isArray();
                case "string" -> node.isTextual();
                case "integer" -> node.isIntegralNumber();
                case "number" -> node.isNumber();
                case "boolean" -> node.isBoolean();
                default -> true;
            };
            if (!ok) {
                out.add(at + ": " + node.getNodeType() + " where " + type + " is expected");
                return;
            }
        }
        if (s.getEnum() != null && !s.getEnum().isEmpty() && node.isValueNode()
                && s.getEnum().stream().noneMatch(e -> String.valueOf(e).equals(node.asText()))) {
            out.add(at + ": '" + node.asText() + "' is not one of " + s.getEnum());
        }
        if ("int32".equals(s.getFormat()) && node.isIntegralNumber() && !node.canConvertToInt()) {
            out.add(at + ": not an int32");
        }
        if ("uri".equals(s.getFormat()) && node.isTextual()) {
            try {
                if (!URI.create(node.asText()).isAbsolute()) {
                    out.add(at + ": not an absolute uri: " + node.asText());
                }
            } catch (IllegalArgumentException e) {
                out.add(at + ": not a uri: " + node.asText());
            }
        }
        if (node.isObject()) {
            Map<String, Schema> props = s.getProperties() == null ? Map.of() : s.getProperties();
            if (s.getRequired() != null) {
                for (String r : s.getRequired()) {
                    if (!node.has(r)) {
                        out.add(at + ": required property '" + r + "' is missing");
                    }
                }
            }
            Object additional = s.getAdditionalProperties();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                Schema<?> p = props.get(f.getKey());
                if (p != null) {
                    check(p, f.getValue(), at + "." + f.getKey(), out);
                } else if (additional instanceof Schema<?> extra) {
                    check(extra, f.getValue(), at + "." + f.getKey(), out);
                } else if (Boolean.FALSE.equals(additional) && !props.isEmpty()) {
                    out.add(at + ": property '" + f.getKey() + "' is not in the schema " + Set.copyOf(props.keySet()));
                }
            }
        }
        if (node.isArray() && s.getItems() != null) {
            for (int i = 0; i < node.size(); i++) {
                check(s.getItems(), node.get(i), at + "[" + i + "]", out);
            }
        }
    }
}
