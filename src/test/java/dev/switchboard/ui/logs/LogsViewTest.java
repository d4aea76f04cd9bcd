package dev.switchboard.ui.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerLight;
import dev.switchboard.ui.ShownCells;
import dev.switchboard.viewmodel.ExecutorBackgroundTasks;
import dev.switchboard.viewmodel.logs.LogRow;
import dev.switchboard.viewmodel.logs.LogsTestGateway;
import dev.switchboard.viewmodel.logs.LogsViewModel;
import dev.switchboard.viewmodel.logs.StatusFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxService;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Logs view lists calls made through the real embedded gateway, live, and filters them. */
@ExtendWith(ApplicationExtension.class)
class LogsViewTest {
    @TempDir
    Path dir;
    private LogsTestGateway gw;
    private ExecutorBackgroundTasks tasks;
    private LogsViewModel vm;
    private Parent root;

    @Start
    void start(Stage stage) throws Exception {
        gw = new LogsTestGateway(dir.resolve("gateway"));
        tasks = ExecutorBackgroundTasks.withDaemonThreads(Platform::runLater);
        vm = new LogsViewModel(() -> gw.admin, tasks, Clock.systemUTC(), ZoneId.systemDefault());
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        FXMLLoader loader = new FXMLLoader(LogsController.class.getResource("LogsView.fxml"));
        loader.setControllerFactory(type -> new LogsController(vm));
        try {
            root = loader.load();
        } catch (Exception e) {
            e.printStackTrace();
            throw e;
        }
        stage.setScene(new Scene(root, 1200, 720));
        stage.show();
    }

    @AfterEach
    void stop() {
        vm.stopLive();
        tasks.close();
        gw.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<LogRow> table(FxRobot robot) {
        return robot.lookup("#logs-table").queryAs(TableView.class);
    }

    @Test
    void callsShowUpLiveAndTheStatusFilterNarrowsThem(FxRobot robot) throws Exception {
        gw.answerOk();
        gw.chat("my-ollama:llama3.2", "hello");
        gw.chat("my-ollama:qwen2.5:0.5b", "not allowed");
        gw.answerOk();
        gw.chat("my-ollama:llama3.2", "again");
        gw.flushLog();

        // Live polling picks the calls up without a manual refresh.
        await().atMost(Duration.ofSeconds(15)).until(() -> table(robot).getItems().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems().get(0).modelRef()).isEqualTo("my-ollama:llama3.2");
        assertThat(table(robot).getItems().get(1).status()).isEqualTo(422);
        save(robot, root, "logs-requests.png");

        ComboBox<?> status = robot.lookup("#filter-status").queryAs(ComboBox.class);
        robot.interact(() -> status.getSelectionModel().select(StatusFilter.CLIENT_ERROR.ordinal()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems()).singleElement().extracting(LogRow::status).isEqualTo(422);

        robot.interact(() -> table(robot).getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        String detail = robot.lookup("#logs-detail").queryAll().stream().flatMap(n -> robot.from(n).lookup(".label").queryAll().stream())
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).collect(java.util.stream.Collectors.joining("\n"));
        assertThat(detail).contains("422", "ERR_NGROK_3803");
        robot.clickOn("#logs-detail-raw");
        String raw = robot.lookup("#logs-detail .text-area").queryAs(TextArea.class).getText();
        assertThat(raw).contains("\"statusCode\" : 422", "ERR_NGROK_3803");

        robot.interact(() -> status.getSelectionModel().select(StatusFilter.ALL.ordinal()));
        robot.clickOn("#tab-charts .tab-label");
        WaitForAsyncUtils.waitForFxEvents();
        save(robot, root, "logs-charts.png");
    }

    @Test
    void theShortColumnsKeepTheirWidthAndTheKeyAndModelGetTheRest(FxRobot robot) throws Exception {
        gw.answerOk();
        gw.chat("my-ollama:llama3.2", "hello");
        gw.chat("my-ollama:qwen2.5:0.5b", "not allowed");
        gw.flushLog();
        await().atMost(Duration.ofSeconds(15)).until(() -> table(robot).getItems().size() == 2);
        // the page as wide as in a 1180×760 window beside the navigation
        robot.interact(() -> robot.window(0).setWidth(965));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<LogRow> table = table(robot);
        var columns = table.getVisibleLeafColumns();
        var model = columns.stream().filter(c -> c.getText().equals("provider:model")).findFirst().orElseThrow();
        for (var c : columns) {
            if (List.of("Time", "Status", "Tries", "Latency", "TTFT", "Tokens").contains(c.getText())) {
                assertThat(c.getMaxWidth()).as(c.getText() + " capped at its widest value or header").isLessThan(160);
                assertThat(c.getWidth()).as(c.getText() + " no wider than that").isLessThanOrEqualTo(c.getMaxWidth());
                assertThat(model.getWidth()).as("provider:model wider than " + c.getText()).isGreaterThan(c.getWidth());
            }
        }
        List<String> shown = ShownCells.of(robot, "#logs-table", item -> !item.toString().isEmpty());
        assertThat(shown).as("nothing cut").noneMatch(t -> t.contains("…") || t.contains("..."))
                .contains("my-ollama:llama3.2", "my-ollama:qwen2.5:0.5b", "200", "422");
        assertThat(table.lookupAll(".scroll-bar")).as("no sideways scrolling")
                .filteredOn(n -> ((javafx.scene.control.ScrollBar) n).getOrientation() == javafx.geometry.Orientation.HORIZONTAL)
                .noneMatch(javafx.scene.Node::isVisible);
        save(robot, root, "logs-965.png");
    }

    private static void save(FxRobot robot, Node node, String name) throws Exception {
        Path out = Path.of("target", "screenshots");
        Files.createDirectories(out);
        FxService.serviceContext().getCaptureSupport().saveImage(robot.capture(node).getImage(), out.resolve(name));
    }
}
