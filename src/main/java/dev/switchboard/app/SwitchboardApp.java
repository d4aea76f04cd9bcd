package dev.switchboard.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The desktop application. */
public class SwitchboardApp extends Application {
    private static volatile Launcher.CommandLine commandLine = Launcher.CommandLine.parse(new String[0]);

    static void launchWith(Launcher.CommandLine cli) {
        commandLine = cli;
        Application.launch(SwitchboardApp.class);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Switchboard");
        stage.setScene(new Scene(new Label("Switchboard"), 800, 600));
        stage.show();
    }
}
