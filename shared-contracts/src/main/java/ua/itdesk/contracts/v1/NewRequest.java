package ua.itdesk.contracts.v1;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A request the employee confirmed in the wizard (T1), created in Jira on their behalf. The agent also strips
 * control characters and makes the summary one line before it reaches Jira (S4).
 *
 * @param categoryId  a {@link Category#id()} from {@code GET /requests/categories}
 * @param priority    the employee's choice
 * @param summary     one line, 1 to {@value #MAX_SUMMARY} characters
 * @param description details, up to {@value #MAX_DESCRIPTION} characters; may be null or empty
 */
public record NewRequest(
        @NotBlank @Size(max = 18) @Pattern(regexp = "[0-9]{1,18}") String categoryId,
        @NotNull Priority priority,
        @NotBlank @Size(max = NewRequest.MAX_SUMMARY) String summary,
        @Size(max = NewRequest.MAX_DESCRIPTION) String description) {

    /** Jira's limit for a summary. */
    public static final int MAX_SUMMARY = 255;
    /** Jira's limit for a text field. */
    public static final int MAX_DESCRIPTION = 32_000;
}
