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
     * An inline button: a callback button with {@code data}, or a link that opens {@code url}.
     *
     * @param label text shown (plain text, not HTML)
     * @param data  callback_data, at most 64 bytes; null for a link
     * @param url   an http(s) URL the button opens; null for a callback button
     */
    record Button(String label, String data, String url) {
        public Button {
            if ((data == null) == (url == null)) {
                throw new IllegalArgumentException("a button has either callback data or a URL");
            }
            if (data != null && data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
                throw new IllegalArgumentException("callback data longer than 64 bytes");
            }
            if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
                throw new IllegalArgumentException("a link button needs an http(s) URL");
            }
        }

        /** A callback button. */
        public Button(String label, String data) {
            this(label, data, null);
        }

        public static Button link(String label, String url) {
            return new Button(label, null, url);
        }
    }

    Keyboard UNCHANGED = new Unchanged();
    Keyboard REMOVE = new Remove();
}
