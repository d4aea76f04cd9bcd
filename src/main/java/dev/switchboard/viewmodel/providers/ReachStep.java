package dev.switchboard.viewmodel.providers;

import dev.switchboard.discovery.DiscoveredServer;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.validation.FieldValidator;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;

/**
 * Local: how the gateway reaches the server. The embedded gateway calls it at its loopback address; the
 * hosted one through an ngrok internal endpoint ({@code https://NAME.internal}) made by {@code ngrok http PORT --url …}.
 */
public final class ReachStep extends WizardStep {
    private final Supplier<GatewayMode> mode;
    private final FieldValidator<String> providerIdValidator;
    private final StringBinding baseUrl;
    private final StringBinding ngrokCommand;
    private final FieldValidator<String> baseUrlValidator;

    ReachStep(ObjectProperty<DiscoveredServer> server, StringProperty providerId, FieldValidator<String> providerIdValidator,
              Supplier<GatewayMode> mode) {
        this.mode = mode;
        this.providerIdValidator = providerIdValidator;
        baseUrl = Bindings.createStringBinding(() -> server.get() == null ? ""
                : mode.get() == GatewayMode.HOSTED ? ProviderRequests.internalUrl(providerId.get()) : server.get().baseUrl(),
                server, providerId);
        ngrokCommand = Bindings.createStringBinding(() -> server.get() == null ? ""
                : ProviderRequests.ngrokCommand(server.get().target(), providerId.get()), server, providerId);
        baseUrlValidator = new FieldValidator<>(baseUrl, ProviderRules.baseUrl(mode));
    }

    @Override
    public boolean isValid() {
        return baseUrlValidator.isValid() && providerIdValidator.isValid();
    }

    public boolean hosted() {
        return mode.get() == GatewayMode.HOSTED;
    }

    /** One line on why the base URL is what it is. */
    public String explanation() {
        return hosted()
                ? "The hosted gateway cannot reach this machine directly. Run the command below to expose the server "
                  + "as an ngrok internal endpoint: internal endpoints are private to your ngrok account, so only your gateway can call it."
                : "The embedded gateway runs on this machine, so it calls the server at its loopback address directly.";
    }

    public StringBinding baseUrlProperty() {
        return baseUrl;
    }

    public FieldValidator<String> baseUrlValidator() {
        return baseUrlValidator;
    }

    public StringBinding ngrokCommandProperty() {
        return ngrokCommand;
    }
}
