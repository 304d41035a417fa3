package ua.itdesk.contracts.v1;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * Reconciliation (Z3, R5): "what happened to these requests since then?".
 *
 * @param since when the bot last knew their state (its last event, minus a safety margin)
 * @param keys  the requests the bot tracks, 1 to {@value #MAX_KEYS} issue keys
 */
public record ChangesQuery(
        @NotNull Instant since,
        @NotNull @Size(min = 1, max = ChangesQuery.MAX_KEYS)
        List<@NotNull @Pattern(regexp = RequestsApi.ISSUE_KEY) String> keys) {

    public static final int MAX_KEYS = 100;
}
