package dev.switchboard.viewmodel.diagnose;

/**
 * An access key to diagnose with: its id (null for a token pasted in Chat), a label, and the token when
 * the console holds one. {@link #toString()} is the label and never shows the token.
 */
public record KeyOption(String accessKeyId, String label, String token) {
    @Override
    public String toString() {
        return label;
    }
}
