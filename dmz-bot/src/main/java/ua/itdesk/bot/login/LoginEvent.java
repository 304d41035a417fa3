package ua.itdesk.bot.login;

import java.time.Instant;
import ua.itdesk.bot.conversation.Command;
import ua.itdesk.bot.conversation.Incoming;

/** What happened: something the user did, or how the agent or the session check answered. */
public enum LoginEvent {
    // from the user
    START,
    HELP,
    MENU,
    CANCEL,
    LOGOUT,
    FORGET,
    /** "Delete" pressed on the /forget question while it is fresh. */
    FORGET_CONFIRMED,
    /** "Keep" pressed on the /forget question, or "Delete" on one gone stale. */
    FORGET_DECLINED,
    /** The user's own contact, shared with the contact button. */
    OWN_CONTACT,
    /** A contact that is not the sender's own: forwarded, typed or someone else's (A2). */
    FOREIGN_CONTACT,
    /** A press of an inline menu button. */
    MENU_CHOICE,
    /** Anything else: free text, stickers, photos, unknown commands. */
    TEXT,
    // from the agent, after OWN_CONTACT
    VERIFIED,
    DENIED,
    THROTTLED,
    UNAVAILABLE,
    // from the session check before a logged-in user's action
    SESSION_EXPIRED,
    ACCESS_REVOKED;

    /** Classifies an update. */
    public static LoginEvent of(Incoming in) {
        return of(in, Instant.now());
    }

    static LoginEvent of(Incoming in, Instant now) {
        if (in.callback() != null) {
            return ForgetQuestion.answer(in.callback().data(), now).map(confirmed -> confirmed ? FORGET_CONFIRMED
                    : FORGET_DECLINED).orElse(MENU_CHOICE);
        }
        if (in.contact() != null) {
            return in.sharesOwnContact() ? OWN_CONTACT : FOREIGN_CONTACT;
        }
        return in.commandName().flatMap(Command::named).map(c -> switch (c) {
            case START -> START;
            case MENU -> MENU;
            case HELP -> HELP;
            case CANCEL -> CANCEL;
            case LOGOUT -> LOGOUT;
            case FORGET -> FORGET;
            // a feature's command (consultation, statistics): the feature takes it before the menu sees it
            case END, STATS -> TEXT;
        }).orElse(TEXT);
    }

    /**
     * Whether a logged-in user's event first goes through the session checks (inactivity, role cache). Help needs
     * no session, and logging out or deleting one's data must work even when the session has already expired.
     */
    boolean passesSessionGate() {
        return this != HELP && this != LOGOUT && this != FORGET && this != FORGET_CONFIRMED
                && this != FORGET_DECLINED;
    }

    /**
     * Whether handling this event for a logged-in user acts on their role, so that the role must be confirmed by
     * the agent first when the cached one has expired. Help, logout, forget and refusals need no role.
     */
    boolean needsConfirmedRole() {
        return switch (this) {
            case START, MENU, MENU_CHOICE, CANCEL, TEXT, OWN_CONTACT -> true;
            default -> false;
        };
    }
}
