package dev.switchboard.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testing.ModelServers;
import dev.switchboard.viewmodel.ExecutorBackgroundTasks;
import dev.switchboard.viewmodel.chat.ChatTestGateway;
import dev.switchboard.viewmodel.chat.ChatTurn;
import dev.switchboard.viewmodel.chat.ChatViewModel;
import dev.switchboard.viewmodel.chat.KeyChoice;
import dev.switchboard.viewmodel.chat.ModelEntry;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxService;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Chat page through the real embedded gateway to a scripted model server, headless. */
@ExtendWith(ApplicationExtension.class)
class ChatViewFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private ChatTestGateway gw;
    private MockWebServer model;
    private ExecutorBackgroundTasks tasks;
    private ChatViewModel vm;
    private Parent root;
    private final List<String> navigated = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        model = ModelServers.mockWebServer();
        model.start(InetAddress.getLoopbackAddress(), 0);
        gw = new ChatTestGateway(dir);
        gw.provider("local", "http://127.0.0.1:" + model.getPort(), "fast", "slow");
        gw.provider("other", "http://127.0.0.1:" + model.getPort(), "big");
        gw.keepAllowAllKey("everything");
        gw.keepLimitedKey("only-fast", "local", "fast");
        tasks = ExecutorBackgroundTasks.withDaemonThreads(Platform::runLater);
        vm = new ChatViewModel(() -> gw.admin, tasks, gw.kept, navigated::add, Platform::runLater);

        root = ChatPages.show(stage, vm, 1280, 820);
    }

    @AfterEach
    void stop() {
        vm.stop();
        tasks.close();
        gw.close();
        model.close();
    }

    private void pickKey(FxRobot robot, String name) {
        await().atMost(WAIT).until(() -> vm.keys().stream().anyMatch(k -> k.label().startsWith(name)));
        KeyChoice k = vm.keys().stream().filter(c -> c.label().startsWith(name)).findFirst().orElseThrow();
        robot.interact(() -> robot.lookup("#key-picker").<javafx.scene.control.ComboBox<KeyChoice>>query().setValue(k));
        await().atMost(WAIT).until(() -> !vm.loadingModelsProperty().get() && !vm.models().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ChatTurn lastTurn() {
        List<ChatTurn> turns = vm.primary().turns();
        return turns.isEmpty() ? null : turns.get(turns.size() - 1);
    }

    private static void screenshot(FxRobot robot, Node node, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Path out = Path.of("target", "screenshots");
        Files.createDirectories(out);
        FxService.serviceContext().getCaptureSupport().saveImage(robot.capture(node).getImage(), out.resolve(name));
    }

    @Test
    void theModelListShowsOnlyTheKeysModelsAndClickingOnePicksIt(FxRobot robot) {
        pickKey(robot, "everything");
        ListView<ModelEntry> list = robot.lookup("#model-list").queryListView();
        assertThat(list.getItems()).extracting(ModelEntry::id).containsExactly("local", "local:fast", "local:slow", "other", "other:big");
        pickKey(robot, "only-fast");
        await().atMost(WAIT).until(() -> list.getItems().size() == 2);
        assertThat(list.getItems()).extracting(ModelEntry::id).containsExactly("local", "local:fast");
        robot.clickOn("fast");
        assertThat(robot.lookup("#model-field").queryTextInputControl().getText()).isEqualTo("local:fast");
        robot.clickOn("#model-filter").write("nothing-like-this");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(list.getItems()).isEmpty();
    }

    @Test
    void aLongStreamedReplyAppearsIncrementallyAndCompletesWithMetrics(FxRobot robot) throws Exception {
        pickKey(robot, "everything");
        List<String> words = ChatTestGateway.longReply();
        model.enqueue(ChatTestGateway.sse(ChatTestGateway.chatStream(words, 42), 256, 40));
        robot.interact(() -> vm.modelProperty().set("local:fast"));
        robot.clickOn("#draft").write("Show me some Java");
        robot.press(KeyCode.SHIFT, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.SHIFT);
        robot.write("and explain the metrics.");
        robot.type(KeyCode.ENTER);

        await().atMost(WAIT).until(() -> lastTurn() != null && lastTurn().role() == ChatTurn.Role.ASSISTANT
                && !lastTurn().text().isEmpty() && lastTurn().state() == ChatTurn.State.STREAMING);
        ChatTurn reply = lastTurn();
        int partial = reply.text().length();
        assertThat(vm.primary().turns().get(0).text()).isEqualTo("Show me some Java\nand explain the metrics.");
        assertThat(robot.lookup("#stop").queryButton().isDisabled()).isFalse();
        await().atMost(WAIT).until(() -> reply.state() == ChatTurn.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(partial).isLessThan(reply.text().length());
        assertThat(reply.text()).isEqualTo(String.join("", words));
        assertThat(reply.flushes()).as("text arrived in several batches").isGreaterThan(1)
                .isLessThanOrEqualTo(words.size());
        assertThat(robot.lookup(".chat-code-text").queryAs(javafx.scene.text.Text.class).getText()).contains("return a + b;");
        dev.switchboard.ui.SegmentedLabel metrics = robot.lookup(".chat-bubble .chat-reply-metrics")
                .queryAs(dev.switchboard.ui.SegmentedLabel.class);
        assertThat(metrics.getText()).contains("1 attempt", "rq_");
        assertThat(robot.lookup("#conversation-a .chat-column-metrics").queryAs(dev.switchboard.ui.SegmentedLabel.class)
                .getText()).contains("first token", "tok/s", "42 in / " + words.size() + " out");
        assertThat(robot.lookup("#inspector-request").queryTextInputControl().getText()).contains("\"stream\" : true");
        assertThat(robot.lookup("#inspector-response").queryTextInputControl().getText()).contains("data: [DONE]");
        screenshot(robot, root, "chat-long-stream.png");
    }

    @Test
    void aDragFromTheFirstParagraphIntoTheLastSelectsAcrossThemAndCtrlCCopiesPlainText(FxRobot robot) throws Exception {
        pickKey(robot, "everything");
        model.enqueue(ChatTestGateway.sse(ChatTestGateway.chatStream(ChatTestGateway.longReply(), 42), 0, 0));
        robot.interact(() -> vm.modelProperty().set("local:fast"));
        robot.clickOn("#draft").write("Explain the metrics").type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> lastTurn() != null && lastTurn().state() == ChatTurn.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        List<ReplyText> prose = robot.lookup(".chat-bubble.assistant .chat-text").queryAllAs(ReplyText.class).stream()
                .sorted(java.util.Comparator.comparingDouble(t -> t.localToScene(0, 0).getY())).toList();
        assertThat(prose).hasSize(2);
        ReplyText first = prose.get(0);
        ReplyText last = prose.get(1);
        int end = last.getText().indexOf("metrics");

        robot.moveTo(pointAt(first, 0)).press(javafx.scene.input.MouseButton.PRIMARY)
                .moveTo(pointAt(last, 3)).moveTo(pointAt(last, end)).release(javafx.scene.input.MouseButton.PRIMARY);
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(copied).isEqualTo(first.getText() + "\n\npublic static int add(int a, int b) {\n    return a + b;\n}\n\nThe ");
        assertThat(robot.lookup(".chat-copy-code").queryButton().isVisible()).as("the code block keeps its Copy button").isTrue();
    }

    /** The screen point at the leading edge of character {@code index} of {@code text}, mid-line. */
    private static javafx.geometry.Point2D pointAt(ReplyText text, int index) {
        javafx.scene.shape.PathElement[] r = text.rangeShape(index, index + 1);
        javafx.scene.shape.MoveTo corner = (javafx.scene.shape.MoveTo) r[0];
        double bottom = ((javafx.scene.shape.LineTo) r[2]).getY();
        return text.localToScreen(corner.getX() + 1, (corner.getY() + bottom) / 2);
    }

    @Test
    void aModelTheKeyMayNotCallShowsThe3803ExplanationWithALinkToAccessKeys(FxRobot robot) throws Exception {
        pickKey(robot, "only-fast");
        robot.clickOn("#model-field").eraseText(robot.lookup("#model-field").queryTextInputControl().getText().length())
                .write("local:slow");
        robot.clickOn("#draft").write("Am I allowed?");
        robot.clickOn("#send");
        await().atMost(WAIT).until(() -> lastTurn() != null && lastTurn().role() == ChatTurn.Role.ERROR);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.text.Text text = robot.lookup(".chat-bubble.error .chat-text").queryAs(javafx.scene.text.Text.class);
        assertThat(text.getText()).contains("does not allow local:slow", "ERR_NGROK_3803");
        assertThat(robot.lookup("#draft").queryTextInputControl().getText()).isEqualTo("Am I allowed?");
        screenshot(robot, root, "chat-3803.png");
        robot.clickOn("#open-access-keys");
        assertThat(navigated).containsExactly("access-keys");
    }
}
