package ua.itdesk.agent.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Atlassian's own OpenAPI files ({@code shared/reference}) as the judge of what the Jira client sends and of every
 * answer the tests give it, through Atlassian's {@code swagger-request-validator}. Jira's DTOs forbid unknown
 * properties, and so do these schemas: a misspelt field, a number where Jira wants a string id, or a missing
 * required query parameter fails.
 *
 * <p>Where the files needed help, and why:
 * <ul>
 * <li>The Service Management file repeats a few {@code operationId}s, which the parser refuses; they are renamed in
 * memory (ids play no part in validation).</li>
 * <li>Both files describe Cloud. Data Center's {@code /rest/api/2/...} calls are checked against the
 * {@code /rest/api/3/...} operation with the same shape: DC search against the (deprecated on Cloud, still
 * described) {@code POST /rest/api/3/search} SearchRequestBean and SearchResults, DC assignee
 * {@code {"name"}} against the v3 User schema (which still lists {@code name}), DC user search
 * {@code ?username=} against v3 {@code GET /user/search} (which still lists {@code username}).
 * {@code /rest/api/2/search} itself is in neither file.</li>
 * <li>The platform file declares its 4xx answers without a body; the platform's documented error body is the
 * ErrorCollection schema ({@code errorMessages}, {@code errors}), so those answers are held to it.</li>
 * <li>Neither file declares 429, 503 or 502 (nor some 500s): their bodies are not checked, the requests still are.
 * The 201 of {@code attachTemporaryFile} has an example but no schema, so anything passes there, and its
 * multipart request is checked for presence only (the file describes it as a Spring {@code MultipartFile}, not as
 * the wire format); the client test looks at the part itself.</li>
 * <li>{@code PUT .../assignee} declares a JSON body for its 204, which HTTP forbids; a 204 without a body passes.</li>
 * <li>Authentication is not checked: the files know Cloud's schemes only, not Data Center's Bearer token; the client
 * tests check the header themselves.</li>
 * </ul>
 */
public final class JiraContract {

    /** System property naming the folder with Atlassian's files (surefire sets it to {@code ../shared/reference}). */
    public static final String REFERENCE_DIR = "jira.reference.dir";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSM_FILE = "jira-service-management-cloud.swagger.v3.json";
    private static final String PLATFORM_FILE = "jira-platform-cloud-v3.swagger-v3.v3.json";
    /** The platform operations the client uses: their 4xx answers get the ErrorCollection schema. */
    private static final Set<String> PLATFORM_PATHS = Set.of("/rest/api/3/search", "/rest/api/3/search/jql",
            "/rest/api/3/issue/{issueIdOrKey}/assignee", "/rest/api/3/user/search");

    private static JiraContract instance;

    private final OpenApiInteractionValidator jsm;
    private final OpenApiInteractionValidator platform;

    private JiraContract(OpenApiInteractionValidator jsm, OpenApiInteractionValidator platform) {
        this.jsm = jsm;
        this.platform = platform;
    }

    /** Loads the two files once (a few seconds: the platform file is 2.4 MB). */
    public static synchronized JiraContract get() {
        if (instance == null) {
            Path dir = Path.of(System.getProperty(REFERENCE_DIR, "../../shared/reference"));
            if (!Files.isRegularFile(dir.resolve(JSM_FILE)) || !Files.isRegularFile(dir.resolve(PLATFORM_FILE))) {
                throw new IllegalStateException("Atlassian's OpenAPI files are not in " + dir.toAbsolutePath()
                        + "; set -D" + REFERENCE_DIR + " to the folder that holds " + JSM_FILE + " and "
                        + PLATFORM_FILE);
            }
            instance = new JiraContract(validator(withUniqueOperationIds(read(dir.resolve(JSM_FILE)))),
                    validator(withErrorCollections(read(dir.resolve(PLATFORM_FILE)))));
        }
        return instance;
    }

    /**
     * What the reference files find wrong with one exchange; empty when it conforms.
     *
     * @param query decoded query parameters
     * @param requestBody null when there is none
     * @param responseBody null when there is none
     */
    public List<String> check(String method, String path, Map<String, List<String>> query,
            String requestContentType, String requestBody, int status, String responseBody) {
        String specPath = specPath(path);
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, specPath);
        query.forEach(request::withQueryParam);
        if (requestContentType != null) {
            request.withContentType(requestContentType);
        }
        if (requestBody != null) {
            request.withBody(requestBody);
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withContentType("application/json").withBody(responseBody);
        }
        ValidationReport report = validatorFor(specPath).validate(request.build(), response.build());
        List<String> problems = messages(report);
        if (status == 204) {
            // the assignee operation declares a JSON body for its 204, which HTTP does not allow
            problems.removeIf(p -> p.startsWith("validation.response.body.missing"));
        }
        return problems;
    }

    /** Only the answer: for canned bodies checked on their own. */
    public List<String> checkResponse(String method, String path, int status, String body) {
        String specPath = specPath(path);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        if (body != null) {
            response.withContentType("application/json").withBody(body);
        }
        return messages(validatorFor(specPath).validateResponse(specPath, Request.Method.valueOf(method),
                response.build()));
    }

    /** Only a request body: for checking that the validator catches what it should. */
    public List<String> checkRequest(String method, String path, String body) {
        String specPath = specPath(path);
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, specPath);
        if (body != null) {
            request.withContentType("application/json").withBody(body);
        }
        return messages(validatorFor(specPath).validateRequest(request.build()));
    }

    /** Data Center's v2 paths are held to the v3 operation of the same shape (see the class comment). */
    static String specPath(String path) {
        return path.startsWith("/rest/api/2/") ? "/rest/api/3/" + path.substring("/rest/api/2/".length()) : path;
    }

    private OpenApiInteractionValidator validatorFor(String path) {
        return path.startsWith("/rest/servicedeskapi/") ? jsm : platform;
    }

    private static List<String> messages(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage().replace('\n', ' '))
                .collect(Collectors.toList());
    }

    private static OpenApiInteractionValidator validator(JsonNode spec) {
        try {
            return OpenApiInteractionValidator.createForInlineApiSpecification(JSON.writeValueAsString(spec))
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                            .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode withUniqueOperationIds(JsonNode spec) {
        Set<String> seen = new HashSet<>();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode id = op.getValue().path("operationId");
            if (id.isTextual() && !seen.add(id.asText())) {
                ((ObjectNode) op.getValue()).put("operationId", id.asText() + "_" + op.getKey() + "_" + seen.size());
            }
        }));
        return spec;
    }

    private static JsonNode withErrorCollections(JsonNode spec) {
        for (String path : PLATFORM_PATHS) {
            for (Iterator<Map.Entry<String, JsonNode>> ops = spec.path("paths").path(path).fields(); ops.hasNext();) {
                ops.next().getValue().path("responses").fields().forEachRemaining(response -> {
                    if (response.getKey().startsWith("4") && response.getValue().path("content").isMissingNode()) {
                        ObjectNode schema = ((ObjectNode) response.getValue()).putObject("content")
                                .putObject("application/json").putObject("schema");
                        schema.put("$ref", "#/components/schemas/ErrorCollection");
                    }
                });
            }
        }
        return spec;
    }
}
