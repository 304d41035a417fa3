package ua.itdesk.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import ua.itdesk.sandbox.jira.JiraData.Attachment;
import ua.itdesk.sandbox.jira.JiraData.Comment;
import ua.itdesk.sandbox.jira.JiraData.Issue;
import ua.itdesk.sandbox.jira.JiraData.User;
import ua.itdesk.sandbox.jira.JiraStandIn.Flavour;

/**
 * JSON as Jira writes it: the JSM DTOs of {@code /rest/servicedeskapi} (string ids, {@code _links}, paged lists,
 * {@code DateDTO}) and the platform API's issue and user beans, in the Data Center or Cloud flavour (users by name
 * and key, or by accountId; description as text in v2, as ADF in v3). Callers hold the data lock.
 */
final class Shapes {

    private static final DateTimeFormatter ISO8601 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
    private static final DateTimeFormatter JIRA = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE", Locale.ENGLISH);
    private static final DateTimeFormatter OLD = DateTimeFormatter.ofPattern("dd/MMM/yy h:mm a", Locale.ENGLISH);
    /** Every field an issue bean can carry here; the navigable ones are all but {@code comment}. */
    /**
     * JSM's "Customer Request Type" custom field (its id on Cloud sites; on Data Center the id differs per site, so
     * the agent takes it from configuration): {@code {"requestType": {...}}} with the request type's DTO.
     */
    static final String REQUEST_TYPE_FIELD = "customfield_10010";

    static final List<String> ISSUE_FIELDS = List.of("summary", "description", "status", "assignee", "reporter",
            "creator", "priority", "created", "updated", "resolutiondate", "resolution", "issuetype", "project",
            "labels", Shapes.REQUEST_TYPE_FIELD, "comment");

    private final String baseUrl;
    private final Flavour flavour;
    private final ZoneId zone;
    private final Clock clock;
    private final JiraData data;

    Shapes(String baseUrl, Flavour flavour, ZoneId zone, Clock clock, JiraData data) {
        this.baseUrl = baseUrl;
        this.flavour = flavour;
        this.zone = zone;
        this.clock = clock;
        this.data = data;
    }

    String baseUrl() {
        return baseUrl;
    }

    static ObjectNode object() {
        return JiraStandIn.JSON.createObjectNode();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- dates

    /** Jira's text form of an instant: {@code 2015-10-08T14:42:00.000+0700}. */
    String jiraTime(Instant t) {
        return t == null ? null : JIRA.format(t.atZone(zone));
    }

    ObjectNode date(Instant t) {
        ZonedDateTime z = t.atZone(zone);
        ObjectNode n = object();
        n.put("epochMillis", t.toEpochMilli());
        n.put("friendly", friendly(z));
        n.put("iso8601", ISO8601.format(z));
        n.put("jira", JIRA.format(z));
        return n;
    }

    private String friendly(ZonedDateTime z) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate day = z.toLocalDate();
        if (day.equals(today)) {
            return "Today " + TIME.format(z);
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday " + TIME.format(z);
        }
        if (day.isAfter(today.minusDays(7)) && !day.isAfter(today)) {
            return DAY.format(z) + " " + TIME.format(z);
        }
        return OLD.format(z);
    }

    // ---------------------------------------------------------------- users

    String userRestUrl(User u) {
        return baseUrl + "/rest/api/2/user?" + (flavour == Flavour.CLOUD ? "accountId=" + u.accountId
                : "username=" + encode(u.login));
    }

    private ObjectNode avatarUrls(User u) {
        ObjectNode a = object();
        for (String[] size : new String[][] {{"16x16", "xsmall"}, {"24x24", "small"}, {"32x32", "medium"},
            {"48x48", "large"}}) {
            a.put(size[0], baseUrl + "/secure/useravatar?size=" + size[1] + "&ownerId=" + encode(u.login));
        }
        return a;
    }

    /** JSM {@code UserDTO}. */
    ObjectNode userDto(User u) {
        ObjectNode n = object();
        if (flavour == Flavour.CLOUD) {
            n.put("accountId", u.accountId);
        } else {
            n.put("name", u.login);
            n.put("key", u.login);
        }
        n.put("emailAddress", u.email);
        n.put("displayName", u.displayName);
        n.put("active", u.active);
        n.put("timeZone", zone.getId());
        ObjectNode links = n.putObject("_links");
        links.put("jiraRest", userRestUrl(u));
        links.set("avatarUrls", avatarUrls(u));
        links.put("self", userRestUrl(u));
        return n;
    }

