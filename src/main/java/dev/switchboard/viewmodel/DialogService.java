package dev.switchboard.viewmodel;

/** Modal dialogs, reached through an interface so view-models can be tested without a window. */
public interface DialogService {
    void showError(String title, String message);

    void showInformation(String title, String message);

    /** Asks a yes/no question; returns true when the user chose {@code confirmLabel}. */
    boolean confirm(String title, String message, String confirmLabel);

    /** Like {@link #confirm}, for an action that throws something away (delete, revoke, discard): it looks the part. */
    default boolean confirmDestructive(String title, String message, String confirmLabel) {
        return confirm(title, message, confirmLabel);
    }

    /**
     * Offers {@code options} (each a button, plus Cancel); returns the index of the one chosen, or -1 for Cancel.
     * The default asks about the first option only.
     */
    default int choose(String title, String message, java.util.List<String> options) {
        return confirm(title, message, options.get(0)) ? 0 : -1;
    }
}
