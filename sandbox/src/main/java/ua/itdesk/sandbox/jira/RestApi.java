package ua.itdesk.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ua.itdesk.sandbox.http.Multipart;
import ua.itdesk.sandbox.jira.JiraData.Issue;
import ua.itdesk.sandbox.jira.JiraData.User;
import ua.itdesk.sandbox.jira.JiraStandIn.Flavour;

/**
 * The Jira endpoints the integration agent uses: JSM's {@code /rest/servicedeskapi} and the platform's
 * {@code /rest/api/2} (Data Center) or {@code /rest/api/2|3} (Cloud). Each route carries the operationId of the
 * reference OpenAPI, which is also the name its calls are counted under.
 */
final class RestApi {

    static final int MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
    private static final String SD = "/rest/servicedeskapi";
    private static final String API = "/rest/api/(2|3|latest)";
    private static final int SD_DEFAULT_LIMIT = 50;
    private static final int SD_MAX_LIMIT = 100;

    /** A call, authenticated, routed; {@code groups} are the path pattern's groups. */
    record Call(String method, String path, Map<String, List<String>> query, Headers headers, byte[] body,
            String[] groups) {
        String group(int i) {
            return groups[i];
        }

        String param(String name) {
            List<String> v = query.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        /** Every value of a list parameter, repeated or comma-separated. */
        List<String> list(String name) {
            List<String> out = new ArrayList<>();
            for (String v : query.getOrDefault(name, List.of())) {
                for (String s : v.split(",")) {
                    if (!s.isBlank()) {
                        out.add(s.strip());
                    }
                }
            }
            return out;
        }
    }

    record Reply(int status, byte[] body, String contentType, Map<String, String> headers) {
        static Reply json(int status, JsonNode body) {
            try {
                return new Reply(status, JiraStandIn.JSON.writeValueAsBytes(body), "application/json;charset=UTF-8",
                        Map.of());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        static Reply noContent() {
            return new Reply(204, null, null, Map.of());
        }
    }

    @FunctionalInterface
    interface Handler {
        Reply handle(Call call);
    }

    record Route(String method, Pattern pattern, String operation, Handler handler) {
    }

    /** The route of a method and path: {@code route} null when the path is unknown (or known for other methods). */
    record Match(Route route, String[] groups, boolean pathKnown) {
        String operation() {
            return route != null ? route.operation() : pathKnown ? "methodNotAllowed" : "unknown";
        }
    }

    private final JiraData data;
    private final Shapes shapes;
    private final Flavour flavour;
    private final JiraStandIn.Options options;
    private final Clock clock;
    private final String caller;
    private final List<Route> routes = new ArrayList<>();

    RestApi(JiraData data, Shapes shapes, JiraStandIn.Options options, String caller) {
        this.data = data;
        this.shapes = shapes;
        this.flavour = options.flavour();
        this.options = options;
        this.clock = options.clock();
        this.caller = caller;
        route("GET", SD + "/servicedesk", "getServiceDesks", this::serviceDesks);
        route("GET", SD + "/servicedesk/([^/]+)", "getServiceDeskById", this::serviceDesk);
        route("GET", SD + "/servicedesk/([^/]+)/requesttype", "getRequestTypes", this::requestTypes);
        route("GET", SD + "/servicedesk/([^/]+)/requesttype/([^/]+)", "getRequestTypeById", this::requestType);
        route("GET", SD + "/servicedesk/([^/]+)/requesttype/([^/]+)/field", "getRequestTypeFields",
                this::requestTypeFields);
        route("POST", SD + "/servicedesk/([^/]+)/attachTemporaryFile", "attachTemporaryFile", this::attachTemporary);
        route("GET", SD + "/servicedesk/([^/]+)/knowledgebase/article", "getServiceDeskArticles",
                c -> articles(c, c.group(0)));
        route("GET", SD + "/knowledgebase/article", "getArticles", c -> articles(c, null));
        route("GET", SD + "/knowledgebase/article/view/([^/]+)", "viewArticle", this::viewArticle);
        route("POST", SD + "/request", "createCustomerRequest", this::createRequest);
        route("GET", SD + "/request", "getCustomerRequests", this::listRequests);
        route("GET", SD + "/request/([^/]+)", "getCustomerRequestByIdOrKey", this::getRequest);
        route("GET", SD + "/request/([^/]+)/status", "getCustomerRequestStatus", this::requestStatus);
        route("GET", SD + "/request/([^/]+)/comment", "getRequestComments", this::comments);
        route("POST", SD + "/request/([^/]+)/comment", "createRequestComment", this::addComment);
        route("GET", SD + "/request/([^/]+)/comment/([^/]+)", "getRequestCommentById", this::comment);
        route("GET", SD + "/request/([^/]+)/attachment", "getAttachmentsForRequest", this::attachments);
        route("POST", SD + "/request/([^/]+)/attachment", "createCommentWithAttachment", this::attach);
        route("GET", SD + "/request/([^/]+)/attachment/([^/]+)", "getAttachmentContent", this::requestAttachment);
        route("GET", "/secure/attachment/([0-9]+)/([^/]+)", "attachmentContent", c -> content(c.group(0)));
        route("GET", API + "/search", "searchForIssuesUsingJql", this::searchDataCenter);
        route("POST", API + "/search", "searchForIssuesUsingJqlPost", this::searchDataCenter);
        route("GET", API + "/search/jql", "searchAndReconsileIssuesUsingJql", this::searchCloud);
        route("POST", API + "/search/jql", "searchAndReconsileIssuesUsingJqlPost", this::searchCloud);
        route("PUT", API + "/issue/([^/]+)/assignee", "assignIssue", this::assign);
        route("GET", API + "/issue/([^/]+)/transitions", "getTransitions", this::transitions);
        route("POST", API + "/issue/([^/]+)/transitions", "doTransition", this::doTransition);
        route("GET", API + "/user/search", "findUsers", this::findUsers);
        route("GET", API + "/myself", "getCurrentUser", c -> Reply.json(200, shapes.platformUser(callerUser())));
        route("GET", API + "/serverInfo", "getServerInfo", this::serverInfo);
    }

    private void route(String method, String regex, String operation, Handler handler) {
        routes.add(new Route(method, Pattern.compile(regex + "/?"), operation, handler));
    }

    Match match(String method, String path) {
        boolean pathKnown = false;
        for (Route r : routes) {
            Matcher m = r.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            String[] groups = new String[m.groupCount()];
            for (int i = 0; i < groups.length; i++) {
                groups[i] = m.group(i + 1);
            }
            if (r.pattern().pattern().startsWith(API)) {
                // Data Center has no /rest/api/3; "latest" is the newest there is
                String version = groups[0];
                if (flavour == Flavour.DATA_CENTER && version.equals("3")) {
                    continue;
                }
                String[] rest = new String[groups.length];
                rest[0] = version.equals("latest") ? (flavour == Flavour.CLOUD ? "3" : "2") : version;
                System.arraycopy(groups, 1, rest, 1, groups.length - 1);
                groups = rest;
            }
            pathKnown = true;
            if (r.method().equals(method)) {
                return new Match(r, groups, true);
            }
        }
        return new Match(null, null, pathKnown);
    }

    Reply invoke(Match match, Call call) {
        synchronized (data) {
            return match.route().handler().handle(call);
        }
    }

    // ---------------------------------------------------------------- helpers

    private User callerUser() {
        return data.user(caller).orElseThrow();
    }

    private Instant now() {
        return clock.instant();
    }

    private static int intParam(Call c, String name, int def, int min, int max) {
        String v = c.param(name);
        if (v == null || v.isEmpty()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min) {
                throw ApiError.forPath(c.path(), 400, "The " + name + " parameter must be at least " + min + ".",
                        "sd.paging.invalid");
            }
            return Math.min(n, max);
        } catch (NumberFormatException e) {
            throw ApiError.forPath(c.path(), 400, "The " + name + " parameter is not a number: '" + v + "'.",
                    "sd.paging.invalid");
        }
    }

    private static int start(Call c) {
        return intParam(c, "start", 0, 0, Integer.MAX_VALUE);
    }

    private static int limit(Call c) {
        return intParam(c, "limit", SD_DEFAULT_LIMIT, 1, SD_MAX_LIMIT);
    }

    private static String selfPath(Call c, String... keep) {
        StringBuilder b = new StringBuilder(c.path());
        String sep = "?";
        for (String k : keep) {
            String v = c.param(k);
            if (v != null) {
                b.append(sep).append(k).append('=').append(Shapes.encode(v));
                sep = "&";
            }
        }
        return b.toString();
    }

    private void serviceDeskOr404(String id) {
        if (!JiraData.SERVICE_DESK_ID.equals(id) && !JiraData.PROJECT_KEY.equalsIgnoreCase(id)) {
            throw ApiError.serviceDesk(404, "The service desk with id '" + id + "' does not exist or you do not have"
                    + " permission to see it.", "sd.servicedesk.error.not.found", id);
        }
    }

    private JiraData.RequestType requestTypeOr404(String id) {
        return data.requestType(id).orElseThrow(() -> ApiError.serviceDesk(404, "The request type with id '" + id
                + "' does not exist or you do not have permission to see it.", "sd.requesttype.error.not.found", id));
    }

    private Issue requestOr404(String keyOrId) {
        return data.issue(keyOrId).orElseThrow(() -> ApiError.serviceDesk(404, "The request '" + keyOrId + "' does"
                + " not exist or you do not have permission to see it.", "sd.request.error.not.found", keyOrId));
    }

    private Issue issueOr404(String keyOrId) {
        return data.issue(keyOrId).orElseThrow(() -> ApiError.platform(404,
                "Issue does not exist or you do not have permission to see it."));
    }

    /** A user as a flavour's API names them in bodies: user name on Data Center, accountId on Cloud. */
    private Optional<User> userById(String id) {
        return flavour == Flavour.CLOUD ? data.userByAccountId(id) : data.user(id);
    }

    private static Set<String> expand(Call c) {
        return new HashSet<>(c.list("expand"));
    }

    // ---------------------------------------------------------------- service desk, request types, knowledge base

    private Reply serviceDesks(Call c) {
        return Reply.json(200, shapes.page(selfPath(c), start(c), limit(c), List.of(shapes.serviceDesk()),
                x -> x));
    }

    private Reply serviceDesk(Call c) {
        serviceDeskOr404(c.group(0));
        return Reply.json(200, shapes.serviceDesk());
    }

    private Reply requestTypes(Call c) {
        serviceDeskOr404(c.group(0));
        String search = c.param("searchQuery");
        List<JiraData.RequestType> types = data.requestTypes.stream()
                .filter(t -> search == null || search.isBlank()
                        || (t.name() + " " + t.description()).toLowerCase(Locale.ROOT)
                                .contains(search.toLowerCase(Locale.ROOT)))
                .toList();
        ObjectNode page = shapes.page(selfPath(c, "searchQuery"), start(c), limit(c), types, shapes::requestType);
        page.putArray("_expands");
        return Reply.json(200, page);
    }

    private Reply requestType(Call c) {
        serviceDeskOr404(c.group(0));
        return Reply.json(200, shapes.requestType(requestTypeOr404(c.group(1))));
    }

    private Reply requestTypeFields(Call c) {
        serviceDeskOr404(c.group(0));
        return Reply.json(200, shapes.requestTypeFields(requestTypeOr404(c.group(1))));
    }

    private Reply articles(Call c, String serviceDeskId) {
        if (serviceDeskId != null) {
            serviceDeskOr404(serviceDeskId);
        }
        String query = c.param("query");
        if (query == null || query.isBlank()) {
            throw ApiError.serviceDesk(400, "The query parameter is required.", "sd.kb.search.query.required");
        }
        boolean highlight = Boolean.parseBoolean(c.param("highlight"));
        List<String> words = KnowledgeBase.words(query);
        List<ObjectNode> hits = new ArrayList<>();
        for (KnowledgeBase.Hit h : KnowledgeBase.search(data.articles, words)) {
            JiraData.Article a = h.article();
            hits.add(shapes.article(a, highlight ? KnowledgeBase.highlight(a.title(), words) : a.title(),
                    highlight ? KnowledgeBase.highlight(a.excerpt(), words) : a.excerpt()));
        }
        return Reply.json(200, shapes.page(selfPath(c, "query", "highlight"), start(c), limit(c), hits, x -> x));
    }

    /** The page behind an article's {@code content.iframeSrc}: the article as a small HTML page. */
    private Reply viewArticle(Call c) {
        JiraData.Article a = data.articles.stream().filter(x -> x.pageId().equals(c.group(0))).findFirst()
                .orElseThrow(() -> ApiError.serviceDesk(404, "The article '" + c.group(0) + "' does not exist.",
                        "sd.kb.article.not.found", c.group(0)));
        String html = "<!DOCTYPE html><html lang=\"uk\"><head><meta charset=\"utf-8\"><title>" + escape(a.title())
                + "</title></head><body><h1>" + escape(a.title()) + "</h1><p>" + escape(a.excerpt())
                + "</p></body></html>";
        return new Reply(200, html.getBytes(StandardCharsets.UTF_8), "text/html;charset=UTF-8", Map.of());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ---------------------------------------------------------------- requests

    private static final Set<String> CREATE_FIELDS = Set.of("serviceDeskId", "requestTypeId", "requestFieldValues",
            "raiseOnBehalfOf", "requestParticipants", "isAdfRequest", "channel", "form");

    private Reply createRequest(Call c) {
        ObjectNode body = Http.jsonObject(c.body(), c.path(), CREATE_FIELDS);
        String serviceDeskId = body.path("serviceDeskId").asText("");
        if (serviceDeskId.isEmpty()) {
            throw ApiError.serviceDesk(400, "The serviceDeskId is required.", "sd.request.create.servicedesk.required");
        }
        if (!serviceDeskId.equals(JiraData.SERVICE_DESK_ID)) {
            throw ApiError.serviceDesk(400, "The service desk with id '" + serviceDeskId + "' does not exist.",
                    "sd.request.create.servicedesk.invalid", serviceDeskId);
        }
        String typeId = body.path("requestTypeId").asText("");
        if (typeId.isEmpty()) {
            throw ApiError.serviceDesk(400, "The requestTypeId is required.", "sd.request.create.requesttype.required");
        }
        JiraData.RequestType type = data.requestType(typeId).orElseThrow(() -> ApiError.serviceDesk(400,
                "The request type with id '" + typeId + "' does not exist in this service desk.",
                "sd.request.create.requesttype.invalid", typeId));
        JsonNode values = body.path("requestFieldValues");
        if (!values.isObject()) {
            throw ApiError.serviceDesk(400, "The requestFieldValues are required.",
                    "sd.request.create.fields.required");
        }
        boolean adf = body.path("isAdfRequest").asBoolean(false);
        Map<String, String> fieldErrors = new LinkedHashMap<>();
        values.fieldNames().forEachRemaining(name -> {
            if (type.field(name).isEmpty()) {
                fieldErrors.put(name, "The field '" + name + "' is not a field of the request type '" + type.name()
                        + "'.");
            }
        });
        String summary = values.path("summary").isTextual() ? values.get("summary").asText().strip() : null;
        if (summary == null || summary.isEmpty()) {
            fieldErrors.put("summary", "You must specify a summary of the issue.");
        } else if (summary.length() > 255) {
            fieldErrors.put("summary", "Summary must be less than 255 characters.");
        }
        String description = description(values.get("description"), adf, fieldErrors);
        for (JiraData.Field f : type.fields()) {
            if (f.required() && !f.fieldId().equals("summary")
                    && (!values.has(f.fieldId()) || (f.fieldId().equals("description") && description == null))) {
                fieldErrors.put(f.fieldId(), f.name() + " is required.");
            }
        }
        JiraData.Priority priority = priority(values.get("priority"), fieldErrors);
        List<JiraData.TemporaryAttachment> temporary = temporaryAttachments(values.get("attachment"), fieldErrors);
        if (!fieldErrors.isEmpty()) {
            StringBuilder m = new StringBuilder("Your request could not be created. Please check the fields have been"
                    + " correctly filled in.");
            fieldErrors.forEach((k, v) -> m.append(' ').append(k).append(": ").append(v));
            throw ApiError.serviceDesk(400, m.toString(), "sd.request.create.error.fields.invalid",
                    String.join(",", fieldErrors.keySet()));
        }
        String reporter = caller;
        if (body.hasNonNull("raiseOnBehalfOf")) {
            String who = body.get("raiseOnBehalfOf").asText();
            reporter = userById(who).map(u -> u.login).orElseThrow(() -> ApiError.serviceDesk(400,
                    "The user '" + who + "' you are raising this request on behalf of is not a customer of this"
                            + " service desk.", "sd.request.create.raiseonbehalfof.invalid", who));
        }
        List<String> participants = new ArrayList<>();
        for (JsonNode p : body.path("requestParticipants")) {
            String who = p.asText();
            participants.add(userById(who).map(u -> u.login).orElseThrow(() -> ApiError.serviceDesk(400,
                    "The participant '" + who + "' is not a customer of this service desk.",
                    "sd.request.create.participant.invalid", who)));
        }
        Instant now = now();
        Issue issue = data.create(type.id(), summary, description, reporter, caller, priority, now, false);
        issue.participants.addAll(participants);
        for (JiraData.TemporaryAttachment t : temporary) {
            data.attach(issue, t, caller, now);
        }
        return Reply.json(201, shapes.request(issue, Set.of()));
    }

    private static String description(JsonNode d, boolean adf, Map<String, String> errors) {
        if (d == null || d.isNull()) {
            return null;
        }
        if (d.isTextual()) {
            return d.asText().isBlank() ? null : d.asText();
        }
        if (adf && d.isObject()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode paragraph : d.path("content")) {
                if (b.length() > 0) {
                    b.append('\n');
                }
                for (JsonNode t : paragraph.path("content")) {
                    b.append(t.path("text").asText(""));
                }
            }
            return b.length() == 0 ? null : b.toString();
        }
        errors.put("description", "The description must be text (or ADF with isAdfRequest).");
        return null;
    }

    private JiraData.Priority priority(JsonNode p, Map<String, String> errors) {
        if (p == null || p.isNull()) {
            return data.priorityByName("Medium").orElse(data.priorities.get(data.priorities.size() / 2));
        }
        Optional<JiraData.Priority> found = p.hasNonNull("name") ? data.priorityByName(p.get("name").asText())
                : p.hasNonNull("id") ? data.priorityById(p.get("id").asText()) : Optional.empty();
        if (found.isEmpty()) {
            errors.put("priority", "Specify a valid priority by name or id: "
                    + data.priorities.stream().map(JiraData.Priority::name).toList() + ".");
            return null;
        }
        return found.get();
    }

    private List<JiraData.TemporaryAttachment> temporaryAttachments(JsonNode ids, Map<String, String> errors) {
        List<JiraData.TemporaryAttachment> result = new ArrayList<>();
        if (ids == null || ids.isNull()) {
            return result;
        }
        if (!ids.isArray()) {
            errors.put("attachment", "The attachment field takes a list of temporary attachment ids.");
            return result;
        }
        for (JsonNode id : ids) {
            JiraData.TemporaryAttachment t = data.temporaryAttachments.get(id.asText());
            if (t == null) {
                errors.put("attachment", "The temporary attachment '" + id.asText() + "' does not exist or has"
                        + " expired.");
            } else {
                result.add(t);
            }
        }
        return result;
    }

    private static final Set<String> OWNERSHIP = Set.of("OWNED_REQUESTS", "PARTICIPATED_REQUESTS", "APPROVER",
            "ORGANIZATION", "ALL_ORGANIZATIONS", "ALL_REQUESTS");

    private Reply listRequests(Call c) {
        List<String> ownership = c.list("requestOwnership");
        for (String o : ownership) {
            if (!OWNERSHIP.contains(o)) {
                throw ApiError.serviceDesk(400, "The requestOwnership '" + o + "' is not valid; use one of "
                        + OWNERSHIP + ".", "sd.request.ownership.invalid", o);
            }
        }
        Set<String> own = ownership.isEmpty() ? Set.of("OWNED_REQUESTS", "PARTICIPATED_REQUESTS")
                : new HashSet<>(ownership);
        String requestStatus = Optional.ofNullable(c.param("requestStatus")).orElse("ALL_REQUESTS");
        if (!Set.of("OPEN_REQUESTS", "CLOSED_REQUESTS", "ALL_REQUESTS").contains(requestStatus)) {
            throw ApiError.serviceDesk(400, "The requestStatus '" + requestStatus + "' is not valid.",
                    "sd.request.status.invalid", requestStatus);
        }
        String search = Optional.ofNullable(c.param("searchTerm")).orElse("").toLowerCase(Locale.ROOT);
        String serviceDeskId = c.param("serviceDeskId");
        String typeId = c.param("requestTypeId");
        boolean agent = callerUser().agent;
        List<Issue> issues = data.issues().stream()
                .filter(i -> (own.contains("ALL_REQUESTS") && agent)
                        || (own.contains("OWNED_REQUESTS") && i.reporter.equals(caller))
                        || (own.contains("PARTICIPATED_REQUESTS") && i.participants.contains(caller)))
                .filter(i -> requestStatus.equals("ALL_REQUESTS")
                        || (requestStatus.equals("CLOSED_REQUESTS") == (i.status.category() == JiraData.Category.DONE)))
                .filter(i -> search.isEmpty() || i.summary.toLowerCase(Locale.ROOT).contains(search)
                        || (i.description != null && i.description.toLowerCase(Locale.ROOT).contains(search)))
                .filter(i -> serviceDeskId == null || serviceDeskId.equals(JiraData.SERVICE_DESK_ID))
                .filter(i -> typeId == null || typeId.equals(i.requestTypeId))
                .sorted(Comparator.comparing((Issue i) -> i.created).reversed())
                .toList();
        Set<String> expand = expand(c);
        ObjectNode page = shapes.page(selfPath(c, "requestOwnership", "requestStatus", "searchTerm"), start(c),
                limit(c), issues, i -> shapes.request(i, expand));
        page.putArray("_expands");
        return Reply.json(200, page);
    }

    private Reply getRequest(Call c) {
        return Reply.json(200, shapes.request(requestOr404(c.group(0)), expand(c)));
    }

    private Reply requestStatus(Call c) {
        Issue i = requestOr404(c.group(0));
        return Reply.json(200, shapes.page(selfPath(c), start(c), limit(c), List.of(shapes.status(i)), x -> x));
    }

    private Reply comments(Call c) {
        Issue issue = requestOr404(c.group(0));
        boolean pub = !"false".equalsIgnoreCase(c.param("public"));
        boolean internal = !"false".equalsIgnoreCase(c.param("internal"));
        List<JiraData.Comment> list = issue.comments.stream()
                .filter(x -> x.isPublic() ? pub : internal).toList();
        ObjectNode page = shapes.page(selfPath(c, "public", "internal"), start(c), limit(c), list,
                x -> shapes.comment(issue, x));
        page.putArray("_expands");
        return Reply.json(200, page);
    }

    private Reply comment(Call c) {
        Issue issue = requestOr404(c.group(0));
        JiraData.Comment found = issue.comments.stream().filter(x -> Long.toString(x.id()).equals(c.group(1)))
                .findFirst().orElseThrow(() -> ApiError.serviceDesk(404, "The comment '" + c.group(1)
                        + "' does not exist.", "sd.comment.error.not.found", c.group(1)));
        return Reply.json(200, shapes.comment(issue, found));
    }

    private Reply addComment(Call c) {
        Issue issue = requestOr404(c.group(0));
        ObjectNode body = Http.jsonObject(c.body(), c.path(), Set.of("body", "public"));
        String text = body.path("body").asText("");
        if (text.isBlank()) {
            throw ApiError.serviceDesk(400, "The comment body is required.", "sd.comment.body.required");
        }
        boolean isPublic = body.path("public").asBoolean(true);
        if (!isPublic && !callerUser().agent) {
            throw ApiError.serviceDesk(403, "Only agents can add internal comments.", "sd.comment.internal.forbidden");
        }
        JiraData.Comment comment = data.comment(issue, caller, text, isPublic, now(), false);
        return Reply.json(201, shapes.comment(issue, comment));
    }

    // ---------------------------------------------------------------- attachments

    private Reply attachTemporary(Call c) {
        serviceDeskOr404(c.group(0));
        String token = c.headers().getFirst("X-Atlassian-Token");
        if (token == null || !token.equalsIgnoreCase("no-check")) {
            return new Reply(403, "XSRF check failed".getBytes(StandardCharsets.UTF_8), "text/plain;charset=UTF-8",
                    Map.of());
        }
        String contentType = Optional.ofNullable(c.headers().getFirst("Content-Type")).orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiError.serviceDesk(415, "The request must be multipart/form-data with the files in parts named"
                    + " 'file'.", "sd.attachment.multipart.required");
        }
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(contentType, c.body()).stream()
                    .filter(p -> "file".equals(p.name()) && p.filename() != null).toList();
        } catch (IllegalArgumentException e) {
            throw ApiError.serviceDesk(400, e.getMessage(), "sd.attachment.multipart.invalid");
        }
        if (parts.isEmpty()) {
            throw ApiError.serviceDesk(400, "No files were found in the request: send them in parts named 'file'.",
                    "sd.attachment.no.files");
        }
        ObjectNode n = Shapes.object();
        ArrayNode list = n.putArray("temporaryAttachments");
        for (Multipart.Part p : parts) {
            if (p.content().length > MAX_ATTACHMENT_BYTES) {
                throw ApiError.serviceDesk(413, "The file '" + p.filename() + "' is larger than the attachment limit"
                        + " of " + MAX_ATTACHMENT_BYTES + " bytes.", "sd.attachment.too.large", p.filename());
            }
            JiraData.TemporaryAttachment t = data.addTemporary(p.filename(),
                    p.contentType() == null ? "application/octet-stream" : p.contentType(), p.content(), now());
            list.addObject().put("temporaryAttachmentId", t.id()).put("fileName", t.filename());
        }
        return Reply.json(201, n);
    }

