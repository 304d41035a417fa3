package ua.itdesk.contracts.v1;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Which specialists are available for new requests right now (T2): the bot keeps each specialist's toggle and sends
 * the whole set.
 *
 * @param onlineEmployeeIds employee ids of the specialists who are online; everyone else counts as offline
 */
public record Presence(
        @NotNull @Size(max = Presence.MAX_SPECIALISTS)
        List<@NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String> onlineEmployeeIds) {

    public static final int MAX_SPECIALISTS = 10_000;

    public Presence {
        onlineEmployeeIds = onlineEmployeeIds == null ? List.of() : List.copyOf(onlineEmployeeIds);
    }
}
