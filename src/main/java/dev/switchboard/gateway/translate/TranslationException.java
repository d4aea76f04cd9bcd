package dev.switchboard.gateway.translate;

/**
 * A request (or an upstream answer) that cannot be expressed on the other surface.
 * {@link #field()} names the offending field as a JSON path, e.g. {@code messages[2].content[0].type};
 * the gateway answers {@code 400} naming it.
 */
public final class TranslationException extends RuntimeException {
    private final String field;

    public TranslationException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        String m = getMessage();
        return m.substring(field.length() + 2);
    }
}
