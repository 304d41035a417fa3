package ua.itdesk.bot.requests;

/** What the wizard does on a transition; {@link NewRequestWizard} carries it out. */
public enum WizardAction {
    /** Show the step of the next state (its question and buttons). */
    SHOW_STEP,
    /** Show the current step again, saying the draft is still open. */
    SHOW_STEP_AGAIN,
    SAVE_CATEGORY,
    SAVE_PRIORITY,
    SAVE_SUMMARY,
    SAVE_DESCRIPTION,
    SKIP_DESCRIPTION,
    ADD_FILE,
    /** Say why the file was not taken; the step stays. */
    REFUSE_FILE,
    /** Say the summary is too long; the step stays. */
    REFUSE_TOO_LONG,
    /** Say that this category needs a description (nothing else is taken for it); the step stays. */
    REQUIRE_DESCRIPTION,
    /** Ask the knowledge base about the summary; the answer is the next event. */
    FIND_ARTICLES,
    /** "This solved it": close without a request, audit and count it (T6). */
    CLOSE_SOLVED,
    /** Confirmed: hand the draft to the outbox, which creates the request (R3). */
    SUBMIT,
    /** Cancelled: delete the draft, back to the menu. */
    CANCEL,
    /** Back from the first step: delete the draft, back to the menu. */
    LEAVE,
    /** Expired: delete the draft and say so. */
    EXPIRE,
    /** Input the step does not take: say what it expects and show it again. */
    REMIND,
    /** A button of another step (an older message): say so and show the current step. */
    STALE_BUTTON
}
