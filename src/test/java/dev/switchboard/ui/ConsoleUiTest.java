package dev.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.switchboard.app.Console;
import dev.switchboard.testing.ModelServers;
import dev.switchboard.ui.shell.Page;
import dev.switchboard.ui.shell.Pages;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.settings.Settings;
import dev.switchboard.viewmodel.settings.SettingsStore;
import dev.switchboard.viewmodel.settings.SettingsViewModel;
import dev.switchboard.viewmodel.settings.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javafx.application.Application;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The whole console in a headless window, on a temp data folder. */
@ExtendWith(ApplicationExtension.class)
class ConsoleUiTest {
    private static final Map<String, String> VIEW_IDS = Map.of(
            Pages.PROVIDERS, "#providers-view",
            Pages.ACCESS_KEYS, "#accesskeys-view",
            Pages.CHAT, "#chat-view",
            Pages.LOGS, "#logs-view",
            Pages.SETTINGS, "#settings-view",
            Pages.PROVIDER_KEYS, "#provider-keys-view",
            Pages.GATEWAY_SETTINGS, "#gateway-settings-view");

    @TempDir
    Path data;

    private SettingsStore store;
    private Console console;

    @Start
    void start(Stage stage) {
        store = new SettingsStore(data);
        console = TestConsole.open(stage, data);
    }

    @Stop
    void stop() {
        console.close();
    }

    @Test
    void appStartsOnProvidersWithAStatusBar(FxRobot robot) {
        assertThat(robot.lookup("#providers-view").tryQuery()).isPresent();
        assertThat(robot.lookup("#page-title").queryAs(Label.class).getText()).isEqualTo("Providers");
        assertThat(console.shell().getScene().getWindow().isShowing()).isTrue();
        assertThat(text(robot, "#status-data")).contains(data.toString());
    }

    @Test
    void statusBarShowsTheEmbeddedGatewayAnswering(FxRobot robot) {
        GatewayConnection c = TestConsole.awaitConnected(console);
        assertThat(c.controlPlaneUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#status-text")
                .equals("Embedded · " + c.controlPlaneUrl() + " · connected"));
        assertThat(robot.lookup("#status-dot").query().getStyleClass()).contains("health-connected");
    }

    @Test
    void testConnectionReachesTheEmbeddedGateway(FxRobot robot) {
        TestConsole.awaitConnected(console);
        robot.clickOn("#nav-settings");
        awaitSettingsLoaded(robot);
        robot.clickOn("#test-connection");
        await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#test-result").contains("answered"));
        assertThat(robot.lookup("#test-result").query().getStyleClass()).contains("success");
    }

    @Test
    void everySidebarEntryOpensItsView(FxRobot robot) {
        for (Page page : Pages.all()) {
            robot.clickOn("#nav-" + page.id());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(console.shell().currentPageId()).isEqualTo(page.id());
            assertThat(robot.lookup("#page-title").queryAs(Label.class).getText()).isEqualTo(page.plainTitle());
            Node view = robot.lookup(VIEW_IDS.get(page.id())).query();
            assertThat(view.isVisible()).isTrue();
            assertThat(view.getScene()).isNotNull();
        }
    }