    /** Platform {@code User} bean. */
    ObjectNode platformUser(User u) {
        ObjectNode n = object();
        n.put("self", userRestUrl(u));
        if (flavour == Flavour.CLOUD) {
            n.put("accountId", u.accountId);
            n.put("accountType", "atlassian");
        } else {
            n.put("key", u.login);
            n.put("name", u.login);
        }
        n.put("emailAddress", u.email);
        n.set("avatarUrls", avatarUrls(u));
        n.put("displayName", u.displayName);
        n.put("active", u.active);
        n.put("timeZone", zone.getId());
        n.put("locale", "uk_UA");
        return n;
    }

    private User user(String login) {
        return data.user(login).orElseThrow(() -> new IllegalStateException("unknown user " + login));
    }

    /** The id a flavour's API uses for a user: accountId on Cloud, user name on Data Center. */
    String userId(String login) {
        return login == null ? null : flavour == Flavour.CLOUD ? user(login).accountId : login;
    }

    // ---------------------------------------------------------------- JSM

    ObjectNode page(String selfPath, int start, int limit, int total, List<? extends JsonNode> values,
            boolean withExpands) {
        ObjectNode n = object();
        if (withExpands) {
            n.putArray("_expands");
        }
        n.put("size", values.size());
        n.put("start", start);
        n.put("limit", limit);
        n.put("isLastPage", start + values.size() >= total);
        ObjectNode links = n.putObject("_links");
        links.put("base", baseUrl + "/rest/servicedeskapi");
        links.put("context", "");
        String sep = selfPath.contains("?") ? "&" : "?";
        if (start + values.size() < total) {
            links.put("next", baseUrl + selfPath + sep + "start=" + (start + limit) + "&limit=" + limit);
        }
        if (start > 0) {
            links.put("prev", baseUrl + selfPath + sep + "start=" + Math.max(0, start - limit) + "&limit=" + limit);
        }
        ArrayNode a = n.putArray("values");
        values.forEach(a::add);
        return n;
    }

    /** A page cut from a whole list. */
    <T> ObjectNode page(String selfPath, int start, int limit, List<T> all, Function<T, ? extends JsonNode> render) {
        List<? extends JsonNode> values = all.stream().skip(start).limit(limit).map(render).toList();
        return page(selfPath, start, limit, all.size(), values, false);
    }

    ObjectNode serviceDesk() {
        ObjectNode n = object();
        n.put("id", JiraData.SERVICE_DESK_ID);
        n.put("projectId", JiraData.PROJECT_ID);
        n.put("projectName", JiraData.PROJECT_NAME);
        n.put("projectKey", JiraData.PROJECT_KEY);
        n.putObject("_links").put("self", baseUrl + "/rest/servicedeskapi/servicedesk/" + JiraData.SERVICE_DESK_ID);
        return n;
    }

    ObjectNode requestType(JiraData.RequestType t) {
        ObjectNode n = object();
        n.putArray("_expands");
        n.put("id", t.id());
        n.putObject("_links").put("self", baseUrl + "/rest/servicedeskapi/servicedesk/" + JiraData.SERVICE_DESK_ID
                + "/requesttype/" + t.id());
        n.put("name", t.name());
        n.put("description", t.description());
        n.put("helpText", t.helpText());
        n.put("issueTypeId", JiraData.ISSUE_TYPE_ID);
        n.put("serviceDeskId", JiraData.SERVICE_DESK_ID);
        n.put("portalId", JiraData.SERVICE_DESK_ID);
        n.putArray("groupIds").add("1");
        ObjectNode icon = n.putObject("icon");
        icon.put("id", "100" + t.id());
        ObjectNode urls = icon.putObject("_links").putObject("iconUrls");
        for (String size : new String[] {"48x48", "24x24", "16x16", "32x32"}) {
            urls.put(size, baseUrl + "/secure/viewavatar?avatarType=SD_REQTYPE&size=" + size + "&avatarId=100"
                    + t.id());
        }
        return n;
    }

