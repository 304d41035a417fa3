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
import jakarta.ws.rs.core.MediaType;

/**
 * Online consultations (C1, C4, C6): what the bot's dispatcher and its chat synchronisation need from Jira. Like
 * {@link EventsApi} and {@link PresenceApi} these are calls of the bot as a service, authenticated by its client
 * certificate without an employee token: a queue is dispatched, and a chat is written to Jira, long after the
 * employee's button press, possibly after their session ended.
 *
 * <p>To keep that door narrow, the writes only add to requests of the service desk's project, each comment is
 * marked by the agent as coming from a Telegram consultation, and every call is audited; nothing can be read beyond
 * {@link ConsultationBrief}. Keys must match {@link RequestsApi#ISSUE_KEY}.
 *
 * <p>Writes carry an {@value ApiPaths#IDEMPOTENCY_KEY_HEADER}: a repeated key (within the agent's window) answers
 * what the first call did without writing again, so a retry after a lost answer never doubles a comment.
 *
 * <p>Failures are problems: 400 {@code invalid-request}, 401/403 (not the bot's certificate), 404 {@code not-found}
 * (no such request in the service desk), 413, 415 (attachments, as {@link RequestsApi#attach}), 429
 * {@code throttled}, 503 {@code dependency-unavailable} with {@code Retry-After} (keep the work and retry).
 */
@Path(ApiPaths.CONSULTATIONS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ConsultationsApi {

    /**
     * The first line of every comment written through {@link #comment}: Jira readers see where it came from, and the
     * bot recognises the comment when it comes back on the event stream (the people in the chat have read it).
     */
    String COMMENT_MARKER = "[Telegram consultation]";

    /** The request's facts for an offer and the online specialists ranked for it, read live from Jira. */
    @GET
    @Path("/{key}")
    ConsultationBrief brief(@PathParam("key") @Pattern(regexp = RequestsApi.ISSUE_KEY) String key);

    /**
     * Adds a public comment written by the consultation (a part of the chat transcript, the closing note, the
     * rating) to the request; the agent posts it with its own Jira account.
     */
    @POST
    @Path("/{key}/comments")
    PublicComment comment(@PathParam("key") @Pattern(regexp = RequestsApi.ISSUE_KEY) String key,
            @HeaderParam(ApiPaths.IDEMPOTENCY_KEY_HEADER) @NotNull
            @Pattern(regexp = RequestsApi.IDEMPOTENCY_KEY) String idempotencyKey,
            @NotNull @Valid NewComment comment);

    /** Attaches a file sent during the consultation, with the limits of {@link RequestsApi#attach}. */
    @POST
    @Path("/{key}/attachments")
    @Consumes(MediaType.WILDCARD)
    AttachmentReceipt attach(@PathParam("key") @Pattern(regexp = RequestsApi.ISSUE_KEY) String key,
            @HeaderParam(ApiPaths.IDEMPOTENCY_KEY_HEADER) @NotNull
            @Pattern(regexp = RequestsApi.IDEMPOTENCY_KEY) String idempotencyKey,
            @HeaderParam(ApiPaths.ATTACHMENT_NAME_HEADER) @NotBlank @Size(max = 765) String fileName,
            @HeaderParam("Content-Type") @NotBlank String contentType,
            @NotNull java.io.InputStream content);
}
