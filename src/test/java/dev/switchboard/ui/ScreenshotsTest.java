package dev.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.Console;
import dev.switchboard.ui.shell.Page;
import dev.switchboard.ui.shell.Pages;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxService;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** Saves a PNG of every view, light and dark, under {@code target/screenshots/} to look at. */
@ExtendWith(ApplicationExtension.class)
class ScreenshotsTest {
    static final Path OUT = Path.of("target", "screenshots");

    @TempDir
    Path data;

    private Console console;

    @Start
    void start(Stage stage) {
        console = TestConsole.open(stage, data);
        stage.setWidth(1180);
        stage.setHeight(760);
    }

    @Stop
    void stop() {
        console.close();
    }

    @Test
    void everyViewLightAndDark(FxRobot robot) throws Exception {
        Files.createDirectories(OUT);
        TestConsole.awaitConnected(console);
        for (String theme : new String[] {"light", "dark"}) {
            for (Page page : Pages.all()) {
                robot.clickOn("#nav-" + page.id());
                save(robot, page.id() + "-" + theme);
            }
            robot.clickOn("#nav-" + Pages.SETTINGS);
            robot.clickOn("#mode-hosted");
            TextField url = robot.lookup("#control-plane-url").queryAs(TextField.class);
            robot.interact(url::clear);
            robot.clickOn(url).write("ftp://x");
            save(robot, "settings-hosted-invalid-" + theme);
            robot.clickOn("#revert");
            robot.clickOn("#theme-toggle");
        }
    }

    private void save(FxRobot robot, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        Image image = robot.capture(console.shell()).getImage();
        Path file = OUT.resolve(name + ".png");
        FxService.serviceContext().getCaptureSupport().saveImage(image, file);
        assertThat(file).exists();
        assertThat(image.getWidth()).isGreaterThan(800);
    }
}
