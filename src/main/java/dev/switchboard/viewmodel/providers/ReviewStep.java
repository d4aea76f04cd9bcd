package dev.switchboard.viewmodel.providers;

import dev.switchboard.api.ProviderCreate;
import dev.switchboard.viewmodel.Plural;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.StringProperty;

/**
 * Review: what will be created, the request exactly as it will be sent, and the same request against
 * the hosted API as curl. For a local server that curl names the {@code .internal} URL the hosted
 * gateway reaches it at, beside the {@code ngrok http PORT --url https://NAME.internal} command that makes it reachable.
 */
public final class ReviewStep extends WizardStep {
    private final StringBinding requestJson;
    private final StringBinding curlCommand;
    private final StringBinding plan;

    ReviewStep(Supplier<ProviderCreate> request, Supplier<ProviderCreate> hostedRequest, BooleanSupplier local,
               StringBinding ngrokCommand, Supplier<String> hostedControlPlane, DetailsStep details, ModelList models,
               AccessStep access, StringProperty providerKey, Observable... requestInputs) {
        requestJson = Bindings.createStringBinding(() -> ProviderRequests.prettyJson(request.get()), requestInputs);
        curlCommand = Bindings.createStringBinding(() -> (local.getAsBoolean()
                ? "# Where the server runs, and kept running, so the hosted gateway can reach it:\n"
                  + "#   " + ngrokCommand.get() + "\n" : "")
                + ProviderRequests.curl(hostedControlPlane.get(), "/providers", hostedRequest.get()), requestInputs);
        plan = Bindings.createStringBinding(() -> describe(details.providerIdProperty().get(), providerKey.get(), models, access),
                details.providerIdProperty(), providerKey, access.configurations(), access.createConfigurationProperty(),
                access.newConfigurationNameProperty(), access.newAccessKeyNameProperty(), models.selectedIdsProperty());
    }

    @Override
    public boolean isValid() {
        return true;
    }

    private static String describe(String id, String providerKey, ModelList models, AccessStep access) {
        List<String> lines = new ArrayList<>();
        lines.add("Create provider " + id + " with " + Plural.of(models.selectedIds().size(), "model") + ".");
        boolean hasKey = !providerKey.isBlank();
        if (hasKey) {
            lines.add("Store the provider key as '" + ProviderCreation.PROVIDER_KEY_NAME + "' (the value is never shown again).");
        }
        for (ConfigurationChoice c : access.selected()) {
            lines.add("Let configuration " + c.name() + " call " + id + (hasKey ? ", with the key first in its routing." : "."));
        }
        boolean newConfiguration = access.createConfigurationProperty().get();
        if (newConfiguration) {
            lines.add("Create configuration " + access.newConfigurationNameProperty().get().strip() + " for " + id
                    + " and access key " + access.newAccessKeyNameProperty().get().strip() + " (its token is shown once).");
        }
        if (access.selected().isEmpty() && !newConfiguration) {
            lines.add("No configuration changes: only access keys whose configuration allows every provider can call " + id + ".");
        }
        return String.join("\n", lines);
    }

    public StringBinding requestJsonProperty() {
        return requestJson;
    }

    public StringBinding curlCommandProperty() {
        return curlCommand;
    }

    public StringBinding planProperty() {
        return plan;
    }
}
