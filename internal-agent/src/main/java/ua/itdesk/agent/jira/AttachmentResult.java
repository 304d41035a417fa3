package ua.itdesk.agent.jira;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What attaching files produced (AttachmentCreateResultDTO): the comment that carries them, and the files. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttachmentResult(Comment comment, Page<Attachment> attachments) {

    /** One attached file (AttachmentDTO). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attachment(String filename, String mimeType, Long size, JiraUser author, JiraDate created) {
    }
}
