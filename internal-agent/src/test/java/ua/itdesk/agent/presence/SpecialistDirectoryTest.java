package ua.itdesk.agent.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.directory.DirectoryUnavailableException;
import ua.itdesk.agent.testing.MutableClock;

class SpecialistDirectoryTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-11T10:00:00Z"));
    private final List<String> lookups = new ArrayList<>();
    private boolean down;
    private final SpecialistDirectory directory = new SpecialistDirectory(id -> {
        lookups.add(id);
        if (down) {
            throw new DirectoryUnavailableException("down", null);
        }
        return id.startsWith("S") ? Optional.of(new OnlineSpecialist(id, id + "@corp.example.com"))
                : Optional.empty();
    }, Duration.ofMinutes(10), clock);

    @Test
    void answersYesAndNoAreKeptForTheTtl() {
        directory.specialist("S1");
        directory.specialist("E1");
        clock.advance(Duration.ofMinutes(9));
        down = true;

        assertThat(directory.specialist("S1")).isPresent();
        assertThat(directory.specialist("E1")).isEmpty();
        assertThat(lookups).containsExactly("S1", "E1");
    }

    @Test
    void afterTheTtlTheDirectoryIsAskedAgainAndItsFailureIsNotKept() {
        directory.specialist("S1");
        clock.advance(Duration.ofMinutes(10));
        down = true;

        assertThatThrownBy(() -> directory.specialist("S1")).isInstanceOf(DirectoryUnavailableException.class);
        down = false;

        assertThat(directory.specialist("S1")).isPresent();
        assertThat(lookups).containsExactly("S1", "S1", "S1");
    }
}
