package ua.itdesk.bot.consultation;

/**
 * What happened to a consultation: something a person did, or what the dispatcher or a timer found. Events that
 * arrive late (a button on an old message, a timer that lost a race, a second bot instance) are normal and answered
 * explicitly by {@link ConsultationStateMachine}.
 */
public enum ConsultationEvent {
    /** The employee pressed "Contact a specialist online". */
    REQUESTED,
    /** The dispatcher found no specialist to offer the consultation to. */
    NOBODY_FREE,
    /** The dispatcher chose a specialist and recorded an offer for them. */
    OFFER_SENT,
    ACCEPTED,
    DECLINED,
    /** The offered specialist did not answer within the offer timeout. */
    OFFER_TIMED_OUT,
    /** The employee pressed "Leave the queue". */
    LEFT_QUEUE,
    /** The request was resolved or closed in Jira before a chat began. */
    REQUEST_CLOSED,
    ENDED_BY_EMPLOYEE,
    ENDED_BY_SPECIALIST,
    /** No message either way for the idle timeout. */
    IDLE_TIMEOUT,
    /** The employee pressed one of the 1-5 buttons. */
    RATED,
    /** The employee pressed Skip, or the rating window passed. */
    RATING_SKIPPED
}
