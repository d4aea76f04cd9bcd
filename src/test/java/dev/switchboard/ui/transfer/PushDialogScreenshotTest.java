package dev.switchboard.ui.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.app.Console;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.ui.TestConsole;
import dev.switchboard.viewmodel.GatewayConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxService;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Copy to another gateway…" from the Settings page, to a second embedded gateway standing in for the hosted
 * one: the plan as a diff, the internal URL asked for, applied, the summary with the ngrok command. Saves
 * PNGs of the dialog (1000×700, light and dark) under {@code target/screenshots/}.
 */
@ExtendWith(ApplicationExtension.class)
class PushDialogScreenshotTest {
    private static final Path OUT = Path.of("target", "screenshots");

    @TempDir
    Path data;

    private Console console;

    @Start
    void start(Stage stage) {
        console = TestConsole.open(stage, data.resolve("console"));
        stage.setWidth(1180);
        stage.setHeight(760);
    }

    @Stop
    void stop() {
        console.close();
    }

    @Test
    void copyToAnotherGatewayShowsThePlanAppliesItAndEndsWithTheNgrokCommand(FxRobot robot) throws Exception {
        GatewayConnection connection = TestConsole.awaitConnected(console);
        GatewayClient c = connection.client();
        c.providers().create(ProviderCreate.of("my-workstation-vllm", "Workstation vLLM", "http://127.0.0.1:8000/v1",
                List.of(ApiSurface.openAiChat()), List.of("qwen2.5-coder-32b-instruct-q4_K_M")));
        c.providers().create(ProviderCreate.of("team-groq", "Groq (team account)", "https://api.groq.com/openai/v1",
                List.of(ApiSurface.openAiChat()), List.of("llama-3.3-70b-versatile")));
        c.providerKeys().create(ProviderKeyCreate.of("team-groq", "team", "gsk_live_screenshot_3e5a7c9b"));
        c.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("team-local", null, null));
        try (EmbeddedGateway other = EmbeddedGateway.start(GatewayOptions.loopback(data.resolve("other")), null);
             GatewayClient otherAdmin = GatewayClient.builder().embedded(other.baseUrl().toString())
                     .apiKey(other.adminKey()).build()) {
            otherAdmin.providers().create(ProviderCreate.of("team-groq", "Groq", "https://api.groq.com/openai/v1",
                    List.of(ApiSurface.openAiChat()), List.of("llama-3.1-8b-instant")));

            robot.clickOn("#nav-settings");
            WaitForAsyncUtils.waitForFxEvents();
            save(robot, robot.lookup("#settings-view").query(), "transfer-settings-row");
            robot.clickOn("#copy-to-gateway");
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> robot.lookup("#copy-target-url").queryTextInputControl().setText(
                    other.baseUrl().toString()));
            robot.interact(() -> robot.lookup("#copy-target-key").queryTextInputControl().setText(other.adminKey()));
            robot.clickOn("#copy-plan");
            await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#plan-summary").queryAs(Label.class)
                    .getText().startsWith("The plan"));
            robot.interact(() -> robot.lookup("#plan-changes").queryListView().getSelectionModel().select(1));
            Node dialog = robot.lookup("#transfer-dialog").query();
            assertThat(robot.lookup("#plan-summary").queryAs(Label.class).getText())
                    .isEqualTo("The plan: 3 to create, 1 to update, 1 unchanged, 0 to delete.");
            save(robot, dialog, "transfer-copy-plan-light");
            robot.interact(() -> Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet()));
            save(robot, dialog, "transfer-copy-plan-dark");
            robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));

            robot.clickOn("#transfer-apply");
            await().atMost(Duration.ofSeconds(20)).until(() -> !robot.lookup("#transfer-summary")
                    .queryAs(TextArea.class).getText().isEmpty());
            assertThat(robot.lookup("#transfer-summary").queryAs(TextArea.class).getText())
                    .startsWith("Applied all 4 changes.");
            assertThat(robot.lookup("#ngrok-commands").queryAs(TextArea.class).getText())
                    .isEqualTo("ngrok http 8000 --url https://my-workstation-vllm.internal");
            save(robot, dialog, "transfer-copy-done-light");
            assertThat(otherAdmin.providerKeys().list().toList()).singleElement()
                    .satisfies(k -> assertThat(k.keyRedacted()).endsWith("7c9b"));
            robot.clickOn("#transfer-close");
        }
    }

    private static void save(FxRobot robot, Node node, String name) throws Exception {
        Files.createDirectories(OUT);
        WaitForAsyncUtils.waitForFxEvents();
        Image image = robot.capture(node).getImage();
        FxService.serviceContext().getCaptureSupport().saveImage(image, OUT.resolve(name + ".png"));
        assertThat(image.getWidth()).isGreaterThan(500);
    }
}
