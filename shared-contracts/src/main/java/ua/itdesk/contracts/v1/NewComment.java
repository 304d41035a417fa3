package ua.itdesk.contracts.v1;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A public comment to add to a request (T5: a reply to a notification; C4: a relayed chat message).
 *
 * @param body 1 to {@value NewRequest#MAX_DESCRIPTION} characters; control characters are stripped by the agent
 */
public record NewComment(@NotBlank @Size(max = NewRequest.MAX_DESCRIPTION) String body) {
}
