package dev.switchboard.viewmodel.validation;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;

/** True while every validator in the group is valid: what a Save/Next/Create button waits for. */
public final class ValidationGroup {
    private final BooleanBinding allValid;

    public ValidationGroup(FieldValidator<?>... validators) {
        List<FieldValidator<?>> all = List.of(validators);
        ObservableBooleanValue[] deps = all.stream().map(FieldValidator::validProperty).toArray(ObservableBooleanValue[]::new);
        this.allValid = Bindings.createBooleanBinding(() -> all.stream().allMatch(FieldValidator::isValid), deps);
    }

    public BooleanBinding allValidProperty() {
        return allValid;
    }

    public boolean isAllValid() {
        return allValid.get();
    }
}
