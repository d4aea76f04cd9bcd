package dev.switchboard.viewmodel.chat;

import java.util.Objects;

/**
 * Who is calling: an access key whose token the console kept, or a token pasted for this session
 * only. {@link #toString()} is the label and never shows the token.
 */
public record KeyChoice(String accessKeyId, String label, String token, boolean sessionOnly) {
    public KeyChoice {
        Objects.requireNonNull(label);
        Objects.requireNonNull(token);
    }

    public static KeyChoice pasted(String token) {
        return new KeyChoice(null, "Pasted token (this session only)", token.strip(), true);
    }

    /** The label without the key id (a pasted token: without "this session only"), for narrow places. */
    public String shortLabel() {
        if (sessionOnly) {
            return "Pasted token";
        }
        int id = accessKeyId == null ? -1 : label.lastIndexOf(" (" + accessKeyId + ")");
        return id > 0 ? label.substring(0, id) : label;
    }

    @Override
    public String toString() {
        return label;
    }
}
