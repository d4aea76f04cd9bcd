package dev.switchboard.ui.providerkeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.app.Console;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.logging.LogCapture;
import dev.switchboard.ui.ShownCells;
import dev.switchboard.ui.TestConsole;
import dev.switchboard.ui.providers.Screenshots;
import dev.switchboard.ui.shell.Pages;
import dev.switchboard.viewmodel.accesskeys.AccessKeysViewModel;
import dev.switchboard.viewmodel.providerkeys.ProviderFilter;
import dev.switchboard.viewmodel.providerkeys.ScriptedModelServer;
import dev.switchboard.viewmodel.settings.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Provider keys and Gateway settings pages inside the whole console on the real embedded gateway:
 * reached by Ctrl+6 and Ctrl+7, used with the mouse and keyboard, photographed at 1000×700 and 1600×1000 in
 * light and dark with no label cut short, and no provider-key value in any text shown or log line.
 */
@ExtendWith(ApplicationExtension.class)
class ProviderKeysAndGatewaySettingsPagesTest {
    private static final String VLLM = "my-workstation-vllm";
    private static final String SECRET = "sk-ui-3e8b1d6a9f2c5e7b0d4a";

    @TempDir
    Path data;
    private Console console;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        console = TestConsole.open(stage, data);
    }

    @Stop
    void stop() {
        console.close();
    }

    /** One test, so the toolkit, the console and its gateway start once for both pages. */
    @Test
    void bothPagesWorkOnTheEmbeddedGatewayAndShowEveryLabelWhole(FxRobot robot) {
        GatewayClient admin = TestConsole.awaitConnected(console).client();
        gatewaySettingsPageValidatesSavesAndReverts(robot, admin);
        providerKeysPageAddsPagesAndLeadsARefusedDeleteToTheConfigurations(robot, admin);
    }

    private void providerKeysPageAddsPagesAndLeadsARefusedDeleteToTheConfigurations(FxRobot robot, GatewayClient admin) {
        admin.providers().create(ProviderCreate.of(VLLM, "Workstation vLLM", "http://127.0.0.1:9",
                List.of(ApiSurface.openAiChat()), List.of(ScriptedModelServer.MODEL)));
        admin.providers().create(ProviderCreate.of("my-ollama", "Local Ollama", "http://127.0.0.1:11434",
                List.of(ApiSurface.openAiChat()), List.of("llama3.2:3b-instruct-q4_K_M")));
        ProviderKey routed = admin.providerKeys().create(ProviderKeyCreate.of(VLLM, "gpu-box-primary", "sk-routed-5b2e8d1f4a7c"));
        for (int i = 0; i < 50; i++) {
            admin.providerKeys().create(ProviderKeyCreate.of(i % 2 == 0 ? VLLM : "my-ollama", "key-" + i, "sk-bulk-" + (100000 + i)));
        }
        AccessKeyConfiguration team = ScriptedModelServer.routeThrough(admin, "team-workstation-gpu-pool", VLLM, List.of(routed));

        LogCapture logs = LogCapture.start();
        try {
            press(robot, KeyCode.DIGIT6);
            assertThat(console.shell().currentPageId()).isEqualTo(Pages.PROVIDER_KEYS);
            TableView<?> table = robot.lookup("#provider-keys-table").queryTableView();
            await().atMost(Duration.ofSeconds(15)).until(() -> table.getItems().size() == 50);
            robot.clickOn("#load-more-provider-keys");
            await().atMost(Duration.ofSeconds(15)).until(() -> table.getItems().size() == 51);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#load-more-provider-keys").query().isVisible()).isFalse();
            photograph(robot, "provider-keys", "#provider-keys-view", "#nav-" + Pages.PROVIDER_KEYS);
            // at 1000×700 the provider shows whole: the redacted key, who uses it and the times
            // keep the width they need, no more
            assertThat(ShownCells.of(robot, "#provider-keys-table", VLLM::equals)).isNotEmpty().containsOnly(VLLM);

            ComboBox<ProviderFilter> filter = robot.lookup("#provider-key-filter").queryComboBox();
            robot.interact(() -> filter.getSelectionModel().select(filter.getItems().stream()
                    .filter(f -> VLLM.equals(f.providerId())).findFirst().orElseThrow()));
            await().atMost(Duration.ofSeconds(15)).until(() -> table.getItems().size() == 26);

            robot.clickOn("#add-provider-key");
            robot.clickOn("#key-name").write("gpu-box-secondary");
            robot.clickOn("#key-value").write(SECRET);
            WaitForAsyncUtils.waitForFxEvents();
            Screenshots.save(robot, robot.lookup("#key-value").query().getScene().getRoot(), "provider-key-add-dialog.png");
            assertThat(SceneChecks.allTexts()).as("masked until Show").noneMatch(t -> t != null && t.contains(SECRET)
                    && !(t.equals(SECRET)));
            robot.clickOn("#key-value-show");
            assertThat(robot.lookup("#key-value-shown").queryAs(TextField.class).isVisible()).isTrue();
            robot.clickOn("#key-dialog-confirm");
            await().atMost(Duration.ofSeconds(15)).until(() -> table.getItems().size() == 27);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#provider-keys-status").queryAs(Label.class).getText()).startsWith("Added 'gpu-box-secondary'");
            assertThat(SceneChecks.allTexts()).noneMatch(t -> t != null && t.contains(SECRET));
            Screenshots.save(robot, console.shell(), "provider-keys-after-add.png");

            selectRow(robot, table, "gpu-box-primary");
            robot.clickOn("#delete-provider-key");
            clickDialogButton(robot, "Delete");
            await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#refusal-links").tryQuery().isPresent());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#refusal-message").queryAs(Label.class).getText())
                    .contains("This configuration routes through 'gpu-box-primary'");
            Screenshots.save(robot, robot.lookup("#refusal-links").query().getScene().getRoot(), "provider-key-delete-refused.png");
            robot.clickOn("#open-configuration-" + team.id());
            await().atMost(Duration.ofSeconds(15)).until(() -> Pages.ACCESS_KEYS.equals(console.shell().currentPageId()));
            AccessKeysViewModel accessKeys = (AccessKeysViewModel) robot.lookup("#accesskeys-view").query().getUserData();
            await().atMost(Duration.ofSeconds(15)).until(() -> accessKeys.openConfigurationProperty().get() != null
                    && accessKeys.openConfigurationProperty().get().id().equals(team.id()));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#tab-configurations").queryAs(Node.class)).isNotNull();
            Screenshots.save(robot, console.shell(), "provider-key-link-to-configuration.png");
            assertThat(admin.providerKeys().get(routed.id())).isNotNull();
        } finally {
            logs.stop();
        }
        assertThat(logs.text()).doesNotContain(SECRET);
    }

    private void gatewaySettingsPageValidatesSavesAndReverts(FxRobot robot, GatewayClient admin) {
        press(robot, KeyCode.DIGIT7);
        assertThat(console.shell().currentPageId()).isEqualTo(Pages.GATEWAY_SETTINGS);
        TextField perRequest = robot.lookup("#per-request-timeout").queryAs(TextField.class);
        await().atMost(Duration.ofSeconds(15)).until(() -> "60s".equals(perRequest.getText()) && !perRequest.isDisabled());
        Label unsaved = robot.lookup("#gateway-settings-unsaved").queryAs(Label.class);
        assertThat(unsaved.isVisible()).isFalse();

        robot.doubleClickOn(perRequest).eraseText(3).write("3m");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#per-request-timeout-message").queryAs(Label.class).getText())
                .isEqualTo("The per-request timeout (3m) may not be longer than the total timeout (120s).");
        assertThat(unsaved.isVisible()).isTrue();
        assertThat(robot.lookup("#gateway-settings-save").queryAs(Button.class).isDisabled()).isTrue();
        focus(robot, "#max-input-tokens").write("0");
        WaitForAsyncUtils.waitForFxEvents();
        photograph(robot, "gateway-settings-invalid", "#gateway-settings-view", "#nav-" + Pages.GATEWAY_SETTINGS);

        robot.clickOn("#gateway-settings-revert");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(perRequest.getText()).isEqualTo("60s");
        assertThat(unsaved.isVisible()).isFalse();

        robot.doubleClickOn(perRequest).eraseText(3).write("45s");
        focus(robot, "#max-output-tokens").write("4096");
        robot.clickOn("#gateway-settings-save");
        await().atMost(Duration.ofSeconds(15)).until(() -> !unsaved.isVisible());
        assertThat(admin.gatewayConfig().perRequestTimeout()).isEqualTo("45s");
        assertThat(admin.gatewayConfig().maxOutputTokens()).isEqualTo(4096L);
        assertThat(admin.gatewayConfig().totalTimeout()).isEqualTo("120s");
        Screenshots.save(robot, console.shell(), "gateway-settings-saved.png");
    }

    /** Screenshots at 1000×700 and 1600×1000, light and dark, each checked for labels cut short. */
    private void photograph(FxRobot robot, String name, String pageId, String navId) {
        for (Theme theme : List.of(Theme.LIGHT, Theme.DARK)) {
            robot.interact(() -> console.context().appearance().themeProperty().set(theme));
            for (int[] size : new int[][] {{1000, 700}, {1600, 1000}}) {
                robot.interact(() -> {
                    stage.setX(0);
                    stage.setY(0);
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                });
                WaitForAsyncUtils.waitForFxEvents();
                robot.interact(() -> console.shell().layout());
                WaitForAsyncUtils.waitForFxEvents();
                String label = name + "-" + size[0] + "x" + size[1] + "-" + theme.name().toLowerCase(java.util.Locale.ROOT);
                assertThat(SceneChecks.truncated(robot.lookup(pageId).query())).as(label).isEmpty();
                assertThat(SceneChecks.truncated(robot.lookup(navId).query())).as(label).isEmpty();
                assertThat(SceneChecks.allTexts()).as(label).noneMatch(t -> t != null && t.contains(SECRET));
                Screenshots.save(robot, console.shell(), label + ".png");
            }
        }
        robot.interact(() -> {
            console.context().appearance().themeProperty().set(Theme.LIGHT);
            stage.setWidth(1000);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }


    /** Focuses a field that may be below the fold at 1000×700 (a click there would land on what is on screen). */
    private static FxRobot focus(FxRobot robot, String id) {
        Node field = robot.lookup(id).query();
        robot.interact(field::requestFocus);
        return robot;
    }

    private static void press(FxRobot robot, KeyCode digit) {
        robot.press(KeyCode.CONTROL, digit).release(digit, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void selectRow(FxRobot robot, TableView<?> table, String name) {
        robot.interact(() -> {
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).toString().contains("name=" + name + ",")) {
                    table.getSelectionModel().select(i);
                    table.scrollTo(i);
                }
            }
        });
        assertThat(table.getSelectionModel().getSelectedItem()).isNotNull();
    }

    private static void clickDialogButton(FxRobot robot, String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> dialogButton(text) != null);
        robot.clickOn(dialogButton(text));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Button dialogButton(String text) {
        for (Window w : List.copyOf(Window.getWindows())) {
            if (w.isShowing() && w.getScene() != null && w.getScene().getRoot() instanceof DialogPane pane) {
                for (Node n : pane.lookupAll(".button")) {
                    if (n instanceof Button b && text.equals(b.getText())) {
                        return b;
                    }
                }
            }
        }
        return null;
    }
}
