package ua.itdesk.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * OpenAPI documents as trees: read from YAML or JSON, and written as YAML with sorted keys, so that the committed
 * contract changes only where the API does.
 */
public final class OpenApiDocuments {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final ObjectMapper SORTED = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private OpenApiDocuments() {
    }

    public static JsonNode read(Path document) throws IOException {
        return YAML.readTree(document.toFile());
    }

    public static String yaml(JsonNode document) {
        try {
            // trees keep their keys in insertion order; going through a map sorts them
            return YAML.writeValueAsString(SORTED.treeToValue(document, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
