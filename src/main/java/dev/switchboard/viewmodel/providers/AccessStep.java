package dev.switchboard.viewmodel.providers;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.validation.FieldValidator;
import dev.switchboard.viewmodel.validation.ValidationStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Access: which access key configurations may call the new provider, or a new configuration with its own key. */
public final class AccessStep extends WizardStep {
    private final GatewayClient gateway;
    private final BackgroundTasks tasks;
    private final StringProperty providerId;
    private final ObservableList<ConfigurationChoice> configurations = FXCollections.observableArrayList(ConfigurationChoice.extractor());
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded", false);
    private final BooleanProperty createConfiguration = new SimpleBooleanProperty(this, "createConfiguration", false);
    private final StringProperty newConfigurationName = new SimpleStringProperty(this, "newConfigurationName", "");
    private final StringProperty newAccessKeyName = new SimpleStringProperty(this, "newAccessKeyName", "");
    private final FieldValidator<String> newConfigurationNameValidator;
    private final FieldValidator<String> newAccessKeyNameValidator;
    private final StringBinding routingNote;

    AccessStep(GatewayClient gateway, BackgroundTasks tasks, StringProperty providerId, StringProperty providerKey) {
        this.gateway = gateway;
        this.tasks = tasks;
        this.providerId = providerId;
        newConfigurationNameValidator = nameValidator(newConfigurationName, "Name the new configuration, e.g. my-ollama-only.");
        newAccessKeyNameValidator = nameValidator(newAccessKeyName, "Name the new access key, e.g. laptop.");
        routingNote = Bindings.createStringBinding(() -> providerKey.get().isBlank() ? ""
                : "The provider key will be stored once and put first in " + providerId.get()
                  + "'s routing in every configuration ticked here.", providerKey, providerId);
    }

    private FieldValidator<String> nameValidator(StringProperty name, String hint) {
        return new FieldValidator<>(name, v -> !createConfiguration.get() || ProviderRules.displayName().check(v).valid()
                ? ValidationStatus.ok() : ValidationStatus.error(hint), createConfiguration);
    }

    @Override
    public boolean isValid() {
        return !loading.get() && newConfigurationNameValidator.isValid() && newAccessKeyNameValidator.isValid();
    }

    /** On entering the page the first time: reads the configurations. */
    void enter() {
        if (!loaded.get() && !loading.get()) {
            load();
        }
    }

    public CompletableFuture<List<AccessKeyConfiguration>> load() {
        loading.set(true);
        clearError();
        return tasks.run(() -> gateway.accessKeyConfigurations().list().toList(), list -> {
            Set<String> ticked = new HashSet<>();
            selected().forEach(c -> ticked.add(c.configuration().id()));
            configurations.setAll(list.stream().map(ConfigurationChoice::new).toList());
            configurations.forEach(c -> c.setSelected(ticked.contains(c.configuration().id())));
            loading.set(false);
            loaded.set(true);
            if (list.isEmpty()) {
                createConfiguration.set(true);
            }
            if (newConfigurationName.get().isBlank()) {
                newConfigurationName.set(providerId.get());
            }
            if (newAccessKeyName.get().isBlank()) {
                newAccessKeyName.set(providerId.get() + "-key");
            }
        }, e -> {
            loading.set(false);
            showError("Could not read the access key configurations: " + ProviderWizardViewModel.message(e));
        });
    }

    List<ConfigurationChoice> selected() {
        return configurations.stream().filter(ConfigurationChoice::isSelected).toList();
    }

    public ObservableList<ConfigurationChoice> configurations() {
        return configurations;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public BooleanProperty createConfigurationProperty() {
        return createConfiguration;
    }

    public StringProperty newConfigurationNameProperty() {
        return newConfigurationName;
    }

    public FieldValidator<String> newConfigurationNameValidator() {
        return newConfigurationNameValidator;
    }

    public StringProperty newAccessKeyNameProperty() {
        return newAccessKeyName;
    }

    public FieldValidator<String> newAccessKeyNameValidator() {
        return newAccessKeyNameValidator;
    }

    /** Where the provider key goes, when one was given; empty otherwise. */
    public StringBinding routingNoteProperty() {
        return routingNote;
    }
}
