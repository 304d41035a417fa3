package ua.itdesk.bot.consultation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import javax.sql.DataSource;
import ua.itdesk.bot.conversation.Language;
import ua.itdesk.bot.crypto.FieldCipher;
import ua.itdesk.bot.db.Jdbc;

/** The open chats (ACTIVE rows of CHAT_SESSIONS) a person takes part in, as the relay needs them. */
@ApplicationScoped
class RelayChats {

    /**
     * One open chat.
     *
     * @param employeeName   as fixed when the chat opened; null when it was not stored
     * @param specialistName likewise
     */
    record Chat(long id, String ticketKey, long employee, long specialist, String employeeName,
            String specialistName, Language employeeLanguage, Language specialistLanguage) {

        boolean isEmployee(long user) {
            return user == employee;
        }

        ChatMessages.Side sideOf(long user) {
            return isEmployee(user) ? ChatMessages.Side.EMPLOYEE : ChatMessages.Side.SPECIALIST;
        }

        /** The other side's Telegram id, which is also their private chat with the bot. */
        long otherThan(long user) {
            return isEmployee(user) ? specialist : employee;
        }

        String nameOf(long user) {
            return isEmployee(user) ? employeeName : specialistName;
        }

        Language languageOf(long user) {
            return isEmployee(user) ? employeeLanguage : specialistLanguage;
        }
    }

    private final DataSource db;
    private final FieldCipher cipher;

    RelayChats(DataSource db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /**
     * The person's open chats, the one whose other side wrote last first (a chat nobody wrote in yet counts from its
     * start): with several chats, a message that replies to none of them goes to the first.
     */
    @Transactional
    List<Chat> activeOf(long user) {
        return Jdbc.with(db, c -> Jdbc.query(c, """
                SELECT s.id, s.ticket_key, s.employee_telegram_user_id, s.specialist_telegram_user_id,
                       s.employee_name_ciphertext, s.specialist_name_ciphertext,
                       ue.language AS employee_language, us.language AS specialist_language
                FROM chat_sessions s
                LEFT JOIN users_telegram ue ON ue.telegram_user_id = s.employee_telegram_user_id
                LEFT JOIN users_telegram us ON us.telegram_user_id = s.specialist_telegram_user_id
                WHERE s.status = 'ACTIVE' AND (s.employee_telegram_user_id = ? OR s.specialist_telegram_user_id = ?)
                ORDER BY COALESCE((SELECT MAX(m.created_at) FROM chat_messages m
                                   WHERE m.chat_session_id = s.id AND m.sender_telegram_user_id <> ?
                                     AND m.sender_side <> 'SYSTEM'), s.started_at) DESC, s.id DESC""",
                r -> {
                    long id = r.getLong("id");
                    return new Chat(id, r.getString("ticket_key"), r.getLong("employee_telegram_user_id"),
                            r.getLong("specialist_telegram_user_id"),
                            name(r.getBytes("employee_name_ciphertext"), ConsultationStore.employeeNameContext(id)),
                            name(r.getBytes("specialist_name_ciphertext"), ConsultationStore.specialistNameContext(id)),
                            Language.fromCode(r.getString("employee_language")),
                            Language.fromCode(r.getString("specialist_language")));
                }, user, user, user));
    }

    /** The contexts are those the accept writes the names under: bound to the chat and the side. */
    private String name(byte[] sealed, String context) {
        return sealed == null ? null : cipher.decrypt(sealed, context);
    }
}
