package dev.switchboard.ui.accesskeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerLight;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.ModelInfo;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.client.Completion;
import dev.switchboard.client.GatewayException;
import dev.switchboard.client.Surface;
import dev.switchboard.testing.ModelServers;
import dev.switchboard.ui.ShownCells;
import dev.switchboard.viewmodel.ExecutorBackgroundTasks;
import dev.switchboard.viewmodel.KeptTokens;
import dev.switchboard.viewmodel.accesskeys.AccessKeyConfigurationEditorViewModel;
import dev.switchboard.viewmodel.accesskeys.AccessKeyRow;
import dev.switchboard.viewmodel.accesskeys.AccessKeyTestGateway;
import dev.switchboard.viewmodel.accesskeys.AccessKeysViewModel;
import dev.switchboard.viewmodel.accesskeys.ConfigurationChoice;
import dev.switchboard.viewmodel.accesskeys.ConfigurationRow;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Access keys page against the real embedded gateway, with a scripted model server behind my-ollama. */
@ExtendWith(ApplicationExtension.class)
class AccessKeysViewFlowTest {
    @TempDir
    Path dir;
    private AccessKeyTestGateway gw;
    private MockWebServer modelServer;
    private ExecutorBackgroundTasks tasks;
    private final AccessKeyTestGateway.RecordingDialogs dialogs = new AccessKeyTestGateway.RecordingDialogs();
    private KeptTokens kept;
    private AccessKeysViewModel vm;
    private ProviderKey primary;
    private ProviderKey backup;

    @Start
    void start(Stage stage) throws Exception {
        modelServer = ModelServers.mockWebServer();
        modelServer.start(InetAddress.getLoopbackAddress(), 0);
        gw = new AccessKeyTestGateway(dir.resolve("gateway"));
        gw.provider("my-ollama", "http://127.0.0.1:" + modelServer.getPort(), "llama3.2", "qwen2.5:0.5b");
        gw.provider("lm-studio", "http://127.0.0.1:9", "phi-4");
        primary = gw.providerKey("my-ollama", "primary", "sk-primary-000001");
        backup = gw.providerKey("my-ollama", "backup", "sk-backup-000002");
        kept = new KeptTokens(dir.resolve("console"));
        tasks = ExecutorBackgroundTasks.withDaemonThreads(Platform::runLater);
        vm = new AccessKeysViewModel(() -> gw.admin, tasks, dialogs, kept, ZoneOffset.UTC);

        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        FXMLLoader loader = new FXMLLoader(AccessKeysController.class.getResource("AccessKeysView.fxml"));
        loader.setControllerFactory(type -> type == AccessKeysController.class ? new AccessKeysController(vm)
                : new AccessKeyConfigurationEditorController());
        Parent root = loader.load();
        stage.setScene(new Scene(root, 1100, 720));
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        tasks.close();
        gw.close();
        modelServer.close();
    }

