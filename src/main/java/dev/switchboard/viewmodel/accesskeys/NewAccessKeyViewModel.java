package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.AccessKeyCreate;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The "Create access key" form: name, optional description, and which configuration the key uses. */
public final class NewAccessKeyViewModel {
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final ObservableList<ConfigurationChoice> choices = FXCollections.observableArrayList();
    private final ObjectProperty<ConfigurationChoice> configuration = new SimpleObjectProperty<>(this, "configuration",
            ConfigurationChoice.ALL);
    private final StringBinding nameError = Bindings.createStringBinding(
            () -> AccessKeyConfigurationEditorViewModel.validateName(name.get()), name);
    private final StringBinding descriptionError = Bindings.createStringBinding(
            () -> description.get() != null && description.get().length() > AccessKeyConfigurationEditorViewModel.MAX_DESCRIPTION
                    ? "At most 255 characters." : null, description);
    private final BooleanBinding valid = nameError.isNull().and(descriptionError.isNull()).and(configuration.isNotNull());

    NewAccessKeyViewModel(List<ConfigurationChoice> options) {
        choices.setAll(options);
    }

    public AccessKeyCreate toRequest() {
        String desc = description.get() == null || description.get().isBlank() ? null : description.get().strip();
        return new AccessKeyCreate(name.get().strip(), configuration.get() == null ? null : configuration.get().id(), desc, null);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ObservableList<ConfigurationChoice> choices() {
        return choices;
    }

    public ObjectProperty<ConfigurationChoice> configurationProperty() {
        return configuration;
    }

    public StringBinding nameErrorProperty() {
        return nameError;
    }

    public StringBinding descriptionErrorProperty() {
        return descriptionError;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
