package ua.itdesk.bot.requests;

import ua.itdesk.bot.conversation.Text;
import ua.itdesk.contracts.v1.Priority;

/**
 * Texts of the wizard and the request views. Placeholders are filled with escaped values only. Button labels are
 * plain text; the English ones ({@code RequestText_en.properties}) are what the end-to-end tests press, so keep them
 * stable.
 */
public enum RequestText implements Text {
    STEP,
    ASK_CATEGORY,
    ASK_PRIORITY,
    ASK_SUMMARY,
    ASK_DESCRIPTION,
    ASK_DESCRIPTION_REQUIRED,
    DESCRIPTION_REQUIRED,
    ASK_ATTACHMENTS,
    ARTICLES,
    ARTICLES_QUESTION,
    CONFIRM,
    NO_DESCRIPTION,
    DRAFT_OPEN,
    REMIND_BUTTONS,
    REMIND_TEXT,
    REMIND_FILES,
    SUMMARY_TOO_LONG,
    FILE_TOO_LARGE,
    FILE_TYPE_REFUSED,
    TOO_MANY_FILES,
    FILE_ADDED,
    STALE_BUTTON,
    CANCELLED,
    EXPIRED,
    SOLVED,
    NO_CATEGORIES,
    UNAVAILABLE,
    SESSION_INVALID,
    CREATED,
    LINK,
    QUEUED,
    REFUSED,
    REFUSED_NO_DETAIL,
    GIVEN_UP,
    FILES_ATTACHED,
    FILE_NOT_ATTACHED,
    LIST_MINE,
    LIST_ASSIGNED,
    EMPTY_MINE,
    EMPTY_ASSIGNED,
    LIST_LINE,
    ONLY_SPECIALISTS,
    DETAIL,
    DETAIL_DESCRIPTION,
    DETAIL_COMMENTS,
    DETAIL_COMMENT,
    UNASSIGNED,
    NOT_FOUND,
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW,
    BUTTON_BACK,
    BUTTON_CANCEL,
    BUTTON_SKIP,
    BUTTON_DONE,
    BUTTON_SOLVED,
    BUTTON_CONTINUE,
    BUTTON_CONFIRM,
    BUTTON_PREVIOUS,
    BUTTON_NEXT;

    /** The label of a priority; unmapped (null) shows as a dash. */
    public static Text of(Priority priority) {
        if (priority == null) {
            return NO_DESCRIPTION;
        }
        return switch (priority) {
            case CRITICAL -> CRITICAL;
            case HIGH -> HIGH;
            case MEDIUM -> MEDIUM;
            case LOW -> LOW;
        };
    }
}
