package dev.switchboard.ui.providers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.api.FxService;
import org.testfx.util.WaitForAsyncUtils;

/** Saves a node as a PNG under {@code target/screenshots/} for a person to look at. */
public final class Screenshots {
    private Screenshots() {
    }

    public static Path save(FxRobot robot, Node node, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            FxService.serviceContext().getCaptureSupport().saveImage(robot.capture(node).getImage(), file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
