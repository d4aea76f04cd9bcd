package dev.switchboard.gateway.store;

/** The database failed (I/O, corruption, a bug in a statement). Never carries secret values. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
