package ua.itdesk.bot.requests;

/** What happened in the wizard: a button, a message, or the answer to a lookup the wizard made. */
public enum WizardEvent {
    /** "New request" (or /menu, /start) while a draft is open: show the current step again. */
    RESUME,
    CATEGORY,
    PRIORITY,
    /** A text message fit for the step (a summary within its limit, a description). */
    TEXT,
    /** A summary longer than Jira takes. */
    TEXT_TOO_LONG,
    /** A photo or document of an allowed type and size, within the number allowed. */
    FILE,
    /** A photo or document of a refused type or size, or one too many. */
    FILE_REFUSED,
    /** "Skip" the description. */
    SKIP,
    /** "Done" with attachments. */
    DONE,
    /** After DONE: the knowledge base had articles for the summary. */
    ARTICLES_FOUND,
    /** After DONE: no articles (or the knowledge base could not be asked). */
    NO_ARTICLES,
    /** "This solved it" (T6). */
    SOLVED,
    /** "Continue with the request" after the articles. */
    NOT_SOLVED,
    CONFIRM,
    BACK,
    /** The Cancel button or /cancel. */
    CANCEL,
    /** The draft was idle longer than the session's idle timeout. */
    EXPIRED,
    /** Anything else: a sticker, a contact, text where a button is expected, a file outside the file step. */
    OTHER
}
