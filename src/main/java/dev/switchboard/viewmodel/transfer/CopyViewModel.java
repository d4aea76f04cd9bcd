package dev.switchboard.viewmodel.transfer;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.transfer.ConfigFile;
import dev.switchboard.transfer.GatewaySnapshot;
import dev.switchboard.transfer.SecretSource;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.settings.Settings;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * "Copy to another gateway…": the console's gateway's configuration planned against another gateway (the
 * hosted one by default), with provider-key values read from the embedded store, never through a file.
 */
public final class CopyViewModel implements AutoCloseable {
    private final AppContext context;
    private final TransferViewModel transfer;
    private final StringProperty targetUrl = new SimpleStringProperty(this, "targetUrl",
            Settings.DEFAULT_CONTROL_PLANE_URL);
    private final StringProperty apiKey = new SimpleStringProperty(this, "apiKey", "");
    private final StringBinding targetUrlError;
    private GatewayClient client;

    public CopyViewModel(AppContext context) {
        this(context, Platform::runLater);
    }

    public CopyViewModel(AppContext context, Executor ui) {
        this.context = context;
        this.transfer = new TransferViewModel(context.tasks(), ui);
        this.targetUrlError = Bindings.createStringBinding(() -> urlProblem(targetUrl.get()), targetUrl);
    }

    static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "Enter the other gateway's control-plane URL, such as https://api.ngrok.ai.";
        }
        try {
            URI u = URI.create(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
                return "Use an http:// or https:// URL.";
            }
            return "";
        } catch (IllegalArgumentException e) {
            return "This is not a URL.";
        }
    }

    /** Reads both gateways (and the embedded store's key values) in the background, then shows the plan. */
    public void plan() {
        GatewayConnection source = context.connections().current();
        if (source == null) {
            transfer.failedBeforeReview("The console is not connected to a gateway: connect first (Settings).");
            return;
        }
        if (!targetUrlError.get().isEmpty() || apiKey.get() == null || apiKey.get().isBlank()) {
            transfer.failedBeforeReview(targetUrlError.get().isEmpty() ? "Enter the other gateway's API key."
                    : targetUrlError.get());
            return;
        }
        if (source.controlPlaneUrl().equals(targetUrl.get().strip())) {
            transfer.failedBeforeReview("That is the gateway this console drives; enter another one.");
            return;
        }
        close();
        GatewayClient target = GatewayClient.builder().embedded(targetUrl.get().strip()).apiKey(apiKey.get().strip())
                .build();
        client = target;
        boolean embedded = source.mode() == GatewayMode.EMBEDDED;
        transfer.working("Reading both gateways…");
        context.tasks().run(() -> {
            GatewaySnapshot from = GatewaySnapshot.read(source.client());
            List<String> problems = from.toConfigFile().problems();
            if (!problems.isEmpty()) {
                throw new IllegalStateException("This gateway's configuration cannot be copied: " + problems.get(0));
            }
            SecretSource values = embedded ? SecretSource.byId(context.storedKeyValues(context.dataFolder()), from)
                    : SecretSource.none();
            return new Read(from.toConfigFile(), GatewaySnapshot.read(target), values);
        }, read -> transfer.reviewCopy(read.wanted(), read.target(), target, read.values()),
                e -> transfer.failedBeforeReview(e instanceof IllegalStateException ? e.getMessage()
                        : "Could not read the other gateway: " + e.getMessage()));
    }

    private record Read(ConfigFile wanted, GatewaySnapshot target, SecretSource values) {
    }

    public TransferViewModel transfer() {
        return transfer;
    }

    public StringProperty targetUrlProperty() {
        return targetUrl;
    }

    public StringProperty apiKeyProperty() {
        return apiKey;
    }

    public StringBinding targetUrlErrorProperty() {
        return targetUrlError;
    }

    /** Closes the client of the other gateway. */
    @Override
    public void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
