package dev.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Ids cut in a narrow column still tell their rows apart. */
@ExtendWith(ApplicationExtension.class)
class TableColumnsTest {
    private static final List<String> REFS = List.of("my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M",
            "my-workstation-vllm:qwen2.5-coder-32b-instruct-q8_0");
    private TableView<String> table;

    @Start
    void start(Stage stage) {
        table = new TableView<>(FXCollections.observableArrayList(REFS));
        TableColumn<String, String> model = new TableColumn<>("provider:model");
        TableColumns.idText(model, s -> s);
        model.setPrefWidth(180);
        table.getColumns().add(model);
        stage.setScene(new Scene(table, 240, 160));
        stage.show();
    }

    @Test
    void twoLongIdsWithTheSameStartStayDistinctWhenCut(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = ShownCells.of(robot, ".table-view", item -> true);
        assertThat(shown).hasSize(2).allMatch(s -> s.contains("…")).doesNotHaveDuplicates();
        assertThat(shown).anyMatch(s -> s.endsWith("q4_K_M")).anyMatch(s -> s.endsWith("q8_0"));
    }
}
