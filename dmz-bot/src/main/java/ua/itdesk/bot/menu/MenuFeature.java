package ua.itdesk.bot.menu;

import java.util.Optional;
import ua.itdesk.bot.conversation.Incoming;
import ua.itdesk.bot.session.SessionView;

/**
 * A feature behind main-menu items. The login conversation hands it a logged-in person's updates only after the
 * session checks (inactivity, role cache) passed, and answers the pressed button itself afterwards.
 */
public interface MenuFeature {

    /**
     * What a feature did with an update.
     *
     * @param callbackNotice a toast for the pressed button (plain text), or null
     */
    record Handled(String callbackNotice) {
        public static final Handled QUIETLY = new Handled(null);
    }

    /** Whether this feature opens {@code item}. */
    boolean serves(MenuItem item);

    /** The person chose {@code item} in their menu (the button was checked against the session and role). */
    void open(MenuItem item, Incoming in, SessionView session);

    /** Offered every update of a logged-in person before the main menu sees it; empty leaves it to the menu. */
    Optional<Handled> intercept(Incoming in, SessionView session);
}
