package dev.switchboard.viewmodel.chat;

/** The conversation settings typed as text (temperature, max tokens), read with a reason when they are wrong. */
final class SamplingSettings {
    private SamplingSettings() {
    }

    /** Null when empty (the model's default); throws with the reason when not a number from 0 to 2. */
    static Double temperature(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(text.strip());
            if (v < 0 || v > 2) {
                throw new IllegalArgumentException("Temperature goes from 0 to 2 (or leave it empty for the model's default).");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Temperature must be a number like 0.7 (or empty).");
        }
    }

    /** Null when empty; throws with the reason when not a whole number above 0. */
    static Integer maxTokens(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            int v = Integer.parseInt(text.strip());
            if (v <= 0) {
                throw new IllegalArgumentException("Max tokens must be above 0 (or empty).");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Max tokens must be a whole number (or empty).");
        }
    }
}
