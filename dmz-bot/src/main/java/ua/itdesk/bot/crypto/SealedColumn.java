package ua.itdesk.bot.crypto;

import java.util.List;

/**
 * Every column the bot seals with {@link FieldCipher} (S2), and what its associated data is made of: {@code
 * <table>.<column without _ciphertext>:<value>[:<value>]} of the row's {@link #contextColumns}, which binds a
 * value to its row so that it cannot be copied into another. The stores take their contexts from here, and so does
 * the re-encryption after a key rotation; {@code ReencryptionTests} fails when the schema gains a sealed column
 * that is not listed here.
 */
public enum SealedColumn {
    PHONE("users_telegram", "phone_ciphertext", List.of("telegram_user_id"), List.of("telegram_user_id")),
    FULL_NAME("users_telegram", "full_name_ciphertext", List.of("telegram_user_id"), List.of("telegram_user_id")),
    JIRA_ACCOUNT("users_telegram", "jira_account_ciphertext", List.of("telegram_user_id"),
            List.of("telegram_user_id")),
    SESSION_TOKEN("user_sessions", "token_ciphertext", List.of("telegram_user_id"), List.of("telegram_user_id")),
    DRAFT_SUMMARY("request_drafts", "summary_ciphertext", List.of("id"), List.of("id")),
    DRAFT_DESCRIPTION("request_drafts", "description_ciphertext", List.of("id"), List.of("id")),
    DRAFT_FILE_NAME("request_draft_files", "file_name_ciphertext", List.of("draft_id", "seq"),
            List.of("draft_id", "seq")),
    CHAT_EMPLOYEE_NAME("chat_sessions", "employee_name_ciphertext", List.of("id"), List.of("id")),
    CHAT_SPECIALIST_NAME("chat_sessions", "specialist_name_ciphertext", List.of("id"), List.of("id")),
    CHAT_MESSAGE_BODY("chat_messages", "body_ciphertext", List.of("id"), List.of("chat_session_id", "seq")),
    CHAT_MESSAGE_FILE_NAME("chat_messages", "file_name_ciphertext", List.of("id"), List.of("chat_session_id", "seq")),
    PENDING_REPLY("pending_replies", "body_ciphertext", List.of("id"), List.of("telegram_user_id", "ticket_key")),
    OUTGOING_MESSAGE("outgoing_messages", "payload_ciphertext", List.of("id"), List.of("id"));

    private static final String SUFFIX = "_ciphertext";

    private final String table;
    private final String column;
    private final List<String> rowId;
    private final List<String> contextColumns;

    SealedColumn(String table, String column, List<String> rowId, List<String> contextColumns) {
        this.table = table;
        this.column = column;
        this.rowId = rowId;
        this.contextColumns = contextColumns;
    }

    public String table() {
        return table;
    }

    public String column() {
        return column;
    }

    /** The row's primary key, to write a value back. */
    public List<String> rowId() {
        return rowId;
    }

    public List<String> contextColumns() {
        return contextColumns;
    }

    /** The associated data of this column's value in a row whose context columns hold {@code values}, in order. */
    public String context(Object... values) {
        if (values.length != contextColumns.size()) {
            throw new IllegalArgumentException(this + " is bound to " + contextColumns + ", not " + values.length
                    + " value(s)");
        }
        StringBuilder context = new StringBuilder(table).append('.')
                .append(column, 0, column.length() - SUFFIX.length()).append(':');
        for (int i = 0; i < values.length; i++) {
            context.append(i == 0 ? "" : ":").append(values[i]);
        }
        return context.toString();
    }
}
