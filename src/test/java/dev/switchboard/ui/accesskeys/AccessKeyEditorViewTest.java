package dev.switchboard.ui.accesskeys;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderModel;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.viewmodel.accesskeys.AccessKeyConfigurationEditorViewModel;
import java.util.List;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The editor alone, over fixed data: the tree mirrors the model, switches and reordering work. */
@ExtendWith(ApplicationExtension.class)
class AccessKeyEditorViewTest {
    private final AccessKeyConfigurationEditorViewModel vm = new AccessKeyConfigurationEditorViewModel();

    private static Provider provider(String id, String... models) {
        return new Provider("aigp_" + id, null, null, null, null, null, null, id, id, "http://127.0.0.1:1",
                null, java.util.Arrays.stream(models).map(m -> new ProviderModel("m_" + m, m)).toList());
    }

    private static ProviderKey key(String id, String name) {
        return new ProviderKey(id, null, null, null, null, null, null, null, "my-ollama", name, "sk-***" + id.substring(6), null);
    }

    @Start
    void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        FXMLLoader loader = new FXMLLoader(AccessKeyConfigurationEditorController.class.getResource("AccessKeyConfigurationEditor.fxml"));
        Parent root = loader.load();
        AccessKeyConfigurationEditorController controller = loader.getController();
        AccessKeyConfiguration saved = new AccessKeyConfiguration("aigac_1", null, null, null, null, null, null, null, "team",
                new Access(new AllowList(List.of("my-ollama", "gone")), new AllowList(List.of("my-ollama:llama3.2"))),
                new Router(List.of(new RouterRule("my-ollama", null, List.of(RouterStep.ordered(
                        List.of(StepKey.existing("aigpk_1111"), StepKey.existing("aigpk_2222"))))))));
        vm.load(saved, List.of(provider("my-ollama", "llama3.2", "qwen2.5:0.5b"), provider("lm-studio", "phi-4")),
                List.of(key("aigpk_1111", "primary"), key("aigpk_2222", "backup")));
        controller.bind(vm, () -> { }, () -> { });
        stage.setScene(new Scene(root, 1000, 700));
        stage.show();
    }

    private CheckBox checkBoxOf(FxRobot robot, String ref) {
        TreeCell<?> cell = robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream()
                .filter(c -> c.getItem() instanceof dev.switchboard.viewmodel.accesskeys.AllowlistNode n && n.ref().equals(ref))
                .findFirst().orElseThrow();
        return (CheckBox) cell.getGraphic();
    }

    @Test
    void treeShowsPartialAndMissingAndTicksReachTheModel(FxRobot robot) {
        CheckBox ollama = checkBoxOf(robot, "my-ollama");
        assertThat(ollama.isIndeterminate()).isTrue();
        assertThat(checkBoxOf(robot, "gone").isSelected()).isTrue();
        assertThat(robot.lookup("#allowlist-warnings .label").queryAll()).isNotEmpty();
        ScreenshotSupport.save(robot, robot.lookup(".configuration-editor").query(), "editor-allowlist-partial.png");

        robot.clickOn(checkBoxOf(robot, "my-ollama:qwen2.5:0.5b"));
        ScreenshotSupport.save(robot, robot.lookup(".configuration-editor").query(), "editor-allowlist-ticked.png");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.request(false).access().models().allow()).containsExactly("my-ollama:llama3.2", "my-ollama:qwen2.5:0.5b");
        assertThat(checkBoxOf(robot, "my-ollama").isSelected()).isTrue();
        assertThat(checkBoxOf(robot, "my-ollama").isIndeterminate()).isFalse();
        assertThat(vm.isDirty()).isTrue();

        robot.clickOn("#all-models .thumb-area");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.request(false).access().models()).isNull();
        assertThat(checkBoxOf(robot, "my-ollama:qwen2.5:0.5b").isDisabled()).isTrue();
        ScreenshotSupport.save(robot, robot.lookup(".configuration-editor").query(), "editor-allowlist-all-models.png");

        robot.clickOn("#allowlist-filter").write("phi");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".tree-cell").queryAllAs(TreeCell.class).stream().filter(c -> c.getItem() != null))
                .hasSize(2);
    }

    @Test
    void keysReorderWithUpAndDownAndThePreviewFollows(FxRobot robot) {
        robot.clickOn("Routing");
        robot.clickOn("my-ollama");
        robot.clickOn("2. backup  sk-***2222");
        robot.clickOn("#key-up");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.request(false).router().rules().get(0).steps().get(0).keys())
                .containsExactly(StepKey.existing("aigpk_2222"), StepKey.existing("aigpk_1111"));
        ListView<?> keys = robot.lookup("#routing-keys").queryAs(ListView.class);
        assertThat(keys.getSelectionModel().getSelectedIndex()).isZero();
        ScreenshotSupport.save(robot, robot.lookup(".configuration-editor").query(), "editor-routing.png");

        robot.clickOn("Preview");
        ListView<?> diff = robot.lookup("#preview-diff").queryAs(ListView.class);
        assertThat(diff.getItems()).anySatisfy(l -> assertThat(l.toString()).contains("REMOVED"));
        ScreenshotSupport.save(robot, robot.lookup(".configuration-editor").query(), "editor-preview.png");
    }
}
