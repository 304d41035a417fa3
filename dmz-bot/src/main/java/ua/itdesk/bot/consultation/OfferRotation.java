package ua.itdesk.bot.consultation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who gets the next offer of a consultation (C1): the best-ranked specialist who can take it. The ranking is the
 * agent's assignment ranking (T3, best first); this class only skips those who cannot take the offer now. Pure.
 *
 * <p>Which declines count is the caller's choice: it passes those who declined or let the offer lapse within the
 * offer cooldown, so that the only specialist online, having declined, is asked again later rather than at once and
 * forever (see {@code docs/consultations.md}).
 */
public final class OfferRotation {

    private OfferRotation() {
    }

    /**
     * The people to skip, by the same ids as the ranking (employee ids).
     *
     * @param requester    the employee who asked: a specialist is never offered their own request
     * @param passed       declined this consultation or let its offer time out
     * @param busyAtLimit  hold as many chats and open offers as the concurrent-consultation limit allows
     * @param offline      not online, whatever the ranking was computed from
     */
    public record Exclusions(String requester, Set<String> passed, Set<String> busyAtLimit, Set<String> offline) {
        public Exclusions {
            passed = Set.copyOf(passed);
            busyAtLimit = Set.copyOf(busyAtLimit);
            offline = Set.copyOf(offline);
        }

        boolean excludes(String id) {
            return id.equals(requester) || passed.contains(id) || busyAtLimit.contains(id) || offline.contains(id);
        }
    }

    /** The first of {@code rankedBestFirst} nobody excludes; empty when there is none (the request waits). */
    public static Optional<String> next(List<String> rankedBestFirst, Exclusions exclusions) {
        return rankedBestFirst.stream().filter(id -> !exclusions.excludes(id)).findFirst();
    }
}
