package ua.itdesk.agent.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ua.itdesk.agent.directory.DirectoryUnavailableException;
import ua.itdesk.agent.testing.MutableClock;

class PresenceStoreTest {

    private static final Duration LEASE = Duration.ofMinutes(3);
    private static final Map<String, OnlineSpecialist> SPECIALISTS = Map.of(
            "E1", new OnlineSpecialist("E1", "a@corp.example.com"),
            "E2", new OnlineSpecialist("E2", "b@corp.example.com"),
            "E3", new OnlineSpecialist("E3", null));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-11T10:00:00Z"));
    private final List<PresenceGained> gained = new ArrayList<>();
    private boolean directoryDown;
    private final PresenceStore store = new PresenceStore(id -> {
        if (directoryDown) {
            throw new DirectoryUnavailableException("down", null);
        }
        return Optional.ofNullable(SPECIALISTS.get(id));
    }, LEASE, clock, gained::add);

    @Test
    void unknownUntilTheBotReports() {
        assertThat(store.online()).isEmpty();
    }

    @Test
    void aReportHoldsForTheLeaseAndThenCountsAsNobodyOnline() {
        store.replace(List.of("E1", "E2"));

        clock.advance(LEASE.minusSeconds(1));
        assertThat(store.online()).extracting(OnlineSpecialist::employeeId).containsExactly("E1", "E2");

        clock.advance(Duration.ofSeconds(1));
        assertThat(store.online()).isEmpty();
    }

    @Test
    void eachReportReplacesTheWholeSetAndRenewsTheLease() {
        store.replace(List.of("E1", "E2"));
        clock.advance(Duration.ofMinutes(2));

        store.replace(List.of("E2"));
        clock.advance(Duration.ofMinutes(2));

        assertThat(store.online()).extracting(OnlineSpecialist::employeeId).containsExactly("E2");
    }

    @Test
    void idsThatAreNotSpecialistsAreIgnoredAndRepeatsCountOnce() {
        Set<String> online = store.replace(List.of("E3", "employee-7", "E1", "E3"));

        assertThat(online).containsExactly("E1", "E3");
        assertThat(store.online()).extracting(OnlineSpecialist::employeeId).containsExactly("E3", "E1");
    }

    @Test
    void observersHearOnlyWhoCameOnline() {
        store.replace(List.of("E1"));
        store.replace(List.of("E1", "E2"));
        store.replace(List.of("E2"));
        store.replace(List.of("E2"));

        assertThat(gained).extracting(PresenceGained::employeeIds).containsExactly(Set.of("E1"), Set.of("E2"));
    }

    @Test
    void theSameSetAfterTheLeaseExpiredIsAGain() {
        store.replace(List.of("E1"));
        clock.advance(LEASE);

        store.replace(List.of("E1"));

        assertThat(gained).extracting(PresenceGained::employeeIds).containsExactly(Set.of("E1"), Set.of("E1"));
    }

    @Test
    void aDirectoryFailureKeepsThePreviousSet() {
        store.replace(List.of("E1"));
        directoryDown = true;

        assertThatThrownBy(() -> store.replace(List.of("E2"))).isInstanceOf(DirectoryUnavailableException.class);

        assertThat(store.online()).extracting(OnlineSpecialist::employeeId).containsExactly("E1");
        assertThat(gained).hasSize(1);
    }
}
