package dev.switchboard.viewmodel.transfer;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** A provider key the plan cannot create without a value: the person may type it (never shown, never logged). */
public final class SecretInput {
    private final String label;
    private final StringProperty value = new SimpleStringProperty(this, "value", "");

    SecretInput(String label) {
        this.label = label;
    }

    /** {@code provider/name}. */
    public String label() {
        return label;
    }

    public StringProperty valueProperty() {
        return value;
    }

    boolean isSet() {
        return value.get() != null && !value.get().isEmpty();
    }

    @Override
    public String toString() {
        return "SecretInput[" + label + ", value=<hidden>]";
    }
}