    private void settle() {
        await().atMost(Duration.ofSeconds(15)).until(() -> !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static CheckBox checkBoxOf(FxRobot robot, String ref) {
        TreeCell<?> cell = robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
                .filter(c -> c.getItem() instanceof dev.switchboard.viewmodel.accesskeys.AllowlistNode n && n.ref().equals(ref))
                .findFirst().orElseThrow();
        return (CheckBox) cell.getGraphic();
    }

    @Test
    void configurationAllowingOnlyOneModelAndAKeyWithItAreEnforcedByTheGateway(FxRobot robot) throws Exception {
        settle();
        robot.clickOn("#tab-configurations .tab-label");
        robot.clickOn("#new-configuration");
        robot.clickOn("#config-name").write("only-llama");
        robot.clickOn("#all-models .thumb-area");
        robot.clickOn("#all-providers .thumb-area");
        robot.clickOn(checkBoxOf(robot, "lm-studio"));
        robot.clickOn(checkBoxOf(robot, "my-ollama:qwen2.5:0.5b"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(checkBoxOf(robot, "my-ollama").isIndeterminate()).isTrue();
        ScreenshotSupport.save(robot, robot.lookup("#accesskeys-view").query(), "configurations-editor-allowlist.png");

        assertThat(robot.lookup("#allowlist-warnings .label").queryLabeled().getText()).contains("no routing rule");
        robot.clickOn("#tab-routing .tab-label");
        ComboBox<String> target = robot.lookup("#rule-target").queryComboBox();
        robot.interact(() -> target.getSelectionModel().select("my-ollama"));
        robot.clickOn("#add-rule");
        ComboBox<ProviderKey> existing = robot.lookup("#existing-key").queryComboBox();
        robot.interact(() -> existing.getSelectionModel().select(primary));
        robot.clickOn("#add-existing-key");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#allowlist-warnings .label").tryQuery()).isEmpty();

        robot.clickOn("#tab-effective .tab-label");
        ListView<AccessKeyConfigurationEditorViewModel.EffectiveModel> effective = robot.lookup("#effective-models").queryListView();
        assertThat(effective.getItems()).containsExactly(new AccessKeyConfigurationEditorViewModel.EffectiveModel(
                "my-ollama:llama3.2", "keys in order: primary  " + primary.keyRedacted()));
        ScreenshotSupport.save(robot, robot.lookup("#accesskeys-view").query(), "configurations-editor-effective.png");
        robot.clickOn("#tab-preview .tab-label");
        ScreenshotSupport.save(robot, robot.lookup("#accesskeys-view").query(), "configurations-editor-preview.png");
        robot.clickOn("#save-configuration");
        settle();

        AccessKeyConfiguration saved = gw.admin.accessKeyConfigurations().list().toList().get(0);
        assertThat(saved.name()).isEqualTo("only-llama");
        assertThat(saved.access().providers().allow()).containsExactly("my-ollama");
        assertThat(saved.access().models().allow()).containsExactly("my-ollama:llama3.2");
        assertThat(robot.lookup("#dirty-label").queryLabeled().getText()).isEmpty();

        robot.clickOn("#tab-keys .tab-label");
        robot.clickOn("#create-key");
        robot.clickOn("#new-key-name-field").write("laptop");
        robot.clickOn("#new-key-use-existing");
        ComboBox<ConfigurationChoice> choice = robot.lookup("#new-key-configuration").queryComboBox();
        robot.interact(() -> choice.getSelectionModel().select(
                choice.getItems().stream().filter(c -> "only-llama".equals(c.label())).findFirst().orElseThrow()));
        robot.clickOn("#create-key-confirm");
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#token-field").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        TextField tokenField = robot.lookup("#token-field").queryAs(TextField.class);
        String token = tokenField.getText();
        assertThat(token).startsWith("ng-");
        ScreenshotSupport.save(robot, tokenField.getScene().getRoot(), "token-dialog.png");
        robot.clickOn("#keep-token");
        robot.clickOn("#token-done");
        settle();

        assertThat(robot.lookup("#token-field").tryQuery()).isEmpty();
        assertThat(vm.createdKeyProperty().get()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> kept.find(gw.admin.accessKeys().list().toList().get(0).id()).isPresent());
        assertThat(kept.all()).singleElement().satisfies(t -> assertThat(t.token()).isEqualTo(token));
        TableView<?> table = robot.lookup("#keys-table").queryTableView();
        assertThat(table.getItems()).hasSize(1);
        assertThat(robot.lookup("only-llama").tryQuery()).isPresent();
        assertThat(robot.lookup(token).tryQuery()).isEmpty();
        ScreenshotSupport.save(robot, robot.lookup("#accesskeys-view").query(), "access-keys.png");

        GatewayException refused = catchThrowableOfType(GatewayException.class, () -> gw.admin.complete(token,
                Surface.CHAT_COMPLETIONS, ChatRequest.builder("my-ollama:qwen2.5:0.5b").user("hi").build()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.errorCode()).contains("ERR_NGROK_3803");
        assertThat(modelServer.getRequestCount()).isZero();

        modelServer.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"llama3.2\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"hello from llama\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":3,\"total_tokens\":4}}").build());
        Completion answer = gw.admin.complete(token, Surface.CHAT_COMPLETIONS,
                ChatRequest.builder("my-ollama:llama3.2").user("hi").build());
        assertThat(answer.text()).isEqualTo("hello from llama");
        var upstream = modelServer.takeRequest(5, TimeUnit.SECONDS);
        assertThat(upstream.getBody().utf8()).contains("\"llama3.2\"");
        assertThat(upstream.getHeaders().get("Authorization")).isEqualTo("Bearer sk-primary-000001");

        assertThat(gw.admin.listModels(token)).extracting(ModelInfo::id)
                .containsExactlyInAnyOrderElementsOf(effective.getItems().stream().map(m -> m.ref()).toList());
    }

    @Test
    void reorderingTwoProviderKeysIsSavedInThatOrder(FxRobot robot) {
        AccessKeyConfiguration config = gw.admin.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("failover",
                null, new Router(List.of(new RouterRule("my-ollama", null,
                        List.of(RouterStep.ordered(List.of(StepKey.existing(primary.id()), StepKey.existing(backup.id())))))))));
        gw.admin.accessKeys().create(AccessKeyCreate.of("ci", config.id()));
        robot.interact(vm::refresh);
        settle();

        robot.clickOn("#tab-configurations .tab-label");
        robot.clickOn("failover  ·  1 key");
        robot.clickOn("#tab-routing .tab-label");
        robot.clickOn("my-ollama");
        robot.clickOn("2. backup  " + backup.keyRedacted());
        robot.clickOn("#key-up");
        WaitForAsyncUtils.waitForFxEvents();
        ScreenshotSupport.save(robot, robot.lookup("#accesskeys-view").query(), "configurations-editor-routing.png");
        robot.clickOn("#save-configuration");
        settle();

        List<StepKey> keys = gw.admin.accessKeyConfigurations().get(config.id()).router().rules().get(0).steps().get(0).keys();
        assertThat(keys).extracting(StepKey::id).containsExactly(backup.id(), primary.id());

        robot.clickOn("#delete-configuration");
        settle();
        assertThat(dialogs.errors).singleElement().asString().contains("'ci'");
        assertThat(gw.admin.accessKeyConfigurations().list().toList()).hasSize(1);
    }

    @Test
    void leavingAConfigurationWithUnsavedChangesAsksFirst(FxRobot robot) {
        gw.admin.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("first", null, null));
        gw.admin.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("second", null, null));
        robot.interact(vm::refresh);
        settle();
        robot.clickOn("#tab-configurations .tab-label");
        robot.clickOn("first  ·  0 keys");
        robot.clickOn("#config-description").write("changed");

        dialogs.answer = false;
        robot.clickOn("second  ·  0 keys");
        WaitForAsyncUtils.waitForFxEvents();
        ListView<ConfigurationRow> list = robot.lookup("#configurations-list").queryListView();
        assertThat(list.getSelectionModel().getSelectedItem().configuration().name()).isEqualTo("first");
        assertThat(robot.lookup("#config-description").queryAs(TextField.class).getText()).isEqualTo("changed");
        assertThat(dialogs.confirmations).singleElement().asString().contains("Discard unsaved changes");

        dialogs.answer = true;
        robot.clickOn("second  ·  0 keys");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#config-name").queryAs(TextField.class).getText()).isEqualTo("second");
    }

