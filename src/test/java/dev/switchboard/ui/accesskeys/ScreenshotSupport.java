package dev.switchboard.ui.accesskeys;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.api.FxService;

/** Saves a node as a PNG under {@code target/screenshots/} for a person to look at. */
final class ScreenshotSupport {
    private ScreenshotSupport() {
    }

    static Path save(FxRobot robot, Node node, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            FxService.serviceContext().getCaptureSupport().saveImage(robot.capture(node).getImage(), file);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
