package ua.itdesk.bot.consultation;

import static ua.itdesk.bot.consultation.ConsultationAction.*;
import static ua.itdesk.bot.consultation.ConsultationState.*;

/**
 * The life of one consultation as a pure transition table (state x event -> next state + action), free of I/O so
 * that every pair can be tested. {@code consultation.mmd} beside this class draws the same table.
 *
 * <p>Every pair has an answer and none throws: buttons on old messages, a timer that fires after the specialist
 * accepted, or a second bot instance reporting the same dispatch are everyday input. A person gets an explanatory
 * action; a stale system event gets {@link ConsultationAction#IGNORE} and leaves the state alone.
 */
public final class ConsultationStateMachine {

    private ConsultationStateMachine() {
    }

    /**
     * Where an event leads.
     *
     * @param next   the state to persist (the same one for answers that change nothing)
     * @param action what to do once it is persisted
     */
    public record Transition(ConsultationState next, ConsultationAction action) {
    }

    /** A new consultation: it enters the queue and the queue is dispatched at once. */
    public static Transition begin() {
        return to(QUEUED, DISPATCH);
    }

    public static Transition on(ConsultationState state, ConsultationEvent event) {
        Transition t = switch (state) {
            case QUEUED -> queued(event);
            case OFFERED -> offered(event);
            case ACTIVE -> active(event);
            case ENDED -> ended(event);
            case RATED, UNRATED, CANCELLED -> null;
        };
        return t != null ? t : stale(state, event);
    }

    private static Transition queued(ConsultationEvent event) {
        return switch (event) {
            case REQUESTED -> to(QUEUED, SHOW_WAIT);
            case NOBODY_FREE -> to(QUEUED, TELL_POSITION);
            case OFFER_SENT -> to(OFFERED, AWAIT_ANSWER);
            case LEFT_QUEUE -> to(CANCELLED, LEAVE_QUEUE);
            case REQUEST_CLOSED -> to(CANCELLED, CANCEL_FOR_CLOSED_REQUEST);
            default -> null;
        };
    }

    private static Transition offered(ConsultationEvent event) {
        return switch (event) {
            case REQUESTED -> to(OFFERED, SHOW_WAIT);
            case ACCEPTED -> to(ACTIVE, START_CHAT);
            // the request keeps its place in the queue (its enqueued_at is not reset)
            case DECLINED, OFFER_TIMED_OUT -> to(QUEUED, OFFER_NEXT);
            case LEFT_QUEUE -> to(CANCELLED, LEAVE_QUEUE);
            case REQUEST_CLOSED -> to(CANCELLED, CANCEL_FOR_CLOSED_REQUEST);
            default -> null;
        };
    }

    private static Transition active(ConsultationEvent event) {
        return switch (event) {
            case REQUESTED, LEFT_QUEUE -> to(ACTIVE, ALREADY_IN_CHAT);
            case ENDED_BY_EMPLOYEE, ENDED_BY_SPECIALIST, IDLE_TIMEOUT -> to(ENDED, END_CHAT);
            default -> null;
        };
    }

    private static Transition ended(ConsultationEvent event) {
        return switch (event) {
            case RATED -> to(ConsultationState.RATED, STORE_RATING);
            case RATING_SKIPPED -> to(UNRATED, CLOSE_UNRATED);
            default -> null;
        };
    }

    /** An event this state does not take: answered, never acted on. */
    private static Transition stale(ConsultationState state, ConsultationEvent event) {
        ConsultationAction answer = switch (event) {
            // a timer that lost a race, or another instance that got there first
            case NOBODY_FREE, OFFER_SENT, OFFER_TIMED_OUT, REQUEST_CLOSED, IDLE_TIMEOUT -> IGNORE;
            case REQUESTED -> START_ANOTHER;
            case ACCEPTED, DECLINED -> OFFER_NO_LONGER_OPEN;
            case LEFT_QUEUE -> NOT_IN_QUEUE;
            case ENDED_BY_EMPLOYEE, ENDED_BY_SPECIALIST -> NO_CHAT_OPEN;
            case RATED, RATING_SKIPPED -> state == ConsultationState.RATED || state == UNRATED ? ALREADY_RATED
                    : NOTHING_TO_RATE;
        };
        return to(state, answer);
    }

    private static Transition to(ConsultationState next, ConsultationAction action) {
        return new Transition(next, action);
    }
}
