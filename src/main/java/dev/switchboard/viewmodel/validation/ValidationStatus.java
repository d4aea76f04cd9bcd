package dev.switchboard.viewmodel.validation;

/** The outcome of validating one field: valid, or an error with a message meant for the user. */
public record ValidationStatus(boolean valid, String message) {
    private static final ValidationStatus VALID = new ValidationStatus(true, "");

    public ValidationStatus {
        message = message == null ? "" : message;
    }

    public static ValidationStatus ok() {
        return VALID;
    }

    public static ValidationStatus error(String message) {
        return new ValidationStatus(false, message);
    }
}
