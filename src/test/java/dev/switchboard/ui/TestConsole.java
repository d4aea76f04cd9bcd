package dev.switchboard.ui;

import static org.awaitility.Awaitility.await;

import dev.switchboard.app.Console;
import dev.switchboard.app.EmbeddedGatewayStarter;
import dev.switchboard.viewmodel.ConnectionState;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.settings.SettingsStore;
import java.nio.file.Path;
import java.time.Duration;
import javafx.stage.Stage;

/**
 * Opens the whole console for a TestFX test: a temp data folder (never the user's), the real embedded
 * gateway on a free loopback port. Use from an {@code @Start} method; close the console in {@code @Stop}.
 */
public final class TestConsole {
    private TestConsole() {
    }

    public static Console open(Stage stage, Path dataFolder) {
        SettingsStore store = new SettingsStore(dataFolder);
        store.update(s -> s.withEmbeddedPort(0));
        return Console.open(stage, store, store.load(), EmbeddedGatewayStarter.loopback());
    }

    /** Waits (off the FX thread) until the console's gateway connection is ready, and returns it. */
    public static GatewayConnection awaitConnected(Console console) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ConnectionState s = console.connections().stateProperty().get();
            return s != null && s.phase() != ConnectionState.Phase.STARTING;
        });
        ConnectionState s = console.connections().stateProperty().get();
        if (s.phase() != ConnectionState.Phase.READY) {
            throw new AssertionError("The console did not connect: " + s.detail());
        }
        return s.connection();
    }
}
