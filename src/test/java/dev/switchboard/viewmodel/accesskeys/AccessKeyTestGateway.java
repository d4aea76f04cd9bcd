package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.viewmodel.DialogService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real embedded gateway in a temp folder, with the admin client, and a DialogService that records. */
public final class AccessKeyTestGateway implements AutoCloseable {
    public final EmbeddedGateway gateway;
    public final GatewayClient admin;

    public AccessKeyTestGateway(Path dataDir) {
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(dataDir));
        admin = GatewayClient.builder().embedded(gateway.baseUrl().toString()).apiKey(gateway.adminKey()).build();
    }

    public Provider provider(String providerId, String baseUrl, String... models) {
        return admin.providers().create(ProviderCreate.of(providerId, providerId, baseUrl,
                List.of(ApiSurface.openAiChat()), List.of(models)));
    }

    public ProviderKey providerKey(String providerId, String name, String value) {
        return admin.providerKeys().create(ProviderKeyCreate.of(providerId, name, value));
    }

    @Override
    public void close() {
        admin.close();
        gateway.close();
    }

    /** Answers confirmations with {@link #answer} and keeps every message shown. */
    public static final class RecordingDialogs implements DialogService {
        public final List<String> errors = new ArrayList<>();
        public final List<String> confirmations = new ArrayList<>();
        public volatile boolean answer = true;
        public final List<String> choices = new ArrayList<>();
        public volatile int choice = -1;

        @Override
        public void showError(String title, String message) {
            errors.add(title + ": " + message);
        }

        @Override
        public void showInformation(String title, String message) {
        }

        @Override
        public boolean confirm(String title, String message, String confirmLabel) {
            confirmations.add(title + ": " + message);
            return answer;
        }

        @Override
        public int choose(String title, String message, List<String> options) {
            choices.add(title + ": " + message + " " + options);
            return choice;
        }
    }
}
