package ua.itdesk.bot.requests;

import static ua.itdesk.bot.requests.WizardAction.*;
import static ua.itdesk.bot.requests.WizardState.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The new-request wizard as a pure transition table (state x event -> next state + action), free of I/O so that
 * every transition can be tested on its own. {@code wizard.mmd} beside this class draws the same table.
 */
public final class WizardStateMachine {

    /** What a person may send or press at the description step instead of a text. */
    private static final Set<WizardEvent> NOT_A_DESCRIPTION = EnumSet.of(WizardEvent.SKIP, WizardEvent.OTHER,
            WizardEvent.FILE, WizardEvent.FILE_REFUSED);

    private WizardStateMachine() {
    }

    /**
     * Where an event leads.
     *
     * @param next   the state to persist ({@link WizardAction#FIND_ARTICLES} keeps the current one: the knowledge
     *               base's answer decides); {@link WizardState#CLOSED} ends the draft
     * @param action what to do
     */
    public record Transition(WizardState next, WizardAction action) {
    }

    /** The first step of a new draft. */
    public static Transition begin() {
        return to(CHOOSING_CATEGORY, SHOW_STEP);
    }

    /**
     * The transition an event makes at a step.
     *
     * @param descriptionRequired the draft's category needs a description: at {@link WizardState#ENTERING_DESCRIPTION}
     *                            anything but a text (Skip from an older message, a blank message, a sticker, a
     *                            file) is answered with {@link WizardAction#REQUIRE_DESCRIPTION}; Back, Cancel and
     *                            the rest work as ever
     */
    public static Transition on(WizardState state, WizardEvent event, boolean descriptionRequired) {
        if (state == CLOSED) {
            throw new IllegalArgumentException("a closed wizard takes no events");
        }
        if (state == ENTERING_DESCRIPTION && descriptionRequired && NOT_A_DESCRIPTION.contains(event)) {
            return to(state, REQUIRE_DESCRIPTION);
        }
        switch (event) {
            case CANCEL:
                return to(CLOSED, WizardAction.CANCEL);
            case EXPIRED:
                return to(CLOSED, EXPIRE);
            case RESUME:
                return to(state, SHOW_STEP_AGAIN);
            case BACK:
                return back(state);
            case OTHER:
                return to(state, REMIND);
            default:
                break;
        }
        Transition forward = switch (state) {
            case CHOOSING_CATEGORY -> event == WizardEvent.CATEGORY ? to(CHOOSING_PRIORITY, SAVE_CATEGORY) : null;
            case CHOOSING_PRIORITY -> event == WizardEvent.PRIORITY ? to(ENTERING_SUMMARY, SAVE_PRIORITY) : null;
            case ENTERING_SUMMARY -> switch (event) {
                case TEXT -> to(ENTERING_DESCRIPTION, SAVE_SUMMARY);
                case TEXT_TOO_LONG -> to(ENTERING_SUMMARY, REFUSE_TOO_LONG);
                default -> null;
            };
            case ENTERING_DESCRIPTION -> switch (event) {
                case TEXT -> to(ADDING_ATTACHMENTS, SAVE_DESCRIPTION);
                case SKIP -> to(ADDING_ATTACHMENTS, SKIP_DESCRIPTION);
                default -> null;
            };
            case ADDING_ATTACHMENTS -> switch (event) {
                case FILE -> to(ADDING_ATTACHMENTS, ADD_FILE);
                case FILE_REFUSED -> to(ADDING_ATTACHMENTS, REFUSE_FILE);
                case DONE -> to(ADDING_ATTACHMENTS, FIND_ARTICLES);
                case ARTICLES_FOUND -> to(REVIEWING_ARTICLES, SHOW_STEP);
                case NO_ARTICLES -> to(CONFIRMING, SHOW_STEP);
                default -> null;
            };
            case REVIEWING_ARTICLES -> switch (event) {
                case SOLVED -> to(CLOSED, CLOSE_SOLVED);
                case NOT_SOLVED -> to(CONFIRMING, SHOW_STEP);
                default -> null;
            };
            case CONFIRMING -> event == WizardEvent.CONFIRM ? to(CLOSED, SUBMIT) : null;
            case CLOSED -> null;
        };
        if (forward != null) {
            return forward;
        }
        return switch (event) {
            // typed or sent where this step does not take it
            case TEXT, TEXT_TOO_LONG, FILE, FILE_REFUSED -> to(state, REMIND);
            default -> to(state, STALE_BUTTON);
        };
    }

    private static Transition back(WizardState state) {
        return switch (state) {
            case CHOOSING_CATEGORY -> to(CLOSED, LEAVE);
            case CHOOSING_PRIORITY -> to(CHOOSING_CATEGORY, SHOW_STEP);
            case ENTERING_SUMMARY -> to(CHOOSING_PRIORITY, SHOW_STEP);
            case ENTERING_DESCRIPTION -> to(ENTERING_SUMMARY, SHOW_STEP);
            case ADDING_ATTACHMENTS -> to(ENTERING_DESCRIPTION, SHOW_STEP);
            // back from the last steps returns to the last step the person filled in
            case REVIEWING_ARTICLES, CONFIRMING -> to(ADDING_ATTACHMENTS, SHOW_STEP);
            case CLOSED -> throw new IllegalArgumentException("a closed wizard takes no events");
        };
    }

    private static Transition to(WizardState next, WizardAction action) {
        return new Transition(next, action);
    }
}
