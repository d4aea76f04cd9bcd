package dev.switchboard.client;

import java.util.Optional;

/**
 * 400, 413 or 422: the request was refused as invalid. {@link #field()} names the offending field
 * when the server said which ({@code details.field} on the control plane, {@code param} on the data plane).
 */
public final class ValidationException extends GatewayException {
    ValidationException(ErrorInfo info, Throwable cause) {
        super(info, cause);
    }

    public Optional<String> field() {
        Object field = details().get("field");
        if (field == null) {
            field = details().get("param");
        }
        return field == null ? Optional.empty() : Optional.of(field.toString());
    }

    /** The message for the field: {@code details.message} when the server gave one, else {@link #getMessage()}. */
    public String fieldMessage() {
        Object message = details().get("message");
        return message != null ? message.toString() : getMessage();
    }
}
