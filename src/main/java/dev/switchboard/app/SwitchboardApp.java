package dev.switchboard.app;

import dev.switchboard.viewmodel.settings.Settings;
import dev.switchboard.viewmodel.settings.SettingsStore;
import javafx.application.Application;
import javafx.stage.Stage;

/** The desktop application: the console window over the embedded (or hosted) gateway. */
public class SwitchboardApp extends Application {
    private static volatile Launcher.CommandLine commandLine = Launcher.CommandLine.parse(new String[0]);

    private SettingsStore store;
    private Settings settings;
    private Console console;

    static void launchWith(Launcher.CommandLine cli) {
        commandLine = cli;
        Application.launch(SwitchboardApp.class);
    }

    @Override
    public void init() {
        // init() runs on the launcher thread, so reading the settings here keeps file I/O off the FX thread.
        store = new SettingsStore(DataFolder.resolve(commandLine.dataDir()));
        settings = store.load();
    }

    @Override
    public void start(Stage stage) {
        console = Console.open(stage, store, settings, EmbeddedGatewayStarter.loopback());
    }

    @Override
    public void stop() {
        if (console != null) {
            console.close();
        }
    }
}
