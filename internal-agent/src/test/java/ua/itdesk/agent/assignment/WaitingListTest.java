package ua.itdesk.agent.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import ua.itdesk.contracts.v1.Priority;

class WaitingListTest {

    private static final Instant T0 = Instant.parse("2026-03-11T10:00:00Z");

    @Test
    void servedByPriorityThenAgeWithUnmappedPrioritiesLast() {
        WaitingList list = new WaitingList(10);
        list.add(request("HELP-1", Priority.LOW, 0));
        list.add(request("HELP-2", null, 1));
        list.add(request("HELP-3", Priority.CRITICAL, 5));
        list.add(request("HELP-4", Priority.HIGH, 3));
        list.add(request("HELP-5", Priority.HIGH, 2));

        assertThat(list.drain()).extracting(CreatedRequest::key)
                .containsExactly("HELP-3", "HELP-5", "HELP-4", "HELP-1", "HELP-2");
        assertThat(list.size()).isZero();
    }

    @Test
    void whenFullTheOneServedLastIsDropped() {
        WaitingList list = new WaitingList(2);
        list.add(request("HELP-1", Priority.MEDIUM, 0));
        list.add(request("HELP-2", Priority.MEDIUM, 1));

        assertThat(list.add(request("HELP-3", Priority.HIGH, 2))).map(CreatedRequest::key).contains("HELP-2");
        assertThat(list.add(request("HELP-4", Priority.LOW, 3))).map(CreatedRequest::key).contains("HELP-4");
        assertThat(list.drain()).extracting(CreatedRequest::key).containsExactly("HELP-3", "HELP-1");
    }

    @Test
    void aRequestAddedAgainWaitsOnce() {
        WaitingList list = new WaitingList(5);
        list.add(request("HELP-1", Priority.LOW, 0));

        assertThat(list.add(request("HELP-1", Priority.LOW, 0))).isEmpty();
        assertThat(list.size()).isEqualTo(1);
    }

    private static CreatedRequest request(String key, Priority priority, int minutesAfterT0) {
        return new CreatedRequest(key, "summary", priority, "Waiting for support", null, "E1001",
                T0.plusSeconds(60L * minutesAfterT0));
    }
}
