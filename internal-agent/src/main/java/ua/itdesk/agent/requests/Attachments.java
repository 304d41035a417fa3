package ua.itdesk.agent.requests;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.agent.jira.JiraClient;
import ua.itdesk.agent.jira.TemporaryAttachment;
import ua.itdesk.contracts.v1.AttachmentReceipt;
import ua.itdesk.contracts.v1.ProblemType;
import ua.itdesk.contracts.v1.RequestsApi;

/**
 * Files the bot sends for a request (an employee's, or one sent during a consultation), with the limits of
 * {@link RequestsApi#attach}: an allowed media type, at most {@link RequestsApi#MAX_ATTACHMENT_BYTES}. The file is
 * read into memory, bounded (Jira's upload needs the length; nothing is written to disk), then uploaded as a
 * temporary attachment and attached to the request, visible to the requester.
 */
@ApplicationScoped
public class Attachments {

    private final JiraClient jira;

    Attachments(JiraClient jira) {
        this.jira = jira;
    }

    /**
     * A file received and checked, not yet in Jira.
     *
     * @param fileName  as the bot sent it, URL-decoded
     * @param mediaType without parameters, lower case
     */
    public record Upload(String fileName, String mediaType, byte[] content) {
    }

    /**
     * Checks the type and reads the body.
     *
     * @throws ApiException 415 {@code MEDIA_TYPE}, 413 {@code TOO_LARGE}, 400 {@code EMPTY_FILE} or
     *     {@code UNREADABLE_FILE}; the reason is for the caller's audit line
     */
    public static Upload receive(String fileName, String contentType, InputStream content) {
        try (content) {
            String type = mediaType(contentType);
            if (!RequestsApi.ATTACHMENT_TYPES.contains(type)) {
                throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "MEDIA_TYPE",
                        "Files of this type cannot be attached.");
            }
            String name = URLDecoder.decode(fileName, StandardCharsets.UTF_8);
            byte[] bytes = content.readNBytes((int) RequestsApi.MAX_ATTACHMENT_BYTES + 1);
            if (bytes.length > RequestsApi.MAX_ATTACHMENT_BYTES) {
                throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE, "TOO_LARGE", "The file is too large.");
            }
            if (bytes.length == 0) {
                throw new ApiException(ProblemType.INVALID_REQUEST, "EMPTY_FILE", "The file is empty.");
            }
            return new Upload(name, type, bytes);
        } catch (IOException e) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "UNREADABLE_FILE", "The upload was cut short.");
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "BAD_FILE_NAME", "The file name is not readable.");
        }
    }

    /**
     * Uploads the file and attaches it to a request found before, with the agent's account. Jira's 404 stays an
     * {@link ApiException} whose cause {@link DeskIssues#gone} recognises.
     */
    public AttachmentReceipt attach(String key, Upload upload) {
        List<TemporaryAttachment> uploaded = JiraCalls.call(
                () -> jira.uploadTemporaryFile(upload.fileName(), upload.mediaType(), upload.content()));
        if (uploaded.isEmpty()) {
            throw new ApiException(ProblemType.DEPENDENCY_UNAVAILABLE, "NO_TEMPORARY_ATTACHMENT",
                    "Jira did not take the file.");
        }
        JiraCalls.call(() -> jira.attach(key,
                uploaded.stream().map(TemporaryAttachment::temporaryAttachmentId).toList(), true));
        String stored = uploaded.get(0).fileName();
        return new AttachmentReceipt(stored != null ? stored : upload.fileName(), upload.content().length);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
