package ua.itdesk.bot.login;

import java.util.Optional;

/**
 * States of the login conversation, persisted by {@link #name()} in USER_SESSIONS.state: renaming a constant is a
 * data migration, reordering is harmless. See {@code login.mmd}.
 */
public enum LoginState {
    /** Nobody is logged in and the bot has not asked for a number. */
    ANONYMOUS,
    /** The bot showed the contact button and waits for the user's own contact. */
    AWAITING_CONTACT,
    /** A verified employee with a live agent token. */
    AUTHENTICATED;

    /** The state stored under {@code name}; empty for names this version does not know. */
    public static Optional<LoginState> named(String name) {
        for (LoginState s : values()) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
