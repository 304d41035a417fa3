package ua.itdesk.contracts.v1;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Service desk requests for one employee at a time (T1, T4, T5, T6): the bot calls it with the employee's session
 * token, and the agent decides from the token what that person may see.
 *
 * <p>Who may see what: an employee only the requests they reported; a specialist or supervisor the requests
 * assigned to them and those they reported. Another person's request is answered exactly like a request that does
 * not exist, 404 {@code not-found}, so that keys cannot be probed; the agent audits the attempt. Issue keys must
 * match {@value #ISSUE_KEY} (400 otherwise, before Jira is asked).
 *
 * <p>Failures are problems: 400 {@code invalid-request} (bad parameters, or Jira refused the request; the detail is
 * safe to show), 401, 403 {@code forbidden} (the role may not make this call, or the person has no Jira account),
 * 404 {@code not-found}, 429 {@code throttled}, 503 {@code dependency-unavailable} with {@code Retry-After} (Jira,
 * or the directory, cannot be reached: queue the work and retry).
 */
@Path(ApiPaths.REQUESTS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface RequestsApi {

    /** Jira issue keys: project key, dash, number. */
    String ISSUE_KEY = "[A-Z][A-Z0-9_]{1,30}-[0-9]{1,12}";
    /** Page cursors as the agent hands them out. */
    String CURSOR = "[A-Za-z0-9_-]{1,6000}";
    /** Idempotency keys: a UUID or any other 8 to 128 safe characters. */
    String IDEMPOTENCY_KEY = "[A-Za-z0-9._:-]{8,128}";
    /** Most articles {@link #knowledge} returns. */
    int MAX_ARTICLES = 3;

    /** The categories a request can be raised in: the service desk's request types (cached by the agent). */
    @GET
    @Path("/categories")
    List<Category> categories();

    /**
     * Raises a request on behalf of the calling employee; 201 with the new request. The same idempotency key
     * (from the same employee, within the agent's window) returns the request created the first time, without
     * creating another; the same key with a different body is 400. A category whose
     * {@link Category#descriptionRequired()} is set refuses a request without a description: 400 before Jira.
     */
    @POST
    RequestSummary create(
            @HeaderParam(ApiPaths.IDEMPOTENCY_KEY_HEADER) @NotNull @Pattern(regexp = IDEMPOTENCY_KEY)
            String idempotencyKey,
            @NotNull @Valid NewRequest request);

    /** The requests the calling employee reported, newest first. */
    @GET
    @Path("/mine")
    RequestPage mine(@QueryParam("cursor") @Pattern(regexp = CURSOR) String cursor);

    /** For specialists and supervisors: the requests assigned to them, newest first; 403 for employees. */
    @GET
    @Path("/assigned")
    RequestPage assigned(@QueryParam("cursor") @Pattern(regexp = CURSOR) String cursor);

    /** Up to {@value #MAX_ARTICLES} knowledge base articles for a text (a summary); the text never becomes JQL. */
    @GET
    @Path("/knowledge")
    List<KnowledgeArticle> knowledge(@QueryParam("query") @NotBlank @Size(max = NewRequest.MAX_SUMMARY) String query);

    /** One request in full, fetched live; 404 when it does not exist or is not the caller's. */
    @GET
    @Path("/{key}")
    RequestDetail detail(@PathParam("key") @Pattern(regexp = ISSUE_KEY) String key);

    /** Adds a public comment to one of the caller's requests; 404 when it is not theirs. */
    @POST
    @Path("/{key}/comments")
    PublicComment comment(@PathParam("key") @Pattern(regexp = ISSUE_KEY) String key,
            @NotNull @Valid NewComment comment);

    /** Largest attachment the agent takes, in bytes (Telegram's bots download at most 20 MB). */
    long MAX_ATTACHMENT_BYTES = 20L * 1024 * 1024;
    /** Media types the agent accepts as attachments; anything else is 415 {@code unsupported-media-type}. */
    java.util.Set<String> ATTACHMENT_TYPES = java.util.Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "application/pdf", "text/plain", "text/csv", "application/zip",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/msword", "application/vnd.ms-excel", "video/mp4", "audio/ogg", "audio/mpeg");

    /**
     * Attaches a file to one of the caller's requests (visible to the requester); the body is the file itself, its
     * media type the {@code Content-Type}, its name the {@value ApiPaths#ATTACHMENT_NAME_HEADER} header
     * (percent-encoded UTF-8). The agent streams it to Jira's temporary-attachment upload and attaches it; nothing
     * is stored on the way. 413 {@code payload-too-large} above {@link #MAX_ATTACHMENT_BYTES}, 415
     * {@code unsupported-media-type} for a type outside
     * {@link #ATTACHMENT_TYPES}, 404 when the request is not the caller's.
     */
    @POST
    @Path("/{key}/attachments")
    @Consumes(MediaType.WILDCARD)
    AttachmentReceipt attach(@PathParam("key") @Pattern(regexp = ISSUE_KEY) String key,
            @HeaderParam(ApiPaths.ATTACHMENT_NAME_HEADER) @NotBlank @Size(max = 765) String fileName,
            @HeaderParam("Content-Type") @NotBlank String contentType,
            @NotNull java.io.InputStream content);
}