    ObjectNode requestTypeFields(JiraData.RequestType t) {
        ObjectNode n = object();
        n.put("canAddRequestParticipants", true);
        n.put("canRaiseOnBehalfOf", true);
        ArrayNode fields = n.putArray("requestTypeFields");
        for (JiraData.Field f : t.fields()) {
            ObjectNode o = fields.addObject();
            o.put("fieldId", f.fieldId());
            o.put("name", f.name());
            o.put("description", f.description());
            o.put("required", f.required());
            o.put("visible", true);
            ObjectNode schema = o.putObject("jiraSchema");
            schema.put("type", f.type());
            schema.put("system", f.system());
            if (f.type().equals("array")) {
                schema.put("items", f.fieldId());
            }
            ArrayNode valid = o.putArray("validValues");
            if (f.fieldId().equals("priority")) {
                for (JiraData.Priority p : data.priorities) {
                    valid.addObject().put("value", p.id()).put("label", p.name()).putArray("children");
                }
            }
            o.putArray("defaultValues");
        }
        return n;
    }

    ObjectNode article(JiraData.Article a, String title, String excerpt) {
        ObjectNode n = object();
        n.put("title", title);
        n.put("excerpt", excerpt);
        ObjectNode source = n.putObject("source");
        source.put("type", "confluence");
        source.put("pageId", a.pageId());
        source.put("spaceKey", "ITKB");
        n.putObject("content").put("iframeSrc", baseUrl + "/rest/servicedeskapi/knowledgebase/article/view/"
                + a.pageId());
        return n;
    }

    ObjectNode status(Issue i) {
        ObjectNode n = object();
        n.put("status", i.status.name());
        n.put("statusCategory", i.status.category().name());
        n.set("statusDate", date(i.statusDate));
        return n;
    }

    /** JSM {@code CustomerRequestDTO}; {@code expand} may name participant, status, requestType, serviceDesk, ... */
    ObjectNode request(Issue i, Set<String> expand) {
        ObjectNode n = object();
        ArrayNode expands = n.putArray("_expands");
        for (String e : List.of("participant", "status", "sla", "requestType", "serviceDesk", "attachment", "action",
                "comment")) {
            if (!expand.contains(e)) {
                expands.add(e);
            }
        }
        n.put("issueId", Long.toString(i.id));
        n.put("issueKey", i.key);
        n.put("summary", i.summary);
        n.put("requestTypeId", i.requestTypeId);
        n.put("serviceDeskId", JiraData.SERVICE_DESK_ID);
        n.set("createdDate", date(i.created));
        n.set("reporter", userDto(user(i.reporter)));
        JiraData.RequestType type = data.requestType(i.requestTypeId).orElseThrow();
        ArrayNode values = n.putArray("requestFieldValues");
        values.addObject().put("fieldId", "summary").put("label", type.field("summary").orElseThrow().name())
                .put("value", i.summary);
        if (i.description != null) {
            ObjectNode d = values.addObject().put("fieldId", "description")
                    .put("label", type.field("description").orElseThrow().name());
            d.put("value", i.description);
            d.putObject("renderedValue").put("html", "<p>" + html(i.description) + "</p>");
        }
        if (i.priority != null) {
            ObjectNode p = values.addObject().put("fieldId", "priority")
                    .put("label", type.field("priority").orElseThrow().name());
            p.set("value", priority(i.priority));
        }
        n.set("currentStatus", status(i));
        if (expand.contains("participant")) {
            List<ObjectNode> users = i.participants.stream().map(l -> userDto(user(l))).toList();
            n.set("participants", page("/rest/servicedeskapi/request/" + i.id + "/participant", 0, 50,
                    users.size(), users, true));
        }
        if (expand.contains("status")) {
            n.set("status", page("/rest/servicedeskapi/request/" + i.id + "/status", 0, 50, 1,
                    List.of(status(i)), true));
        }
        if (expand.contains("sla")) {
            n.set("sla", page("/rest/servicedeskapi/request/" + i.id + "/sla", 0, 50, 0, List.of(), true));
        }
        if (expand.contains("requestType")) {
            n.set("requestType", requestType(type));
        }
        if (expand.contains("serviceDesk")) {
            n.set("serviceDesk", serviceDesk());
        }
        if (expand.contains("attachment")) {
            List<ObjectNode> a = i.attachments.stream().map(x -> attachment(i, x)).toList();
            n.set("attachments", page("/rest/servicedeskapi/request/" + i.id + "/attachment", 0, 50, a.size(), a,
                    true));
        }
        if (expand.contains("comment")) {
            List<ObjectNode> c = i.comments.stream().map(x -> comment(i, x)).toList();
            n.set("comments", page("/rest/servicedeskapi/request/" + i.id + "/comment", 0, 50, c.size(), c, true));
        }
        if (expand.contains("action")) {
            ObjectNode actions = n.putObject("actions");
            for (String a : List.of("addAttachment", "addComment", "addParticipant", "removeParticipant")) {
                actions.putObject(a).put("allowed", true);
            }
        }
        ObjectNode links = n.putObject("_links");
        links.put("jiraRest", baseUrl + "/rest/api/2/issue/" + i.id);
        links.put("web", webUrl(i));
        links.put("agent", baseUrl + "/browse/" + i.key);
        links.put("self", baseUrl + "/rest/servicedeskapi/request/" + i.id);
        return n;
    }

