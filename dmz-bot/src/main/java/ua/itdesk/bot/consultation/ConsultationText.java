package ua.itdesk.bot.consultation;

import ua.itdesk.bot.conversation.Text;

/**
 * What consultations say (C1-C6). The {@code NOTE_*} templates are plain text written to the Jira request, not
 * Telegram HTML: they are filled with {@link #note}, never escaped.
 */
enum ConsultationText implements Text {
    CONTACT_BUTTON,
    SEARCHING,
    ASKING,
    POSITION,
    POSITION_NOBODY_ONLINE,
    LEAVE_BUTTON,
    LEFT,
    NOT_IN_QUEUE,
    OTHER_OPEN,
    REQUEST_CLOSED,
    REQUEST_ALREADY_RESOLVED,
    NOT_YOURS,
    UNAVAILABLE,
    OFFER,
    OFFER_DEPARTMENT,
    ACCEPT_BUTTON,
    DECLINE_BUTTON,
    OFFER_ACCEPTED,
    OFFER_DECLINED,
    OFFER_EXPIRED,
    OFFER_WITHDRAWN,
    OFFER_NO_LONGER_OPEN,
    NOT_YOUR_BUTTON,
    AT_LIMIT,
    ACCEPT_FAILED,
    CHAT_STARTED_EMPLOYEE,
    CHAT_STARTED_SPECIALIST,
    END_BUTTON,
    CHAT_ENDED_BY,
    CHAT_ENDED_IDLE,
    RATE,
    SKIP_BUTTON,
    RATED,
    RATING_SKIPPED,
    RATING_COMMENT_SAVED,
    NOTHING_TO_RATE,
    ALREADY_RATED,
    NO_CHAT_OPEN,
    ALREADY_IN_CHAT,
    END_WHICH,
    OFFLINE_REFUSED,
    OVERVIEW,
    OVERVIEW_ONLINE,
    OVERVIEW_OFFLINE,
    OVERVIEW_CHAT,
    OVERVIEW_OFFER,
    OVERVIEW_NOTHING,
    NOTE_ENDED_BY,
    NOTE_ENDED_IDLE,
    NOTE_RATING,
    NOTE_RATING_COMMENT;

    /** A plain-text note for the request, arguments as they are. */
    String note(ua.itdesk.bot.conversation.Language language, Object... args) {
        return String.format(template(language), args);
    }
}
