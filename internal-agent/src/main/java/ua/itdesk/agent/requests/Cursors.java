package ua.itdesk.agent.requests;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import ua.itdesk.agent.api.ApiException;
import ua.itdesk.contracts.v1.ProblemType;

/**
 * Page cursors: Jira's page token (an offset on Data Center, Jira's own token on Cloud), base64url-encoded so that
 * the bot treats it as opaque. The Jira client checks the decoded token again before it is used.
 */
final class Cursors {

    private Cursors() {
    }

    static String encode(String pageToken) {
        return pageToken == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString(pageToken.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "BAD_CURSOR", "cursor is not one the agent issued.");
        }
    }
}
