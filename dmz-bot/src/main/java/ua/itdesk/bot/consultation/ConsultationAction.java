package ua.itdesk.bot.consultation;

/**
 * What the bot does on a transition. The wiring carries it out after the new state is committed, so that of two bot
 * instances handling the same event only the one whose update succeeded acts.
 */
public enum ConsultationAction {
    /** A new consultation: look for a free specialist at once (the queue is dispatched). */
    DISPATCH,
    /** Nobody free: tell the employee their position and the estimated wait, if either changed since last told. */
    TELL_POSITION,
    /** "Contact a specialist" again while waiting: repeat the position and estimate. */
    SHOW_WAIT,
    /** The offer is out: the employee hears a specialist is being asked; the offer's deadline is its timer. */
    AWAIT_ANSWER,
    /** Declined or timed out: close the specialist's offer message and dispatch again to the next candidate. */
    OFFER_NEXT,
    /** Open the chat session and tell both sides with whom they talk. */
    START_CHAT,
    /** The employee left: withdraw an open offer, confirm, tell those behind their new position. */
    LEAVE_QUEUE,
    /** The request was closed before a chat began: withdraw an open offer and tell the employee why. */
    CANCEL_FOR_CLOSED_REQUEST,
    /** Tell both sides, sync the rest, post the closing comment, free the specialist, dispatch, ask for a rating. */
    END_CHAT,
    /** Store the rating and write it to the request. */
    STORE_RATING,
    /** Remove the rating buttons; nothing is written to the request. */
    CLOSE_UNRATED,
    /** "Contact a specialist" after this consultation is over: the wiring begins a new one. */
    START_ANOTHER,
    /** "Contact a specialist" or "Leave the queue" during the chat: say the chat is open and how to end it. */
    ALREADY_IN_CHAT,
    /** Accept or Decline on an offer that is no longer open (taken, withdrawn, expired). */
    OFFER_NO_LONGER_OPEN,
    /** "Leave the queue" when not waiting. */
    NOT_IN_QUEUE,
    /** End pressed when no chat is open. */
    NO_CHAT_OPEN,
    /** A rating button before the chat ended or after a cancellation. */
    NOTHING_TO_RATE,
    /** A second rating (or Skip after rating). */
    ALREADY_RATED,
    /** A system event that came late (another instance or a timer got there first): nothing to do. */
    IGNORE
}
