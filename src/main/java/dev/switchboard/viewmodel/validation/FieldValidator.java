package dev.switchboard.viewmodel.validation;

import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

/**
 * Validates one field as it changes. The view decorates its control from {@link #statusProperty()}
 * (see {@code dev.switchboard.ui.FieldDecorations}); the view-model combines validators into
 * "can save" with a {@link ValidationGroup}.
 */
public final class FieldValidator<T> {
    private final ObservableValue<T> value;
    private final Rule<? super T> rule;
    private final ReadOnlyObjectWrapper<ValidationStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");

    /**
     * @param dependencies other observables the rule reads (e.g. the gateway mode), so the field
     *                     revalidates when they change too
     */
    public FieldValidator(ObservableValue<T> value, Rule<? super T> rule, Observable... dependencies) {
        this.value = Objects.requireNonNull(value);
        this.rule = Objects.requireNonNull(rule);
        value.addListener((obs, o, n) -> revalidate());
        for (Observable d : dependencies) {
            d.addListener(obs -> revalidate());
        }
        revalidate();
    }

    public void revalidate() {
        ValidationStatus s = Objects.requireNonNull(rule.check(value.getValue()), "a rule must return a status");
        status.set(s);
        valid.set(s.valid());
        message.set(s.message());
    }

    public ReadOnlyObjectProperty<ValidationStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public boolean isValid() {
        return valid.get();
    }

    public String getMessage() {
        return message.get();
    }
}
