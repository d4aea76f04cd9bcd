package dev.switchboard.ui.accesskeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.app.Console;
import dev.switchboard.ui.TestConsole;
import dev.switchboard.ui.shell.Pages;
import dev.switchboard.viewmodel.GatewayConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The Access keys page inside the whole console: unsaved changes hold the sidebar until the user discards them. */
@ExtendWith(ApplicationExtension.class)
class AccessKeysShellTest {
    @TempDir
    Path data;
    private Console console;

    @Start
    void start(Stage stage) {
        console = TestConsole.open(stage, data);
    }

    @Stop
    void stop() {
        console.close();
    }

    @Test
    void leavingThePageWithUnsavedChangesAsksAndKeepsThemOnCancel(FxRobot robot) {
        GatewayConnection connection = TestConsole.awaitConnected(console);
        connection.client().providers().create(ProviderCreate.of("my-ollama", "Local Ollama", "http://127.0.0.1:11434",
                List.of(ApiSurface.openAiChat()), List.of("llama3.2", "qwen2.5:0.5b")));

        robot.clickOn("#nav-" + Pages.ACCESS_KEYS);
        robot.clickOn("#refresh-keys");
        robot.clickOn("#tab-configurations .tab-label");
        robot.clickOn("#new-configuration");
        await().atMost(Duration.ofSeconds(10)).until(() -> !robot.lookup("#allowlist-tree .tree-cell").queryAll().isEmpty()
                && robot.lookup("my-ollama — Local Ollama").tryQuery().isPresent());
        robot.clickOn("#config-name").write("draft");
        WaitForAsyncUtils.waitForFxEvents();
        ScreenshotSupport.save(robot, console.shell(), "console-access-keys-configurations.png");

        robot.clickOn("#nav-" + Pages.PROVIDERS);
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(console.shell().currentPageId()).isEqualTo(Pages.ACCESS_KEYS);
        assertThat(robot.lookup("#config-name").queryAs(TextField.class).getText()).isEqualTo("draft");

        robot.clickOn("#nav-" + Pages.PROVIDERS);
        robot.clickOn("Discard");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(console.shell().currentPageId()).isEqualTo(Pages.PROVIDERS);
    }
}
