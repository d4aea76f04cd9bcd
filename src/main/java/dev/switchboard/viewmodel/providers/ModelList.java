package dev.switchboard.viewmodel.providers;

import dev.switchboard.viewmodel.validation.FieldValidator;
import dev.switchboard.viewmodel.validation.ValidationStatus;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The models the new provider offers: listed by a server (ticked or not) plus ids typed by hand. Shared by several pages. */
public final class ModelList {
    /** Models ticked at once when a server lists at most this many; a longer list starts unticked. */
    static final int TICK_ALL_UP_TO = 25;

    private final ObservableList<ModelChoice> items = FXCollections.observableArrayList(ModelChoice.extractor());
    private final StringProperty newModelId = new SimpleStringProperty(this, "newModelId", "");
    private final FieldValidator<String> newModelIdValidator;
    private final ReadOnlyObjectWrapper<List<String>> selectedIds = new ReadOnlyObjectWrapper<>(this, "selectedIds", List.of());
    private final FieldValidator<List<String>> validator;

    public ModelList() {
        newModelIdValidator = new FieldValidator<>(newModelId,
                ProviderRules.newModelId(() -> items.stream().map(ModelChoice::modelId).toList()), items);
        selectedIds.bind(Bindings.createObjectBinding(() -> items.stream()
                .filter(ModelChoice::isSelected).map(ModelChoice::modelId).toList(), items));
        validator = new FieldValidator<>(selectedIds, v -> v.isEmpty()
                ? ValidationStatus.error("Tick at least one model, or type a model id and press Add.")
                : ValidationStatus.ok());
    }

    public ObservableList<ModelChoice> items() {
        return items;
    }

    /** Adds the typed model id (ticked) to the list. */
    public void add() {
        if (!newModelIdValidator.isValid()) {
            return;
        }
        items.add(new ModelChoice(newModelId.get().strip(), true, true));
        newModelId.set("");
    }

    public void remove(ModelChoice model) {
        items.remove(model);
    }

    public void selectAll(boolean selected) {
        items.forEach(m -> m.setSelected(selected));
    }

    boolean hasTyped() {
        return items.stream().anyMatch(ModelChoice::isManual);
    }

    /** Replaces the models that came from a server, keeping the ones typed by hand; ticks them when the list is short. */
    void replaceListed(List<String> ids) {
        boolean tick = ids.size() <= TICK_ALL_UP_TO;
        List<ModelChoice> manual = items.stream().filter(ModelChoice::isManual).toList();
        List<ModelChoice> next = new ArrayList<>();
        for (String id : ids) {
            if (manual.stream().noneMatch(m -> m.modelId().equals(id))) {
                next.add(new ModelChoice(id, tick, false));
            }
        }
        next.addAll(manual);
        items.setAll(next);
    }

    public StringProperty newModelIdProperty() {
        return newModelId;
    }

    public FieldValidator<String> newModelIdValidator() {
        return newModelIdValidator;
    }

    /** "Tick at least one model". */
    public FieldValidator<List<String>> validator() {
        return validator;
    }

    public ReadOnlyObjectProperty<List<String>> selectedIdsProperty() {
        return selectedIds.getReadOnlyProperty();
    }

    public List<String> selectedIds() {
        return selectedIds.get();
    }
}