    @Test
    void keyboardMovesThroughTheSidebar(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(console.shell().currentPageId()).isEqualTo(Pages.CHAT);
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(console.shell().currentPageId()).isEqualTo(Pages.LOGS);
        robot.type(KeyCode.UP, 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(console.shell().currentPageId()).isEqualTo(Pages.ACCESS_KEYS);
    }

    @Test
    void emptyStateLeadsToSettings(FxRobot robot) {
        // Chat without any kept key shows an empty state; its settings button leads there through the Navigator.
        robot.clickOn("#nav-chat");
        robot.clickOn("#chat-empty-settings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(console.shell().currentPageId()).isEqualTo(Pages.SETTINGS);
    }

    @Test
    void themeToggleSwitchesAndIsRemembered(FxRobot robot) {
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerLight().getUserAgentStylesheet());
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        assertThat(console.shell().getStyleClass()).contains("theme-dark");
        assertThat(robot.lookup("#theme-toggle").queryAs(Button.class).getText()).isEqualTo("Light theme");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.load().theme() == Theme.DARK);

        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerLight().getUserAgentStylesheet());
        assertThat(console.shell().getStyleClass()).contains("theme-light");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.load().theme() == Theme.LIGHT);
    }

    @Test
    void settingsRefusesBadUrlsAndSavesAGoodOne(FxRobot robot) throws Exception {
        robot.clickOn("#nav-settings");
        awaitSettingsLoaded(robot);
        robot.clickOn("#mode-hosted");
        assertThat(robot.lookup("#control-plane-url").query().isVisible()).isTrue();

        typeInto(robot, "#control-plane-url", "ftp://x");
        Label message = robot.lookup("#control-plane-url-message").queryAs(Label.class);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).contains("Only http:// and https://");
        assertThat(robot.lookup("#control-plane-url").query().getPseudoClassStates().toString()).contains("danger");
        assertThat(robot.lookup("#save").queryAs(Button.class).isDisabled()).isTrue();

        typeInto(robot, "#control-plane-url", "not a url");
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).isNotBlank();
        assertThat(robot.lookup("#save").queryAs(Button.class).isDisabled()).isTrue();

        typeInto(robot, "#control-plane-url", "https://api.ngrok.ai");
        assertThat(message.isVisible()).isFalse();
        typeInto(robot, "#api-key", "sk-ui-test");
        assertThat(robot.lookup("#save").queryAs(Button.class).isDisabled()).isFalse();

        // Save against a loopback stand-in for the hosted API: tests never reach the internet.
        try (MockWebServer hosted = ModelServers.mockWebServer()) {
            hosted.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    boolean ok = "/gateway-config".equals(request.getTarget())
                            && "Bearer sk-ui-test".equals(request.getHeaders().get("Authorization"));
                    return new MockResponse.Builder().code(ok ? 200 : 401)
                            .body(ok ? "{\"totalTimeout\":\"120s\",\"perRequestTimeout\":\"60s\"}" : "{}").build();
                }
            });
            hosted.start(java.net.InetAddress.getLoopbackAddress(), 0);
            String url = "http://127.0.0.1:" + hosted.getPort();
            typeInto(robot, "#control-plane-url", url);
            typeInto(robot, "#data-plane-url", url);
            robot.clickOn("#save");
            await().atMost(Duration.ofSeconds(5)).until(() -> store.load().mode() == GatewayMode.HOSTED);
            Settings saved = store.load();
            assertThat(saved.controlPlaneUrl()).isEqualTo(url);
            assertThat(store.loadApiKey()).contains("sk-ui-test");
            await().atMost(Duration.ofSeconds(10)).until(() -> text(robot, "#status-text")
                    .equals("Hosted · " + url + " · connected"));

            // A new view-model (what the app builds on its next start) reads the same choice back.
            SettingsViewModel restarted = new SettingsViewModel(console.context());
            restarted.load().join();
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(restarted.modeProperty().get()).isEqualTo(GatewayMode.HOSTED);
            assertThat(restarted.controlPlaneUrlProperty().get()).isEqualTo(url);
            assertThat(restarted.apiKeyProperty().get()).isEqualTo("sk-ui-test");
        }
        assertThat(robot.lookup("#mode-hosted").queryAs(RadioButton.class).isSelected()).isTrue();
    }

    @Test
    void windowSizeAndPlaceAreRememberedOnClose(FxRobot robot) {
        Stage stage = (Stage) console.shell().getScene().getWindow();
        robot.interact(() -> {
            stage.setWidth(1000);
            stage.setHeight(700);
            stage.setX(30);
            stage.setY(40);
        });
        robot.interact(console::close);
        var window = store.load().window();
        assertThat(window.width()).isEqualTo(1000);
        assertThat(window.height()).isEqualTo(700);
        assertThat(window.x()).isEqualTo(30);
        assertThat(window.y()).isEqualTo(40);
        assertThat(window.maximized()).isFalse();
    }

    private static void awaitSettingsLoaded(FxRobot robot) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            Node root = robot.lookup("#settings-view").query();
            return root.getUserData() instanceof SettingsViewModel vm && vm.loadedProperty().get();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void typeInto(FxRobot robot, String query, String text) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.interact(field::clear);
        robot.clickOn(field).write(text);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(field.getText()).isEqualTo(text);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }
}
