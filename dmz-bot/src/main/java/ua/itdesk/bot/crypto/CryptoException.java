package ua.itdesk.bot.crypto;

/** A stored value cannot be decrypted: unknown key id, wrong context, or the bytes were altered. */
public class CryptoException extends RuntimeException {

    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
