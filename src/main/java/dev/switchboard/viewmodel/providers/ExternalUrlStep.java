package dev.switchboard.viewmodel.providers;

import dev.switchboard.discovery.ModelServerClient;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.Plural;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.validation.FieldValidator;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** External: the server's URL, its key (optional), and the models fetched from {@code {baseUrl}/v1/models}. */
public final class ExternalUrlStep extends WizardStep {
    private final BackgroundTasks tasks;
    private final Supplier<ModelServerClient> servers;
    private final ModelList models;
    private final StringProperty providerKey;
    private final StringProperty baseUrl = new SimpleStringProperty(this, "baseUrl", "");
    private final FieldValidator<String> baseUrlValidator;
    private final BooleanProperty keyVisible = new SimpleBooleanProperty(this, "keyVisible", false);
    private final ReadOnlyBooleanWrapper fetchingModels = new ReadOnlyBooleanWrapper(this, "fetchingModels", false);
    private final ReadOnlyStringWrapper fetchStatus = new ReadOnlyStringWrapper(this, "fetchStatus", "");

    ExternalUrlStep(BackgroundTasks tasks, Supplier<ModelServerClient> servers, ModelList models, StringProperty providerKey,
                    Supplier<GatewayMode> mode) {
        this.tasks = tasks;
        this.servers = servers;
        this.models = models;
        this.providerKey = providerKey;
        baseUrlValidator = new FieldValidator<>(baseUrl, ProviderRules.baseUrl(mode));
        baseUrl.addListener((o, a, b) -> clearError());
        providerKey.addListener((o, a, b) -> fetchStatus.set(""));
    }

    @Override
    public boolean isValid() {
        return baseUrlValidator.isValid() && !fetchingModels.get();
    }

    /** Fetches the model list at {@code {baseUrl}/v1/models} with the optional key. */
    public void fetchModels() {
        if (!baseUrlValidator.isValid() || fetchingModels.get()) {
            return;
        }
        String url = baseUrl.get().strip();
        String key = providerKey.get();
        fetchingModels.set(true);
        fetchStatus.set("Fetching models from " + ModelServerClient.surfaceUrl(url, "/models") + "…");
        clearError();
        tasks.run(() -> servers.get().listModels(url, key).get(), ids -> {
            fetchingModels.set(false);
            models.replaceListed(ids);
            fetchStatus.set(ids.isEmpty()
                    ? "The server lists no models. Type the model ids it serves below."
                    : "Found " + Plural.of(ids.size(), "model") + "."
                    + (ids.size() > ModelList.TICK_ALL_UP_TO ? " Tick the ones to offer." : ""));
        }, e -> {
            fetchingModels.set(false);
            fetchStatus.set("");
            showError("Could not fetch models: " + ProviderWizardViewModel.message(e)
                    + " Check the URL and key, or type the model ids below.");
        });
    }

    public StringProperty baseUrlProperty() {
        return baseUrl;
    }

    public FieldValidator<String> baseUrlValidator() {
        return baseUrlValidator;
    }

    public BooleanProperty keyVisibleProperty() {
        return keyVisible;
    }

    public ReadOnlyBooleanProperty fetchingModelsProperty() {
        return fetchingModels.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fetchStatusProperty() {
        return fetchStatus.getReadOnlyProperty();
    }
}
