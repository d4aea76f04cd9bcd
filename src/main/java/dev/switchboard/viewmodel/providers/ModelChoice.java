package dev.switchboard.viewmodel.providers;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.util.Callback;

/** A model in the wizard's list, ticked to be part of the provider; {@code manual} when the user typed it. */
public final class ModelChoice {
    private final String modelId;
    private final boolean manual;
    private final BooleanProperty selected;

    public ModelChoice(String modelId, boolean selected, boolean manual) {
        this.modelId = modelId;
        this.manual = manual;
        this.selected = new SimpleBooleanProperty(this, "selected", selected);
    }

    /** Lets an {@code ObservableList} report changes of the tick, so bindings over the list follow it. */
    public static Callback<ModelChoice, Observable[]> extractor() {
        return m -> new Observable[] {m.selected};
    }

    public String modelId() {
        return modelId;
    }

    public boolean isManual() {
        return manual;
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    public boolean isSelected() {
        return selected.get();
    }

    public void setSelected(boolean value) {
        selected.set(value);
    }

    @Override
    public String toString() {
        return modelId;
    }
}
