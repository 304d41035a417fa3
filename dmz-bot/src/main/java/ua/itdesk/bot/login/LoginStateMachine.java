package ua.itdesk.bot.login;

import static ua.itdesk.bot.login.LoginAction.*;
import static ua.itdesk.bot.login.LoginState.ANONYMOUS;
import static ua.itdesk.bot.login.LoginState.AUTHENTICATED;
import static ua.itdesk.bot.login.LoginState.AWAITING_CONTACT;

/**
 * The login conversation as a pure transition table (state x event -> next state + action), kept free of I/O so
 * that every transition can be tested on its own. {@code login.mmd} beside this class draws the same table.
 */
public final class LoginStateMachine {

    private LoginStateMachine() {
    }

    /**
     * Where an event leads.
     *
     * @param next   the state to persist after the action ({@link LoginAction#VERIFY_CONTACT} keeps the current one:
     *               the agent's answer decides)
     * @param action what to do
     */
    public record Transition(LoginState next, LoginAction action) {
    }

    public static Transition on(LoginState state, LoginEvent event) {
        switch (event) {
            case VERIFIED:
                return to(AUTHENTICATED, WELCOME);
            case DENIED:
                return to(ANONYMOUS, REFUSE_DENIED);
            case THROTTLED:
                return to(AWAITING_CONTACT, ANSWER_THROTTLED);
            case UNAVAILABLE:
                return to(AWAITING_CONTACT, ANSWER_UNAVAILABLE);
            case SESSION_EXPIRED:
                return to(AWAITING_CONTACT, LoginAction.SESSION_EXPIRED);
            case ACCESS_REVOKED:
                return to(ANONYMOUS, LoginAction.ACCESS_REVOKED);
            case FORGET:
                return to(state, ASK_TO_CONFIRM_FORGET);
            case FORGET_CONFIRMED:
                return to(ANONYMOUS, FORGET_ME);
            case FORGET_DECLINED:
                return to(state, KEEP_DATA);
            case HELP:
                return to(state, SHOW_HELP);
            case FOREIGN_CONTACT:
                return to(state == AUTHENTICATED ? AUTHENTICATED : AWAITING_CONTACT, REFUSE_FOREIGN_CONTACT);
            default:
                break;
        }
        return switch (state) {
            case ANONYMOUS -> anonymous(event);
            case AWAITING_CONTACT -> awaitingContact(event);
            case AUTHENTICATED -> authenticated(event);
        };
    }

    private static Transition anonymous(LoginEvent event) {
        return switch (event) {
            case START -> to(AWAITING_CONTACT, GREET);
            case MENU, MENU_CHOICE -> to(AWAITING_CONTACT, LOGIN_REQUIRED);
            case CANCEL -> to(ANONYMOUS, NOTHING_TO_CANCEL);
            case LOGOUT -> to(ANONYMOUS, NOT_LOGGED_IN);
            case OWN_CONTACT -> to(ANONYMOUS, VERIFY_CONTACT);
            default -> to(ANONYMOUS, ASK_TO_START);
        };
    }

    private static Transition awaitingContact(LoginEvent event) {
        return switch (event) {
            case START -> to(AWAITING_CONTACT, GREET);
            case MENU, MENU_CHOICE -> to(AWAITING_CONTACT, LOGIN_REQUIRED);
            case CANCEL -> to(ANONYMOUS, CANCELLED);
            case LOGOUT -> to(ANONYMOUS, NOT_LOGGED_IN);
            case OWN_CONTACT -> to(AWAITING_CONTACT, VERIFY_CONTACT);
            default -> to(AWAITING_CONTACT, ASK_FOR_CONTACT);
        };
    }

    private static Transition authenticated(LoginEvent event) {
        return switch (event) {
            case START, OWN_CONTACT -> to(AUTHENTICATED, ALREADY_LOGGED_IN);
            case MENU -> to(AUTHENTICATED, SHOW_MENU);
            case MENU_CHOICE -> to(AUTHENTICATED, HANDLE_MENU_CHOICE);
            case CANCEL -> to(AUTHENTICATED, BACK_TO_MENU);
            case LOGOUT -> to(ANONYMOUS, LOGGED_OUT);
            default -> to(AUTHENTICATED, UNEXPECTED_INPUT);
        };
    }

    private static Transition to(LoginState next, LoginAction action) {
        return new Transition(next, action);
    }
}