    /** The customer portal's page of the request (what the bot links to). */
    String webUrl(Issue i) {
        return baseUrl + "/servicedesk/customer/portal/" + JiraData.SERVICE_DESK_ID + "/" + i.key;
    }

    ObjectNode comment(Issue i, Comment c) {
        ObjectNode n = object();
        n.putArray("_expands").add("attachment").add("renderedBody");
        n.put("id", Long.toString(c.id()));
        n.put("body", c.body());
        n.put("public", c.isPublic());
        n.set("author", userDto(user(c.author())));
        n.set("created", date(c.created()));
        n.putObject("_links").put("self", baseUrl + "/rest/servicedeskapi/request/" + i.id + "/comment/" + c.id());
        return n;
    }

    ObjectNode attachment(Issue i, Attachment a) {
        ObjectNode n = object();
        n.put("filename", a.filename());
        n.set("author", userDto(user(a.author())));
        n.set("created", date(a.created()));
        n.put("size", a.content().length);
        n.put("mimeType", a.mimeType());
        ObjectNode links = n.putObject("_links");
        links.put("self", baseUrl + "/rest/servicedeskapi/request/" + i.id + "/attachment/" + a.id());
        links.put("jiraRest", baseUrl + "/rest/api/2/attachment/" + a.id());
        links.put("content", contentUrl(a));
        if (a.mimeType() != null && a.mimeType().startsWith("image/")) {
            links.put("thumbnail", contentUrl(a));
        }
        return n;
    }

    String contentUrl(Attachment a) {
        return baseUrl + "/secure/attachment/" + a.id() + "/" + encode(a.filename()).replace("+", "%20");
    }

    // ---------------------------------------------------------------- platform

    ObjectNode priority(JiraData.Priority p) {
        ObjectNode n = object();
        n.put("self", baseUrl + "/rest/api/2/priority/" + p.id());
        n.put("iconUrl", baseUrl + "/images/icons/priorities/" + p.name().toLowerCase(Locale.ROOT) + ".svg");
        n.put("name", p.name());
        n.put("id", p.id());
        return n;
    }

    ObjectNode platformStatus(JiraData.Status s) {
        ObjectNode n = object();
        n.put("self", baseUrl + "/rest/api/2/status/" + s.id());
        n.put("description", "");
        n.put("iconUrl", baseUrl + "/images/icons/statuses/generic.png");
        n.put("name", s.name());
        n.put("id", s.id());
        ObjectNode c = n.putObject("statusCategory");
        c.put("self", baseUrl + "/rest/api/2/statuscategory/" + s.category().id);
        c.put("id", s.category().id);
        c.put("key", s.category().key);
        c.put("colorName", s.category().colorName);
        c.put("name", s.category().displayName);
        return n;
    }

    /** Description or comment body: text in v2 (and in webhooks), ADF in v3. */
    JsonNode text(String s, int apiVersion) {
        if (s == null) {
            return JiraStandIn.JSON.nullNode();
        }
        if (apiVersion < 3) {
            return JiraStandIn.JSON.getNodeFactory().textNode(s);
        }
        ObjectNode doc = object();
        doc.put("type", "doc");
        doc.put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (String paragraph : s.split("\n")) {
            ObjectNode p = content.addObject();
            p.put("type", "paragraph");
            ArrayNode inner = p.putArray("content");
            if (!paragraph.isEmpty()) {
                inner.addObject().put("type", "text").put("text", paragraph);
            }
        }
        return doc;
    }

    ObjectNode platformComment(Issue i, Comment c, int apiVersion) {
        ObjectNode n = object();
        n.put("self", baseUrl + "/rest/api/" + apiVersion + "/issue/" + i.id + "/comment/" + c.id());
        n.put("id", Long.toString(c.id()));
        n.set("author", platformUser(user(c.author())));
        n.set("body", text(c.body(), apiVersion));
        n.set("updateAuthor", platformUser(user(c.author())));
        n.put("created", jiraTime(c.created()));
        n.put("updated", jiraTime(c.created()));
        n.put("jsdPublic", c.isPublic());
        return n;
    }