    @Test
    void changingAKeysConfigurationAndRevokingIt(FxRobot robot) {
        AccessKeyConfiguration config = gw.admin.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("team", null, null));
        AccessKey key = gw.admin.accessKeys().create(AccessKeyCreate.of("build-box"));
        robot.interact(vm::refresh);
        settle();
        assertThat(robot.lookup(dev.switchboard.viewmodel.accesskeys.AccessKeyRow.NO_CONFIGURATION).tryQuery()).isPresent();

        robot.clickOn("build-box");
        robot.clickOn("#change-configuration");
        ComboBox<ConfigurationChoice> box = robot.lookup(".choice-dialog .combo-box").queryComboBox();
        robot.interact(() -> box.getSelectionModel().select(
                box.getItems().stream().filter(c -> "team".equals(c.label())).findFirst().orElseThrow()));
        robot.clickOn("OK");
        settle();
        assertThat(gw.admin.accessKeys().get(key.id()).accessKeyConfiguration().id()).isEqualTo(config.id());

        robot.clickOn("build-box");
        robot.clickOn("#revoke-key");
        settle();
        assertThat(dialogs.confirmations).singleElement().asString().contains("Revoke access key 'build-box'");
        assertThat(gw.admin.accessKeys().list().toList()).isEmpty();
        assertThat(robot.lookup("#keys-table").queryTableView().getItems()).isEmpty();
    }

    @Test
    void theKeyNamesGetTheRoomTheOtherColumnsDoNotNeed(FxRobot robot) {
        AccessKeyConfiguration config = gw.admin.accessKeyConfigurations().create(
                AccessKeyConfigurationCreate.of("all-three-providers", null, null));
        for (String name : List.of("customer-support-bot-production", "ci-runner-nightly-builds", "laptop")) {
            gw.admin.accessKeys().create(AccessKeyCreate.of(name, config.id()));
        }
        robot.interact(vm::refresh);
        settle();
        TableView<?> table = robot.lookup("#keys-table").queryTableView();
        assertThat(table.getItems()).hasSize(3);

        // the page as wide as in a 1000×700 window beside the navigation: the access panel leaves the table ~440 px
        robot.interact(() -> robot.window(0).setWidth(810));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getWidth()).isLessThan(460);
        var columns = table.getVisibleLeafColumns();
        assertThat(columns.get(0).getText()).isEqualTo("Name");
        for (var other : columns.subList(1, columns.size())) {
            assertThat(columns.get(0).getWidth()).as("Name wider than " + other.getText()).isGreaterThan(other.getWidth());
        }
        assertThat(ShownCells.of(robot, "#keys-table", "ci-runner-nightly-builds"::equals)).as("a long name, whole")
                .containsExactly("ci-runner-nightly-builds");

        // a little wider, and the configuration is whole too, the names getting the rest
        robot.interact(() -> robot.window(0).setWidth(1000));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ShownCells.of(robot, "#keys-table", "all-three-providers"::equals)).as("the configuration, whole")
                .containsOnly("all-three-providers");
        assertThat(columns.get(0).getWidth()).isGreaterThan(table.getWidth() / 3);
    }

}
