package dev.switchboard.ui.accesskeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.viewmodel.ExecutorBackgroundTasks;
import dev.switchboard.viewmodel.KeptTokens;
import dev.switchboard.viewmodel.accesskeys.AccessKeyTestGateway;
import dev.switchboard.viewmodel.accesskeys.AccessKeysViewModel;
import dev.switchboard.viewmodel.accesskeys.AllowlistNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeCell;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Access from a key on the Access keys page: what it can call beside the list, double-click to edit, create with ticks. */
@ExtendWith(ApplicationExtension.class)
class AccessKeyAccessPanelFlowTest {
    @TempDir
    static Path dir;
    private static AccessKeyTestGateway gw;
    private ExecutorBackgroundTasks tasks;
    private AccessKeysViewModel vm;
    private Stage stage;
    private Parent root;

    @BeforeAll
    static void startGateway() {
        gw = new AccessKeyTestGateway(dir.resolve("gateway"));
        gw.provider("my-workstation-vllm", "http://127.0.0.1:9", "qwen2.5-coder-32b-instruct-q4_K_M");
        gw.provider("lab-lmstudio", "http://127.0.0.1:9", "phi-4-mini-instruct", "llama-3.1-8b-instruct-q8_0");
        var team = gw.admin.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("team",
                new Access(new AllowList(List.of("my-workstation-vllm")), null), null));
        gw.admin.accessKeys().create(AccessKeyCreate.of("alice", team.id()));
        gw.admin.accessKeys().create(AccessKeyCreate.of("bob", team.id()));
        gw.admin.accessKeys().create(AccessKeyCreate.of("build-box"));
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        tasks = ExecutorBackgroundTasks.withDaemonThreads(Platform::runLater);
        vm = new AccessKeysViewModel(() -> gw.admin, tasks, new AccessKeyTestGateway.RecordingDialogs(),
                new KeptTokens(dir.resolve("console")), ZoneOffset.UTC);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        FXMLLoader loader = new FXMLLoader(AccessKeysController.class.getResource("AccessKeysView.fxml"));
        loader.setControllerFactory(type -> type == AccessKeysController.class ? new AccessKeysController(vm)
                : new AccessKeyConfigurationEditorController());
        root = loader.load();
        root.getStylesheets().add(0, AccessKeysController.class.getResource("/dev/switchboard/ui/switchboard.css").toExternalForm());
        stage.setScene(new Scene(root, 1180, 760));
        // A window an earlier test left open would sit over this one and take its clicks.
        for (javafx.stage.Window w : List.copyOf(javafx.stage.Window.getWindows())) {
            if (w != stage) {
                w.hide();
            }
        }
        stage.show();
        stage.toFront();
    }

    @AfterEach
    void stop() {
        tasks.close();
    }

    private void settle() {
        await().atMost(Duration.ofSeconds(15)).until(() -> !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The key's cell in this test's own table: an earlier test's window may show a key of the same name. */
    private Node keyRow(FxRobot robot, String name) {
        return robot.from(root.lookup("#keys-table")).lookup(name).query();
    }

    private void shootAtBothSizesAndThemes(FxRobot robot, Node node, String name) {
        for (boolean dark : new boolean[] {false, true}) {
            for (int[] size : new int[][] {{1000, 700}, {1180, 760}}) {
                robot.interact(() -> {
                    Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                            : new PrimerLight().getUserAgentStylesheet());
                    node.getScene().getWindow().setWidth(size[0]);
                    node.getScene().getWindow().setHeight(size[1]);
                });
                WaitForAsyncUtils.waitForFxEvents();
                ScreenshotSupport.save(robot, node.getScene().getRoot(),
                        name + "-" + size[0] + "x" + size[1] + "-" + (dark ? "dark" : "light") + ".png");
            }
        }
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
    }

    @Test
    void aKeysAccessShowsBesideTheListADoubleClickEditsItAndANewKeyGetsWhatWasTicked(FxRobot robot) {
        settle();
        robot.clickOn(keyRow(robot, "alice"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.from(root).lookup("#key-access-summary").queryLabeled().getText())
                .isEqualTo("This key can call 1 model on 1 provider:");
        assertThat(robot.from(root).lookup("#key-access-models").queryListView().getItems())
                .containsExactly("my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M");
        assertThat(robot.from(root).lookup("#key-access-configuration").queryLabeled().getText()).contains("'team'", "shared with 'bob'");
        shootAtBothSizesAndThemes(robot, root, "access-keys-selected");
        // Back to the smallest size: Monocle cannot grow a window's pixel buffer past the size it was first shown
        // at, and an earlier test class may have shown this (shared) stage at 1000x700.
        robot.interact(() -> {
            stage.setWidth(1000);
            stage.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn(keyRow(robot, "build-box"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.from(root).lookup("#key-access-summary").queryLabeled().getText()).contains("can call no custom provider");
        // The double-click is delivered to the key's row as the mouse would deliver it; moving the pointer there
        // is unreliable on a headless screen whose window an earlier test class sized.
        Node row = keyRow(robot, "build-box");
        while (!(row instanceof javafx.scene.control.TableRow<?>)) {
            row = row.getParent();
        }
        Node target = row;
        robot.interact(() -> target.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED,
                5, 5, 5, 5, MouseButton.PRIMARY, 2, false, false, false, false, true, false, false, true, false, false, null)));
        settle();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                robot.from(root).lookup("#tab-configurations").queryAs(Node.class) != null
                        && ((TabPane) robot.from(root).lookup(".tab-pane").query()).getSelectionModel().getSelectedIndex() == 1
                        && "build-box".equals(robot.from(root).lookup("#config-name").queryTextInputControl().getText()));
        AccessKey buildBox = gw.admin.accessKeys().list().toList().stream().filter(k -> k.name().equals("build-box"))
                .findFirst().orElseThrow();
        assertThat(buildBox.accessKeyConfiguration().name()).isEqualTo("build-box");

        robot.clickOn(robot.from(root).lookup("#tab-keys .tab-label").queryAs(Node.class));
        robot.clickOn(robot.from(root).lookup("#create-key").queryAs(Node.class));
        robot.clickOn("#new-key-name-field").write("ci-runner");
        CheckBox llama = robot.lookup("#new-key-allowlist .tree-cell").queryAllAs(TreeCell.class).stream()
                .filter(c -> c.getItem() instanceof AllowlistNode n && n.ref().equals("lab-lmstudio:llama-3.1-8b-instruct-q8_0"))
                .map(c -> (CheckBox) c.getGraphic()).findFirst().orElseThrow();
        robot.clickOn(llama);
        WaitForAsyncUtils.waitForFxEvents();
        Node dialog = robot.lookup("#create-key-confirm").query();
        for (boolean dark : new boolean[] {false, true}) {
            robot.interact(() -> Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet()));
            WaitForAsyncUtils.waitForFxEvents();
            ScreenshotSupport.save(robot, dialog.getScene().getRoot(), "create-key-dialog-" + (dark ? "dark" : "light") + ".png");
        }
        robot.interact(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        robot.clickOn("#create-key-confirm");
        await().atMost(Duration.ofSeconds(15)).until(() -> robot.lookup("#token-done").tryQuery().isPresent());
        robot.clickOn("#token-done");
        settle();
        AccessKey created = gw.admin.accessKeys().list().toList().stream().filter(k -> k.name().equals("ci-runner"))
                .findFirst().orElseThrow();
        var config = gw.admin.accessKeyConfigurations().get(created.accessKeyConfiguration().id());
        assertThat(config.name()).isEqualTo("ci-runner");
        assertThat(config.access().providers().allow()).containsExactly("lab-lmstudio");
        assertThat(config.access().models().allow()).containsExactly("lab-lmstudio:llama-3.1-8b-instruct-q8_0");
    }
}
