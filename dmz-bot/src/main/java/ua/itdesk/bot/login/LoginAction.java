package ua.itdesk.bot.login;

/** What the bot does on a transition; {@link LoginConversation} carries it out. */
public enum LoginAction {
    /** Greeting in the user's language with the contact button (A1). */
    GREET,
    /** Unexpected input while waiting for the contact: explain the button again. */
    ASK_FOR_CONTACT,
    /** A logged-in-only action before login: ask to log in, with the contact button. */
    LOGIN_REQUIRED,
    /** Normalize the number and ask the agent; the answer is the next event. */
    VERIFY_CONTACT,
    /** Refuse a contact that is not the sender's own and audit it (A2). */
    REFUSE_FOREIGN_CONTACT,
    /** Logged in: remove the contact keyboard, greet by name, show the role menu (A4, A5). */
    WELCOME,
    /** The agent did not confirm the person: a generic refusal (A3). */
    REFUSE_DENIED,
    ANSWER_THROTTLED,
    ANSWER_UNAVAILABLE,
    SHOW_MENU,
    SHOW_HELP,
    HANDLE_MENU_CHOICE,
    /** Unexpected input from a logged-in user: say so and show the menu. */
    UNEXPECTED_INPUT,
    /** Unexpected input from an anonymous user: point to /start. */
    ASK_TO_START,
    /** /cancel while waiting for the contact: leave the login. */
    CANCELLED,
    /** /cancel with nothing under way. */
    NOTHING_TO_CANCEL,
    /** /cancel of a logged-in user: leave whatever was under way, back to the menu. */
    BACK_TO_MENU,
    ALREADY_LOGGED_IN,
    LOGGED_OUT,
    NOT_LOGGED_IN,
    /** Inactivity ended the session: say so and ask to log in again (A6). */
    SESSION_EXPIRED,
    /** The agent no longer confirms the person: the session ends (A6). */
    ACCESS_REVOKED,
    /** /forget: say what goes and what stays (Jira), and ask to confirm with buttons (S6). */
    ASK_TO_CONFIRM_FORGET,
    /** The confirmation: delete the person's DMZ data (S6). */
    FORGET_ME,
    /** The person chose to keep their data, or pressed a confirmation that had gone stale. */
    KEEP_DATA
}
