package dev.switchboard.viewmodel;

/** Modal dialogs, reached through an interface so view-models can be tested without a window. */
public interface DialogService {
    void showError(String title, String message);

    void showInformation(String title, String message);

    /** Asks a yes/no question; returns true when the user chose {@code confirmLabel}. */
    boolean confirm(String title, String message, String confirmLabel);
}
