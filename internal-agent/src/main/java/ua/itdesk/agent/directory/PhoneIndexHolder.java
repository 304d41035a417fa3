package ua.itdesk.agent.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Holds the current {@link PhoneIndex} and swaps in a new one only when a rebuild succeeds, so that a directory
 * hiccup during a refresh never empties the index that logins depend on.
 */
final class PhoneIndexHolder {

    private static final Logger LOG = Logger.getLogger(PhoneIndexHolder.class);

    private final ReentrantLock rebuilding = new ReentrantLock();
    private volatile PhoneIndex current;
    private volatile Exception lastFailure;

    /** The index in use, empty until the first build succeeds. */
    Optional<PhoneIndex> current() {
        return Optional.ofNullable(current);
    }

    /** Why the latest rebuild failed, empty when it succeeded. */
    Optional<Exception> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /**
     * Whether a rebuild is due at {@code now}: there is no index yet, the latest rebuild failed (so a directory
     * hiccup at start-up or during a refresh is retried on the next check, not one full interval later), or the
     * index is older than {@code refresh}.
     */
    boolean rebuildDue(Instant now, Duration refresh) {
        PhoneIndex index = current;
        return index == null || lastFailure != null || !index.builtAt().plus(refresh).isAfter(now);
    }

    /**
     * Rebuilds with {@code build}. Rebuilds run one at a time: a caller that arrives during another's waits for it
     * and then reads the directory afresh, so its index reflects the directory as of its own call.
     *
     * @return whether a new index is now in use
     */
    boolean rebuild(Callable<PhoneIndex> build) {
        rebuilding.lock();
        try {
            PhoneIndex fresh = build.call();
            current = fresh;
            lastFailure = null;
            LOG.infof("phone index rebuilt: %d numbers from %d entries in %d ms (%d unreadable values, %d numbers"
                    + " shared by several entries)", fresh.numbers(), fresh.entries(), fresh.buildTime().toMillis(),
                    fresh.unreadableValues(), fresh.sharedNumbers());
            return true;
        } catch (Exception e) {
            lastFailure = e;
            PhoneIndex kept = current;
            LOG.warnf("phone index rebuild failed (%s); %s", e.toString(), kept == null
                    ? "no index yet, logins use the exact-spelling search"
                    : "keeping the index built at " + kept.builtAt() + " with " + kept.numbers() + " numbers");
            return false;
        } finally {
            rebuilding.unlock();
        }
    }
}
