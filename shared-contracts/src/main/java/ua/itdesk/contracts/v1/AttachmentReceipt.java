package ua.itdesk.contracts.v1;

/**
 * An attachment the agent added to a request (T1, C4).
 *
 * @param fileName the name as Jira stored it
 * @param size     bytes received
 */
public record AttachmentReceipt(String fileName, long size) {
}
