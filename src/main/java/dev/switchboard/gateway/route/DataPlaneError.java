package dev.switchboard.gateway.route;

/**
 * A data-plane request the gateway refuses or could not complete, with the HTTP status, the ngrok
 * error code (null for 401) and a message that says what to fix. Never carries prompt text or secrets.
 */
public final class DataPlaneError extends RuntimeException {

    /** What kind of failure, which picks the error {@code type} in each surface's shape. */
    public enum Kind { INVALID_REQUEST, AUTHENTICATION, NOT_ALLOWED, NOT_FOUND, TOO_LARGE, UPSTREAM, TIMEOUT }

    public static final String BAD_REQUEST = "ERR_NGROK_3801";
    public static final String NO_PROVIDER_KEY = "ERR_NGROK_3802";
    public static final String NOT_ALLOWED = "ERR_NGROK_3803";
    public static final String NO_MATCHING_MODEL = "ERR_NGROK_3804";
    public static final String UNREACHABLE = "ERR_NGROK_3800";
    public static final String ALL_ATTEMPTS_FAILED = "ERR_NGROK_3807";
    public static final String TOTAL_TIMEOUT = "ERR_NGROK_3810";
    public static final String INPUT_TOO_LARGE = "ERR_NGROK_3811";

    private final int status;
    private final String code;
    private final Kind kind;

    public DataPlaneError(int status, String code, Kind kind, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.kind = kind;
    }

    public static DataPlaneError badRequest(String message) {
        return new DataPlaneError(400, BAD_REQUEST, Kind.INVALID_REQUEST, message);
    }

    public static DataPlaneError unauthorized(String message) {
        return new DataPlaneError(401, null, Kind.AUTHENTICATION, message);
    }

    public static DataPlaneError noProviderKey(String message) {
        return new DataPlaneError(400, NO_PROVIDER_KEY, Kind.INVALID_REQUEST, message);
    }

    public static DataPlaneError notAllowed(String message) {
        return new DataPlaneError(422, NOT_ALLOWED, Kind.NOT_ALLOWED, message);
    }

    public static DataPlaneError noMatchingModel(String message) {
        return new DataPlaneError(422, NO_MATCHING_MODEL, Kind.NOT_FOUND, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }
}