    private Reply attach(Call c) {
        Issue issue = requestOr404(c.group(0));
        ObjectNode body = Http.jsonObject(c.body(), c.path(),
                Set.of("temporaryAttachmentIds", "public", "additionalComment"));
        JsonNode ids = body.path("temporaryAttachmentIds");
        if (!ids.isArray() || ids.isEmpty()) {
            throw ApiError.serviceDesk(400, "The temporaryAttachmentIds are required.",
                    "sd.attachment.temporary.ids.required");
        }
        List<JiraData.TemporaryAttachment> temporary = new ArrayList<>();
        for (JsonNode id : ids) {
            JiraData.TemporaryAttachment t = data.temporaryAttachments.get(id.asText());
            if (t == null) {
                throw ApiError.serviceDesk(400, "The temporary attachment '" + id.asText() + "' does not exist or"
                        + " has expired.", "sd.attachment.temporary.invalid", id.asText());
            }
            temporary.add(t);
        }
        JsonNode extra = body.path("additionalComment");
        if (!extra.isMissingNode() && !extra.isNull()) {
            for (java.util.Iterator<String> it = extra.fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!f.equals("body")) {
                    throw ApiError.serviceDesk(400, "Unrecognized field \"" + f + "\", not marked as ignorable",
                            "sd.request.body.unrecognized.field");
                }
            }
        }
        Instant now = now();
        List<JiraData.Attachment> added = new ArrayList<>();
        StringBuilder text = new StringBuilder(extra.path("body").asText(""));
        for (JiraData.TemporaryAttachment t : temporary) {
            JiraData.Attachment a = data.attach(issue, t, caller, now);
            added.add(a);
            if (text.length() > 0) {
                text.append(added.size() == 1 ? "\n\n" : " ");
            }
            text.append(a.mimeType().startsWith("image/") ? "!" + a.filename() + "|thumbnail!"
                    : "[^" + a.filename() + "]");
        }
        JiraData.Comment comment = data.comment(issue, caller, text.toString(), body.path("public").asBoolean(true),
                now, false);
        ObjectNode n = Shapes.object();
        List<ObjectNode> rendered = added.stream().map(a -> shapes.attachment(issue, a)).toList();
        n.set("attachments", shapes.page("/rest/servicedeskapi/request/" + issue.id + "/attachment", 0,
                Math.max(1, rendered.size()), rendered.size(), rendered, true));
        n.set("comment", shapes.comment(issue, comment));
        return Reply.json(201, n);
    }

    private Reply attachments(Call c) {
        Issue issue = requestOr404(c.group(0));
        ObjectNode page = shapes.page(selfPath(c), start(c), limit(c), issue.attachments,
                a -> shapes.attachment(issue, a));
        page.putArray("_expands");
        return Reply.json(200, page);
    }

    private Reply requestAttachment(Call c) {
        Issue issue = requestOr404(c.group(0));
        boolean ofIssue = issue.attachments.stream().anyMatch(a -> Long.toString(a.id()).equals(c.group(1)));
        if (!ofIssue) {
            throw ApiError.serviceDesk(404, "The attachment '" + c.group(1) + "' does not exist.",
                    "sd.attachment.error.not.found", c.group(1));
        }
        return content(c.group(1));
    }

    private Reply content(String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            n = -1;
        }
        JiraData.Attachment a = data.attachment(n).orElseThrow(() -> ApiError.platform(404,
                "The attachment " + id + " does not exist."));
        return new Reply(200, a.content(), a.mimeType(),
                Map.of("Content-Disposition", "attachment; filename=\"" + a.filename().replace("\"", "") + "\""));
    }

    // ---------------------------------------------------------------- search

    private static final Set<String> DC_SEARCH_FIELDS = Set.of("jql", "startAt", "maxResults", "fields", "expand",
            "validateQuery", "properties", "fieldsByKeys");
    private static final Set<String> CLOUD_SEARCH_FIELDS = Set.of("jql", "nextPageToken", "maxResults", "fields",
            "expand", "properties", "fieldsByKeys", "reconcileIssues", "failFast");

    /** The parameters of a search from the query string (GET) or the JSON body (POST). */
    private Call searchParams(Call c, Set<String> allowed) {
        if (!c.method().equals("POST")) {
            return c;
        }
        ObjectNode body = Http.jsonObject(c.body(), c.path(), allowed);
        Map<String, List<String>> q = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(v -> values.add(v.asText()));
            } else if (!e.getValue().isNull()) {
                values.add(e.getValue().asText());
            }
            q.put(e.getKey(), values);
        });
        return new Call(c.method(), c.path(), q, c.headers(), c.body(), c.groups());
    }

    private Reply searchDataCenter(Call call) {
        if (flavour == Flavour.CLOUD) {
            throw ApiError.platform(410, "The requested API has been removed. Please migrate to the"
                    + " /rest/api/3/search/jql API. A full migration guideline is available at"
                    + " https://developer.atlassian.com/changelog/#CHANGE-2046");
        }
        Call c = searchParams(call, DC_SEARCH_FIELDS);
        int startAt = intParamPlatform(c, "startAt", 0, 0, Integer.MAX_VALUE);
        int maxResults = intParamPlatform(c, "maxResults", 50, 0, 1000);
        String validate = Optional.ofNullable(c.param("validateQuery")).orElse("strict").toLowerCase(Locale.ROOT);
        boolean strict = validate.equals("strict") || validate.equals("true");
        Jql.Query q = jql(c.param("jql"), strict);
        List<Issue> matches = data.issues().stream().filter(q.filter()).sorted(q.order()).toList();
        List<String> fields = fields(c.list("fields"), false);
        ObjectNode n = Shapes.object();
        n.put("expand", "schema,names");
        n.put("startAt", startAt);
        n.put("maxResults", maxResults);
        n.put("total", matches.size());
        ArrayNode issues = n.putArray("issues");
        matches.stream().skip(startAt).limit(maxResults)
                .forEach(i -> issues.add(shapes.issue(i, fields, Integer.parseInt(c.group(0)), false)));
        if (validate.equals("warn") && !q.warnings().isEmpty()) {
            ArrayNode w = n.putArray("warningMessages");
            q.warnings().forEach(w::add);
        }
        return Reply.json(200, n);
    }

    private Reply searchCloud(Call call) {
        if (flavour == Flavour.DATA_CENTER) {
            throw ApiError.platform(404, "null for uri: " + call.path());
        }
        Call c = searchParams(call, CLOUD_SEARCH_FIELDS);
        String jql = Optional.ofNullable(c.param("jql")).orElse("");
        if (jql.isBlank() || jql.strip().toLowerCase(Locale.ROOT).startsWith("order")) {
            throw ApiError.platform(400, "Unbounded JQL queries are not allowed here. Please add a search restriction"
                    + " to your query.");
        }
        List<String> requested = c.list("fields");
        boolean idOnly = requested.isEmpty() || requested.equals(List.of("id"));
        int maxResults = intParamPlatform(c, "maxResults", 50, 1, idOnly ? 5000 : 100);
        String token = c.param("nextPageToken");
        int offset = token == null || token.isEmpty() ? 0 : pageOffset(token, jql);
        Jql.Query q = jql(jql, false);
        List<Issue> matches = data.issues().stream().filter(q.filter()).sorted(q.order()).toList();
        List<String> fields = fields(requested, true);
        ObjectNode n = Shapes.object();
        ArrayNode issues = n.putArray("issues");
        matches.stream().skip(offset).limit(maxResults)
                .forEach(i -> issues.add(shapes.issue(i, fields, Integer.parseInt(c.group(0)), idOnly)));
        boolean last = offset + maxResults >= matches.size();
        if (!last) {
            n.put("nextPageToken", pageToken(offset + maxResults, jql));
        }
        n.put("isLast", last);
        return Reply.json(200, n);
    }

    private static String pageToken(int offset, String jql) {
        String raw = offset + ":" + Integer.toHexString(jql.strip().hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static int pageOffset(String token, String jql) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (colon > 0 && raw.substring(colon + 1).equals(Integer.toHexString(jql.strip().hashCode()))) {
                return Integer.parseInt(raw.substring(0, colon));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw ApiError.platform(400, "The provided next page token is invalid or does not belong to this query.");
    }

    private static int intParamPlatform(Call c, String name, int def, int min, int max) {
        String v = c.param(name);
        if (v == null || v.isEmpty()) {
            return def;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min) {
                throw ApiError.platform(400, "The value of '" + name + "' must be at least " + min + ".");
            }
            return Math.min(n, max);
        } catch (NumberFormatException e) {
            throw ApiError.platform(400, "The value '" + v + "' of '" + name + "' is not a number.");
        }
    }

    private Jql.Query jql(String jql, boolean strictKeys) {
        try {
            return Jql.parse(jql, data, flavour, options.zone(), clock, caller, strictKeys);
        } catch (Jql.JqlException e) {
            throw ApiError.platform(400, e.getMessage());
        }
    }

    /** Jira's {@code fields}: names, {@code *all}, {@code *navigable}, {@code -name}; unknown names are ignored. */
    private static List<String> fields(List<String> requested, boolean cloud) {
        Set<String> out = new LinkedHashSet<>();
        List<String> navigable = Shapes.ISSUE_FIELDS.stream().filter(f -> !f.equals("comment")).toList();
        if (requested.isEmpty() && !cloud) {
            out.addAll(navigable);
        }
        for (String f : requested) {
            if (f.equals("*all")) {
                out.addAll(Shapes.ISSUE_FIELDS);
            } else if (f.equals("*navigable")) {
                out.addAll(navigable);
            } else if (f.startsWith("-")) {
                out.remove(f.substring(1));
            } else if (Shapes.ISSUE_FIELDS.contains(f)) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- issues and users

    private Reply assign(Call c) {
        Issue issue = issueOr404(c.group(1));
        ObjectNode body = Http.jsonObject(c.body(), c.path(), Set.of("name", "key", "accountId"));
        String idField = flavour == Flavour.CLOUD ? "accountId" : "name";
        JsonNode value = body.get(idField);
        if (flavour == Flavour.DATA_CENTER && value == null) {
            value = body.get("key");
        }
        if (value == null) {
            throw ApiError.platform(400, List.of(), Map.of("assignee", flavour == Flavour.CLOUD
                    ? "Specify the assignee by accountId (Jira Cloud does not take user names)."
                    : "Specify the assignee by name (user name); accountId is a Jira Cloud field."));
        }
        String login = null;
        if (!value.isNull() && !value.asText().equals("-1")) {
            String id = value.asText();
            User u = userById(id).orElseThrow(() -> ApiError.platform(400, List.of(),
                    Map.of("assignee", "User '" + id + "' does not exist.")));
            if (!u.agent || !u.active) {
                throw ApiError.platform(400, List.of(), Map.of("assignee", "User '" + id
                        + "' cannot be assigned issues."));
            }
            login = u.login;
        }
        data.assign(issue, login, caller, now(), false);
        return Reply.noContent();
    }

    private Reply transitions(Call c) {
        Issue issue = issueOr404(c.group(1));
        ObjectNode n = Shapes.object();
        n.put("expand", "transitions");
        ArrayNode list = n.putArray("transitions");
        for (JiraData.Status s : JiraData.STATUSES) {
            if (s.equals(issue.status)) {
                continue;
            }
            ObjectNode t = list.addObject();
            t.put("id", s.transitionId());
            t.put("name", s.transitionName());
            t.set("to", shapes.platformStatus(s));
            t.put("hasScreen", false);
            t.put("isGlobal", true);
            t.put("isInitial", false);
            t.put("isAvailable", true);
            t.put("isConditional", false);
            t.put("isLooped", false);
        }
        return Reply.json(200, n);
    }

    private Reply doTransition(Call c) {
        Issue issue = issueOr404(c.group(1));
        ObjectNode body = Http.jsonObject(c.body(), c.path(),
                Set.of("transition", "fields", "update", "historyMetadata", "properties"));
        String id = body.path("transition").path("id").asText("");
        if (id.isEmpty()) {
            throw ApiError.platform(400, "Missing 'transition' identifier");
        }
        JiraData.Status to = JiraData.statusByTransition(id).filter(s -> !s.equals(issue.status))
                .orElseThrow(() -> ApiError.platform(400, "Transition id '" + id + "' is not valid for this issue."));
        Instant now = now();
        for (JsonNode op : body.path("update").path("comment")) {
            JsonNode text = op.path("add").path("body");
            if (text.isTextual() && !text.asText().isBlank()) {
                data.comment(issue, caller, text.asText(), true, now, false);
            }
        }
        data.transition(issue, to, caller, now, false);
        return Reply.noContent();
    }

    private Reply findUsers(Call c) {
        int startAt = intParamPlatform(c, "startAt", 0, 0, Integer.MAX_VALUE);
        int maxResults = intParamPlatform(c, "maxResults", 50, 0, 1000);
        List<User> found;
        if (flavour == Flavour.CLOUD) {
            String accountId = c.param("accountId");
            String query = c.param("query");
            if ((accountId == null || accountId.isBlank()) == (query == null || query.isBlank())) {
                throw ApiError.platform(400, "Provide either the 'query' or the 'accountId' parameter.");
            }
            found = accountId != null && !accountId.isBlank()
                    ? data.userByAccountId(accountId).map(List::of).orElse(List.of())
                    : matching(query, true);
        } else {
            String username = c.param("username");
            if (username == null || username.isBlank()) {
                throw ApiError.platform(400, "The username query parameter was not provided");
            }
            boolean inactive = Boolean.parseBoolean(c.param("includeInactive"));
            boolean active = !"false".equalsIgnoreCase(c.param("includeActive"));
            found = matching(username, false).stream().filter(u -> u.active ? active : inactive).toList();
        }
        ArrayNode a = JiraStandIn.JSON.createArrayNode();
        found.stream().skip(startAt).limit(maxResults).forEach(u -> a.add(shapes.platformUser(u)));
        return Reply.json(200, a);
    }

    /** Prefix match on the user name, e-mail or any word of the display name; "." or "*" matches everyone. */
    private List<User> matching(String query, boolean cloud) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        return data.usersByLogin.values().stream()
                .filter(u -> q.equals(".") || q.equals("*") || (!cloud && u.login.startsWith(q))
                        || u.email.toLowerCase(Locale.ROOT).startsWith(q)
                        || u.displayName.toLowerCase(Locale.ROOT).startsWith(q)
                        || List.of(u.displayName.toLowerCase(Locale.ROOT).split("\\s+")).stream()
                                .anyMatch(w -> w.startsWith(q)))
                .toList();
    }

    private Reply serverInfo(Call c) {
        ObjectNode n = Shapes.object();
        n.put("baseUrl", shapes.baseUrl());
        boolean cloud = flavour == Flavour.CLOUD;
        n.put("version", cloud ? "1001.0.0-SNAPSHOT" : "9.12.15");
        n.putArray("versionNumbers").add(cloud ? 1001 : 9).add(cloud ? 0 : 12).add(cloud ? 0 : 15);
        n.put("deploymentType", cloud ? "Cloud" : "Server");
        n.put("buildNumber", cloud ? 100_000 : 9_120_015);
        n.put("serverTitle", "IT Desk sandbox Jira");
        n.put("serverTime", shapes.jiraTime(now()));
        return Reply.json(200, n);
    }
}
