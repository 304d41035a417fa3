package ua.itdesk.bot.requests;

import ua.itdesk.bot.conversation.Text;
import ua.itdesk.contracts.v1.Priority;

/**
 * Texts of the wizard and the request views, Ukrainian first. Placeholders are filled with escaped values only.
 * Button labels are plain text; the English ones are what the end-to-end tests press, so keep them stable.
 */
public enum RequestText implements Text {
    STEP("<b>Нова заявка</b> · крок %s з %s\n", "<b>New request</b> · step %s of %s\n"),
    ASK_CATEGORY("Оберіть категорію:", "Choose a category:"),
    ASK_PRIORITY("Оберіть пріоритет:", "Choose the priority:"),
    ASK_SUMMARY("Опишіть проблему одним рядком (до 255 символів):",
            "Describe the problem in one line (up to 255 characters):"),
    ASK_DESCRIPTION("Додайте подробиці (що сталося, відколи, що ви вже пробували) або натисніть «Пропустити».",
            "Add details (what happened, since when, what you have tried) or press “Skip”."),
    ASK_DESCRIPTION_REQUIRED("Додайте подробиці (що сталося або що потрібно і навіщо). Для категорії «%s» опис "
            + "обов’язковий.",
            "Add details (what happened or what you need, and why). The category “%s” needs a description."),
    DESCRIPTION_REQUIRED("Для категорії «%s» опис обов’язковий, пропустити його не можна. Надішліть, будь ласка, "
            + "подробиці текстом.",
            "The category “%s” needs a description; it cannot be skipped. Please send the details as a message."),
    ASK_ATTACHMENTS("Надішліть знімки екрана чи файли (фото, PDF, документи Office, текст; до %s файлів по 20 МБ) "
            + "або натисніть «Готово».",
            "Send screenshots or files (photos, PDF, Office documents, text; up to %s files of 20 MB each) or press "
            + "“Done”."),
    ARTICLES("Можливо, відповідь уже є в базі знань:", "These knowledge base articles may already answer it:"),
    ARTICLES_QUESTION("Це допомогло?", "Did this help?"),
    CONFIRM("<b>Перевірте заявку</b>\nКатегорія: %s\nПріоритет: %s\nТема: %s\nОпис: %s\nФайли: %s\n\nНадіслати?",
            "<b>Please check your request</b>\nCategory: %s\nPriority: %s\nSummary: %s\nDescription: %s\n"
            + "Files: %s\n\nSend it?"),
    NO_DESCRIPTION("—", "—"),
    DRAFT_OPEN("У вас є незавершена заявка; продовжимо з того місця, де ви зупинилися.",
            "You have a request in progress; let us continue where you left off."),
    REMIND_BUTTONS("Скористайтеся, будь ласка, кнопками нижче (або /cancel, щоб скасувати заявку).",
            "Please use the buttons below (or /cancel to drop the request)."),
    REMIND_TEXT("Надішліть, будь ласка, текст повідомленням.", "Please send the text as a message."),
    REMIND_FILES("Надішліть фото чи документ або натисніть «Готово».", "Please send a photo or a document, or press "
            + "“Done”."),
    SUMMARY_TOO_LONG("Тема має %s символів, а можна щонайбільше 255. Скоротіть її, будь ласка.",
            "The summary has %s characters; at most 255 are allowed. Please shorten it."),
    FILE_TOO_LARGE("Файл «%s» завеликий: щонайбільше 20 МБ.", "The file “%s” is too large: at most 20 MB."),
    FILE_TYPE_REFUSED("Файли такого типу (%s) не приймаються. Можна: фото, PDF, документи Office, текст, CSV, ZIP, "
            + "MP4, аудіо.",
            "Files of this type (%s) are not accepted. Allowed: photos, PDF, Office documents, text, CSV, ZIP, MP4, "
            + "audio."),
    TOO_MANY_FILES("Щонайбільше %s файлів до однієї заявки. Натисніть «Готово», щоб продовжити.",
            "At most %s files per request. Press “Done” to go on."),
    FILE_ADDED("Додано «%s» (%s з %s). Надішліть ще або натисніть «Готово».",
            "Added “%s” (%s of %s). Send more or press “Done”."),
    STALE_BUTTON("Ця кнопка належить до іншого кроку.", "That button belongs to another step."),
    CANCELLED("Заявку скасовано, нічого не надіслано.", "The request was cancelled; nothing was sent."),
    EXPIRED("Незавершену заявку видалено через неактивність.",
            "Your unfinished request was discarded after a period of inactivity."),
    SOLVED("Чудово, що допомогло! Заявку не створено.", "Glad it helped! No request was created."),
    NO_CATEGORIES("Зараз немає доступних категорій. Спробуйте, будь ласка, пізніше.",
            "No categories are available right now. Please try again later."),
    UNAVAILABLE("Сервіс-деск тимчасово недоступний. Спробуйте, будь ласка, пізніше.",
            "The service desk is temporarily unavailable. Please try again later."),
    SESSION_INVALID("Сесія більше не дійсна. Увійдіть знову: /start.",
            "Your session is no longer valid. Please log in again: /start."),
    CREATED("Заявку <b>%s</b> створено.", "Your request <b>%s</b> was created."),
    LINK("<a href=\"%s\">Відкрити на порталі</a>", "<a href=\"%s\">Open it in the portal</a>"),
    QUEUED("Сервіс-деск зараз недоступний. Заявку збережено: її буде надіслано автоматично, щойно він запрацює, "
            + "а номер ви отримаєте тут. Якщо ваша сесія завершиться раніше, заявку буде надіслано після "
            + "наступного входу.",
            "The service desk cannot be reached right now. Your request is saved and will be sent automatically as "
            + "soon as it is back; you will get its number here. If your session ends before that, it is sent "
            + "after your next login."),
    REFUSED("Сервіс-деск не прийняв заявку: %s Створіть, будь ласка, нову.",
            "The service desk did not accept the request: %s Please create a new one."),
    REFUSED_NO_DETAIL("перевірте дані.", "please check the details."),
    GIVEN_UP("Заявку «%s» не вдалося надіслати і її видалено. Створіть її, будь ласка, ще раз.",
            "Your request “%s” could not be sent in time and was discarded. Please create it again."),
    FILES_ATTACHED("Файлів додано до %s: %s.", "Files attached to %s: %s."),
    FILE_NOT_ATTACHED("Файл «%s» не вдалося додати до %s. Додайте його, будь ласка, на порталі.",
            "The file “%s” could not be attached to %s. Please add it in the portal."),
    LIST_MINE("<b>Мої заявки</b> (%s–%s з %s)", "<b>My requests</b> (%s–%s of %s)"),
    LIST_ASSIGNED("<b>Призначені мені заявки</b> (%s–%s з %s)", "<b>Assigned to me</b> (%s–%s of %s)"),
    EMPTY_MINE("У вас ще немає заявок.", "You have no requests yet."),
    EMPTY_ASSIGNED("Вам не призначено жодної заявки.", "No requests are assigned to you."),
    LIST_LINE("<b>%s</b> · %s · %s\n%s", "<b>%s</b> · %s · %s\n%s"),
    ONLY_SPECIALISTS("Призначені заявки є лише у фахівців.", "Only specialists have assigned requests."),
    DETAIL("<b>%s</b> %s\nСтатус: %s\nПріоритет: %s\nВиконавець: %s\nСтворено: %s",
            "<b>%s</b> %s\nStatus: %s\nPriority: %s\nAssignee: %s\nCreated: %s"),
    DETAIL_DESCRIPTION("\n\n%s", "\n\n%s"),
    DETAIL_COMMENTS("\n\n<b>Останні коментарі</b>", "\n\n<b>Latest comments</b>"),
    DETAIL_COMMENT("\n<i>%s</i>, %s:\n%s", "\n<i>%s</i>, %s:\n%s"),
    UNASSIGNED("ще не призначено", "not assigned yet"),
    NOT_FOUND("Заявку %s не знайдено, або у вас немає до неї доступу.",
            "Request %s was not found, or you have no access to it."),
    CRITICAL("Критичний", "Critical"),
    HIGH("Високий", "High"),
    MEDIUM("Середній", "Medium"),
    LOW("Низький", "Low"),
    BUTTON_BACK("Назад", "Back"),
    BUTTON_CANCEL("Скасувати", "Cancel"),
    BUTTON_SKIP("Пропустити", "Skip"),
    BUTTON_DONE("Готово", "Done"),
    BUTTON_SOLVED("Це допомогло", "This solved it"),
    BUTTON_CONTINUE("Продовжити заявку", "Continue with the request"),
    BUTTON_CONFIRM("Надіслати", "Confirm"),
    BUTTON_PREVIOUS("« Попередні", "« Previous"),
    BUTTON_NEXT("Наступні »", "Next »");

    private final String uk;
    private final String en;

    RequestText(String uk, String en) {
        this.uk = uk;
        this.en = en;
    }

    @Override
    public String uk() {
        return uk;
    }

    @Override
    public String en() {
        return en;
    }

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
