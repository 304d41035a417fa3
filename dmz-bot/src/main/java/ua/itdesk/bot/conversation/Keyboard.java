package ua.itdesk.bot.conversation;

import java.util.List;

/** What accompanies a message: nothing, the contact request button, removal of the reply keyboard, or buttons. */
public sealed interface Keyboard {

    /** Leaves whatever keyboard the user has as it is. */
    record Unchanged() implements Keyboard {
    }

    /** A reply keyboard with one button that shares the user's own contact (request_contact). */
    record RequestContact(String label) implements Keyboard {
    }

    /** Removes the reply keyboard. */
    record Remove() implements Keyboard {
    }

    /** Inline buttons, row by row. */
    record Inline(List<List<Button>> rows) implements Keyboard {
        public Inline {
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /**
     * An inline button.
     *
     * @param label text shown (plain text, not HTML)
     * @param data  callback_data, at most 64 bytes
     */
    record Button(String label, String data) {
        public Button {
            if (data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
                throw new IllegalArgumentException("callback data longer than 64 bytes");
            }
        }
    }

    Keyboard UNCHANGED = new Unchanged();
    Keyboard REMOVE = new Remove();
}
