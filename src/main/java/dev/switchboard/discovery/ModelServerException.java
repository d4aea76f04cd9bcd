package dev.switchboard.discovery;

/**
 * A model server could not be reached or refused a request. The message is the exact
 * error, fit to show as is; it never holds the API key.
 */
public class ModelServerException extends RuntimeException {
    private final int statusCode;

    public ModelServerException(String message, int statusCode) {
        super(message);
        this.statusCode = statusCode;
    }

    public ModelServerException(String message, Throwable cause) {
        super(message, cause);
        this.statusCode = 0;
    }

    /** The HTTP status when the server answered, 0 when it could not be reached. */
    public int statusCode() {
        return statusCode;
    }
}
