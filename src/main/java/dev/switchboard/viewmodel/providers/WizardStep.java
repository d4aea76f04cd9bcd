package dev.switchboard.viewmodel.providers;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One page of the Add-provider wizard: its own fields and work, and the server error shown on it. */
public abstract class WizardStep {
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    /** Whether Next may leave this page. */
    public abstract boolean isValid();

    /** The server error shown on this page, empty when none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    void showError(String message) {
        error.set(message);
    }

    void clearError() {
        error.set("");
    }
}
