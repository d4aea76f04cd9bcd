package dev.switchboard.viewmodel.transfer;

import dev.switchboard.transfer.ConfigFile;
import dev.switchboard.transfer.ConfigFileException;
import dev.switchboard.transfer.ConfigFiles;
import dev.switchboard.transfer.GatewaySnapshot;
import dev.switchboard.transfer.SecretSource;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.GatewayConnection;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** "Import…": a configuration file planned against the console's gateway, reviewed, then applied. */
public final class ImportViewModel {
    private final AppContext context;
    private final TransferViewModel transfer;
    private final StringProperty fileName = new SimpleStringProperty(this, "fileName", "");

    public ImportViewModel(AppContext context) {
        this(context, Platform::runLater);
    }

    public ImportViewModel(AppContext context, Executor ui) {
        this.context = context;
        this.transfer = new TransferViewModel(context.tasks(), ui);
    }

    /** Reads and checks {@code file}, reads the gateway's state, and shows the plan (or the file's problem, with its line). */
    public void load(Path file) {
        GatewayConnection connection = context.connections().current();
        if (connection == null) {
            transfer.failedBeforeReview("The console is not connected to a gateway: connect first (Settings).");
            return;
        }
        fileName.set(file.toString());
        transfer.working("Reading " + file.getFileName() + " and the gateway's configuration…");
        context.tasks().run(() -> {
            ConfigFile wanted;
            try {
                wanted = ConfigFiles.read(file);
            } catch (ConfigFileException e) {
                // the full path heads the dialog already: the file's name and the place, in words
                throw new IllegalArgumentException(file.getFileName() + (e.line() > 0 ? ", line " + e.line() + ", column "
                        + e.column() : "") + ": " + e.problem(), e);
            }
            return new Loaded(wanted, GatewaySnapshot.read(connection.client()));
        }, loaded -> transfer.review(loaded.wanted(), loaded.target(), connection.client(), SecretSource.none()),
                e -> transfer
                .failedBeforeReview(e instanceof IllegalArgumentException ? e.getMessage()
                        : "Could not read the gateway's configuration: " + e.getMessage()));
    }

    private record Loaded(ConfigFile wanted, GatewaySnapshot target) {
    }

    public TransferViewModel transfer() {
        return transfer;
    }

    public StringProperty fileNameProperty() {
        return fileName;
    }
}
