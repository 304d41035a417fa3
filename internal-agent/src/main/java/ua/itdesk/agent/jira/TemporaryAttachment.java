package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A file uploaded to a service desk and not yet attached to a request; Jira discards it after a while. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TemporaryAttachment(String temporaryAttachmentId, String fileName) {
}
