package ua.itdesk.agent.presence;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;
import ua.itdesk.agent.config.AgentConfig;

/**
 * The specialists the bot last reported online (T2), in memory only and replaced whole by each report. A copy older
 * than {@code agent.assignment.presence-lease} counts as unknown, which is nobody online: the bot re-sends the set
 * periodically, so an old copy means the bot is gone and with it everyone's way to hear about an assignment. Ids
 * that are not specialists or supervisors in the directory are dropped on arrival.
 */
@ApplicationScoped
@Startup // its gauges are there from the start, not from the first use
public class PresenceStore {

    private static final Logger LOG = Logger.getLogger(PresenceStore.class);

    private final Function<String, Optional<OnlineSpecialist>> directory;
    private final Duration lease;
    private final Clock clock;
    private final Consumer<PresenceGained> gained;
    private volatile Snapshot snapshot;

    @Inject
    PresenceStore(SpecialistDirectory directory, AgentConfig config, Event<PresenceGained> gained,
            MeterRegistry metrics) {
        this(directory::specialist, config.assignment().presenceLease(), Clock.systemUTC(), gained::fire);
        Gauge.builder("agent.presence.online", this, s -> s.online().size())
                .description("specialists online now (0 while presence is unknown or expired)").register(metrics);
    }

    PresenceStore(Function<String, Optional<OnlineSpecialist>> directory, Duration lease, Clock clock,
            Consumer<PresenceGained> gained) {
        this.directory = directory;
        this.lease = lease;
        this.clock = clock;
        this.gained = gained;
    }

    /**
     * Replaces the set with the specialists among these ids and tells the observers of {@link PresenceGained} who
     * is new. Looks every id up in the directory (answers are cached); when the directory fails, the failure
     * reaches the caller and the previous set stays as it was.
     *
     * @return the employee ids now online, sorted
     */
    public Set<String> replace(Collection<String> employeeIds) {
        List<OnlineSpecialist> specialists = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String id : new LinkedHashSet<>(employeeIds)) {
            directory.apply(id).ifPresentOrElse(specialists::add, () -> ignored.add(id));
        }
        Snapshot next = new Snapshot(List.copyOf(specialists), clock.instant());
        Set<String> before;
        synchronized (this) {
            before = ids(current(next.receivedAt()));
            snapshot = next;
        }
        Set<String> now = ids(specialists);
        Set<String> arrived = new TreeSet<>(now);
        arrived.removeAll(before);
        LOG.infof("presence: %d specialists online, came online %s, %d ids ignored (not specialists)", now.size(),
                arrived, ignored.size());
        if (!ignored.isEmpty()) {
            LOG.debugf("presence: ignored ids %s", ignored);
        }
        if (!arrived.isEmpty()) {
            gained.accept(new PresenceGained(arrived));
        }
        return now;
    }

    /** The specialists online now; empty when the bot never reported or its report is older than the lease. */
    public List<OnlineSpecialist> online() {
        return current(clock.instant());
    }

    private List<OnlineSpecialist> current(Instant now) {
        Snapshot s = snapshot;
        return s == null || !now.isBefore(s.receivedAt().plus(lease)) ? List.of() : s.specialists();
    }

    private static Set<String> ids(List<OnlineSpecialist> specialists) {
        Set<String> ids = new TreeSet<>();
        specialists.forEach(s -> ids.add(s.employeeId()));
        return ids;
    }

    private record Snapshot(List<OnlineSpecialist> specialists, Instant receivedAt) {
    }
}