    private JsonNode userOrNull(String login) {
        return login == null ? JiraStandIn.JSON.nullNode() : platformUser(user(login));
    }

    JsonNode field(Issue i, String field, int apiVersion) {
        switch (field) {
            case "summary":
                return JiraStandIn.JSON.getNodeFactory().textNode(i.summary);
            case "description":
                return text(i.description, apiVersion);
            case "status":
                return platformStatus(i.status);
            case "assignee":
                return userOrNull(i.assignee);
            case "reporter":
                return userOrNull(i.reporter);
            case "creator":
                return userOrNull(i.creator);
            case "priority":
                return i.priority == null ? JiraStandIn.JSON.nullNode() : priority(i.priority);
            case "created":
                return JiraStandIn.JSON.getNodeFactory().textNode(jiraTime(i.created));
            case "updated":
                return JiraStandIn.JSON.getNodeFactory().textNode(jiraTime(i.updated));
            case "resolutiondate":
                return i.resolved == null ? JiraStandIn.JSON.nullNode()
                        : JiraStandIn.JSON.getNodeFactory().textNode(jiraTime(i.resolved));
            case "resolution": {
                if (i.resolved == null) {
                    return JiraStandIn.JSON.nullNode();
                }
                boolean wontDo = i.status.equals(JiraData.CANCELED);
                ObjectNode r = object();
                r.put("self", baseUrl + "/rest/api/2/resolution/" + (wontDo ? "10001" : "10000"));
                r.put("id", wontDo ? "10001" : "10000");
                r.put("description", wontDo ? "This issue won't be actioned." : "Work has been completed.");
                r.put("name", wontDo ? "Won't Do" : "Done");
                return r;
            }
            case "issuetype": {
                ObjectNode t = object();
                t.put("self", baseUrl + "/rest/api/2/issuetype/" + JiraData.ISSUE_TYPE_ID);
                t.put("id", JiraData.ISSUE_TYPE_ID);
                t.put("description", "A request that follows the IT support workflow.");
                t.put("iconUrl", baseUrl + "/images/icons/issuetypes/genericissue.svg");
                t.put("name", JiraData.ISSUE_TYPE_NAME);
                t.put("subtask", false);
                return t;
            }
            case "project": {
                ObjectNode p = object();
                p.put("self", baseUrl + "/rest/api/2/project/" + JiraData.PROJECT_ID);
                p.put("id", JiraData.PROJECT_ID);
                p.put("key", JiraData.PROJECT_KEY);
                p.put("name", JiraData.PROJECT_NAME);
                p.put("projectTypeKey", "service_desk");
                return p;
            }
            case "labels":
                return JiraStandIn.JSON.createArrayNode();
            case REQUEST_TYPE_FIELD: {
                ObjectNode v = object();
                v.putObject("_links").put("web", baseUrl + "/servicedesk/customer/portal/" + JiraData.SERVICE_DESK_ID
                        + "/" + i.key);
                v.set("requestType", requestType(data.requestType(i.requestTypeId).orElseThrow()));
                return v;
            }
            case "comment": {
                ObjectNode c = object();
                ArrayNode comments = c.putArray("comments");
                i.comments.forEach(x -> comments.add(platformComment(i, x, apiVersion)));
                c.put("maxResults", i.comments.size());
                c.put("total", i.comments.size());
                c.put("startAt", 0);
                return c;
            }
            default:
                return null;
        }
    }

    /** Platform {@code IssueBean} with the given fields; no fields and {@code idOnly}: just {@code {"id"}}. */
    ObjectNode issue(Issue i, List<String> fields, int apiVersion, boolean idOnly) {
        ObjectNode n = object();
        if (idOnly) {
            n.put("id", Long.toString(i.id));
            return n;
        }
        n.put("expand", "operations,versionedRepresentations,editmeta,changelog,renderedFields");
        n.put("id", Long.toString(i.id));
        n.put("self", baseUrl + "/rest/api/" + apiVersion + "/issue/" + i.id);
        n.put("key", i.key);
        ObjectNode f = n.putObject("fields");
        for (String name : fields) {
            JsonNode v = field(i, name, apiVersion);
            if (v != null) {
                f.set(name, v);
            }
        }
        return n;
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>");
    }
}
