package dev.switchboard.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The desktop application: the console window over the embedded (or hosted) gateway. */
public class SwitchboardApp extends Application {
    private static volatile StartupWork startupWork;

    private StartupWork.Loaded loaded;
    private Console console;

    static void launchWith(Launcher.CommandLine cli) {
        startupWork = StartupWork.start(DataFolder.resolve(cli.dataDir()));
        Application.launch(SwitchboardApp.class);
    }

    @Override
    public void init() {
        // init() runs on the launcher thread, so waiting for the settings here keeps file I/O off the FX thread.
        loaded = (startupWork != null ? startupWork : StartupWork.start(DataFolder.resolve(null))).await();
    }

    @Override
    public void start(Stage stage) {
        console = Console.open(stage, loaded.store(), loaded.settings(), EmbeddedGatewayStarter.loopback(), loaded.http());
        if (startupWork != null) {
            FirstFrame.whenDrawn(startupWork::firstFrameDrawn);
        }
        if (StartupProbe.requested()) {
            StartupProbe.armAfterShow(System.out);
        }
    }

    @Override
    public void stop() {
        if (console != null) {
            console.close();
        }
    }
}
