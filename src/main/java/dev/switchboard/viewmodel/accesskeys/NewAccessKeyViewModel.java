package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.Provider;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
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

/**
 * The "Create access key" form: name, optional description, and what the key may call: providers and models
 * ticked in the same tree as the configuration editor (nothing ticked: nothing allowed), or an existing
 * configuration.
 */
public final class NewAccessKeyViewModel {
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final ObservableList<ConfigurationChoice> choices = FXCollections.observableArrayList();
    private final ObjectProperty<ConfigurationChoice> configuration = new SimpleObjectProperty<>(this, "configuration");
    private final StringBinding nameError = Bindings.createStringBinding(
            () -> AccessKeyConfigurationEditorViewModel.validateName(name.get()), name);
    private final StringBinding descriptionError = Bindings.createStringBinding(
            () -> description.get() != null && description.get().length() > AccessKeyConfigurationEditorViewModel.MAX_DESCRIPTION
                    ? "At most 255 characters." : null, description);
    private final BooleanProperty choosesModels = new SimpleBooleanProperty(this, "choosesModels", true);
    private final AllowlistEditor allowlist = new AllowlistEditor();
    private final BooleanBinding valid = nameError.isNull().and(descriptionError.isNull())
            .and(choosesModels.or(configuration.isNotNull()));

    NewAccessKeyViewModel(List<ConfigurationChoice> options, List<Provider> providers) {
        choices.setAll(options.stream().filter(c -> c.configuration() != null).toList());
        configuration.set(choices.isEmpty() ? null : choices.get(0));
        allowlist.load(KeyAccessViewModel.NOTHING, providers);
    }

    /** True: the key gets a configuration of its own, from the ticked providers and models; false: an existing one. */
    public BooleanProperty choosesModelsProperty() {
        return choosesModels;
    }

    public boolean choosesModels() {
        return choosesModels.get();
    }

    /** The providers and models to allow (used when {@link #choosesModels()}). */
    public AllowlistEditor allowlist() {
        return allowlist;
    }

    public AccessKeyCreate toRequest() {
        String desc = description.get() == null || description.get().isBlank() ? null : description.get().strip();
        String configId = choosesModels.get() || configuration.get() == null ? null : configuration.get().id();
        return new AccessKeyCreate(name.get().strip(), configId, desc, null);
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
