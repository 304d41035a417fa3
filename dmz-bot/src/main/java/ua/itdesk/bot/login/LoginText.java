package ua.itdesk.bot.login;

import ua.itdesk.bot.conversation.Text;

/** Texts of the login conversation, Ukrainian first. Placeholders are filled with escaped values only. */
public enum LoginText implements Text {
    GREETING("Вітаємо, %s! Це бот ІТ-підтримки компанії.\n\nЩоб увійти, натисніть кнопку "
            + "<b>«Поділитися номером телефону»</b> нижче: ми звіримо номер із корпоративним довідником.",
            "Hello, %s! This is the company's IT support bot.\n\nTo log in, press <b>“Share my phone number”</b> "
            + "below: we check the number against the corporate directory."),
    CONTACT_BUTTON("Поділитися номером телефону", "Share my phone number"),
    ASK_FOR_CONTACT("Щоб увійти, натисніть кнопку <b>«Поділитися номером телефону»</b> нижче. Вводити номер "
            + "вручну не потрібно.",
            "To log in, press <b>“Share my phone number”</b> below. There is no need to type the number."),
    LOGIN_REQUIRED("Спершу увійдіть: натисніть кнопку <b>«Поділитися номером телефону»</b> нижче.",
            "Please log in first: press <b>“Share my phone number”</b> below."),
    FOREIGN_CONTACT("Цей контакт не прийнято: увійти можна лише з власним номером, надісланим кнопкою "
            + "<b>«Поділитися номером телефону»</b>. Пересланий, введений вручну чи чужий контакт не підходить.",
            "This contact was not accepted: you can log in only with your own number, shared with the "
            + "<b>“Share my phone number”</b> button. A forwarded, typed or someone else's contact does not work."),
    WELCOME("Вхід виконано. Вітаємо, <b>%s</b>!", "You are logged in. Welcome, <b>%s</b>!"),
    DENIED("Не вдалося підтвердити, що ви працівник компанії. Зверніться, будь ласка, до ІТ-підтримки.",
            "We could not confirm you as an employee. Please contact IT support."),
    THROTTLED("Забагато спроб входу. Спробуйте, будь ласка, пізніше.",
            "Too many login attempts. Please try again later."),
    UNAVAILABLE("Сервіс тимчасово недоступний. Спробуйте, будь ласка, пізніше.",
            "The service is temporarily unavailable. Please try again later."),
    SESSION_EXPIRED("Сесія завершилася через неактивність. Щоб продовжити, увійдіть знову: натисніть кнопку "
            + "<b>«Поділитися номером телефону»</b> нижче.",
            "Your session expired after a period of inactivity. To continue, log in again: press "
            + "<b>“Share my phone number”</b> below."),
    ACCESS_REVOKED("Ваш доступ більше не підтверджено, тож сесію завершено. Якщо це помилка, зверніться до "
            + "ІТ-підтримки.",
            "Your access could no longer be confirmed, so the session has ended. If this is a mistake, please "
            + "contact IT support."),
    LOGGED_OUT("Ви вийшли. Щоб увійти знову, надішліть /start.", "You are logged out. Send /start to log in again."),
    NOT_LOGGED_IN("Ви не увійшли. Щоб увійти, надішліть /start.", "You are not logged in. Send /start to log in."),
    CANCELLED("Вхід скасовано. Щоб почати знову, надішліть /start.", "Login cancelled. Send /start to begin again."),
    NOTHING_TO_CANCEL("Немає дії, яку можна скасувати.", "There is nothing to cancel."),
    BACK_TO_MENU("Поточну дію скасовано.", "The current action was cancelled."),
    ASK_TO_START("Щоб почати, надішліть /start.", "Send /start to begin."),
    UNEXPECTED_INPUT("Я не зрозумів це повідомлення. Скористайтеся, будь ласка, меню.",
            "I did not understand that message. Please use the menu."),
    ALREADY_LOGGED_IN("Ви вже увійшли.", "You are already logged in."),
    HELP("<b>Довідка</b>\n"
            + "/start — увійти або показати меню\n"
            + "/menu — головне меню\n"
            + "/cancel — скасувати поточну дію\n"
            + "/logout — вийти\n"
            + "/forget — видалити ваші дані з бота\n"
            + "/help — ця довідка\n\n"
            + "Для входу бот просить поділитися вашим номером телефону і звіряє його з корпоративним довідником.",
            "<b>Help</b>\n"
            + "/start — log in or show the menu\n"
            + "/menu — main menu\n"
            + "/cancel — cancel the current action\n"
            + "/logout — log out\n"
            + "/forget — delete your data from the bot\n"
            + "/help — this help\n\n"
            + "To log you in, the bot asks you to share your phone number and checks it against the corporate "
            + "directory."),
    FORGOTTEN("Ваші дані видалено з бота, сесію завершено. Записи журналу безпеки зберігаються згідно з політикою "
            + "зберігання.",
            "Your data has been deleted from the bot and your session has ended. Security audit records are kept "
            + "as the retention policy requires.");

    private final String uk;
    private final String en;

    LoginText(String uk, String en) {
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
}
