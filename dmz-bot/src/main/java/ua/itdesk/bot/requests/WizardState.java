package ua.itdesk.bot.requests;

import java.util.Optional;

/**
 * Steps of the new-request wizard, persisted by {@link #name()} in REQUEST_DRAFTS.state: renaming a constant is a
 * data migration. {@link #CLOSED} is never stored: the draft is then confirmed (outbox) or deleted. See
 * {@code wizard.mmd}.
 */
public enum WizardState {
    CHOOSING_CATEGORY(1),
    CHOOSING_PRIORITY(2),
    ENTERING_SUMMARY(3),
    ENTERING_DESCRIPTION(4),
    ADDING_ATTACHMENTS(5),
    /** Up to three knowledge base articles are on offer before the request is raised (T6). */
    REVIEWING_ARTICLES(6),
    CONFIRMING(6),
    /** The wizard is over: submitted, solved by an article, cancelled or expired. */
    CLOSED(0);

    /** Steps the person is told about ("step 3 of 6"). */
    public static final int STEPS = 6;

    private final int step;

    WizardState(int step) {
        this.step = step;
    }

    public int step() {
        return step;
    }

    /** The state stored under {@code name}; empty for names this version does not know. */
    public static Optional<WizardState> named(String name) {
        for (WizardState s : values()) {
            if (s != CLOSED && s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
