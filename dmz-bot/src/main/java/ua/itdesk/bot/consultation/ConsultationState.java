package ua.itdesk.bot.consultation;

import java.util.Optional;

/**
 * Where one consultation stands, persisted by {@link #name()} in CONSULTATION_REQUESTS.status: renaming a constant is
 * a data migration (the column's check lists the names), reordering is harmless. See {@code consultation.mmd}.
 */
public enum ConsultationState {
    /** Waiting for a free specialist; a new consultation starts here and is dispatched at once. */
    QUEUED,
    /** One specialist has an offer with Accept and Decline and a deadline. */
    OFFERED,
    /** The chat is open: messages are relayed between the two. */
    ACTIVE,
    /** The chat is over; the employee may still rate it. */
    ENDED,
    /** Rated 1-5. Final. */
    RATED,
    /** Ended and not rated: the employee skipped the rating or let its window pass. Final. */
    UNRATED,
    /** Left the queue, or the request was resolved, before any chat began. Final. */
    CANCELLED;

    /** The state stored under {@code name}; empty for names this version does not know. */
    public static Optional<ConsultationState> named(String name) {
        for (ConsultationState s : values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the consultation still holds the employee: waiting, offered or chatting. An employee has at most one
     * open consultation (a unique index in V5 says so too).
     */
    public boolean isOpen() {
        return this == QUEUED || this == OFFERED || this == ACTIVE;
    }

    /** Whether nothing can change the consultation any more. */
    public boolean isFinal() {
        return this == RATED || this == UNRATED || this == CANCELLED;
    }
}
