package dev.switchboard.viewmodel.transfer;

import dev.switchboard.transfer.ConfigFile;
import dev.switchboard.transfer.ConfigFiles;
import dev.switchboard.transfer.GatewaySnapshot;
import dev.switchboard.transfer.SecretSource;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.settings.GatewayMode;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** "Export…": the console's gateway's configuration written to a file, provider-key values only if asked. */
public final class ExportViewModel {
    private final AppContext context;
    private final BooleanProperty includeSecrets = new SimpleBooleanProperty(this, "includeSecrets", false);
    private final ReadOnlyBooleanWrapper secretsAvailable = new ReadOnlyBooleanWrapper(this, "secretsAvailable");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final BooleanProperty failed = new SimpleBooleanProperty(this, "failed", false);
    private final StringProperty status = new SimpleStringProperty(this, "status", "");

    public ExportViewModel(AppContext context) {
        this.context = context;
        GatewayConnection c = context.connections().current();
        secretsAvailable.set(c != null && c.mode() == GatewayMode.EMBEDDED);
    }

    /** Writes the file in the background; the status says what was written, or what went wrong. */
    public void exportTo(Path file) {
        GatewayConnection connection = context.connections().current();
        if (connection == null) {
            failed.set(true);
            status.set("The console is not connected to a gateway: connect first (Settings).");
            return;
        }
        boolean secrets = includeSecrets.get() && secretsAvailable.get();
        busy.set(true);
        failed.set(false);
        status.set("Exporting…");
        context.tasks().run(() -> {
            GatewaySnapshot snapshot = GatewaySnapshot.read(connection.client());
            ConfigFile config = snapshot.toConfigFile();
            List<String> problems = config.problems();
            if (problems.isEmpty() && secrets) {
                config = config.withValues(SecretSource.byId(context.storedKeyValues(context.dataFolder()), snapshot));
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("The configuration cannot be written as a file: " + problems.get(0));
            }
            ConfigFiles.save(file, config);
            return config;
        }, config -> {
            busy.set(false);
            status.set("Exported " + config.providers().size() + " providers, " + config.providerKeys().size()
                    + " provider keys and " + config.accessKeyConfigurations().size() + " access key configurations to "
                    + file + (config.hasSecrets() ? ", with provider-key values (the file is readable by you only)."
                    : ", without provider-key values."));
        }, e -> {
            busy.set(false);
            failed.set(true);
            status.set(e instanceof IllegalStateException ? e.getMessage() : "Could not export: " + e.getMessage());
        });
    }

    public BooleanProperty includeSecretsProperty() {
        return includeSecrets;
    }

    /** Values can be exported from the embedded gateway only (the API never returns them). */
    public ReadOnlyBooleanProperty secretsAvailableProperty() {
        return secretsAvailable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public BooleanProperty failedProperty() {
        return failed;
    }

    public StringProperty statusProperty() {
        return status;
    }
}
