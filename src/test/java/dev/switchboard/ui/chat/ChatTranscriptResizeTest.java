package dev.switchboard.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testing.ModelServers;
import dev.switchboard.viewmodel.ExecutorBackgroundTasks;
import dev.switchboard.viewmodel.chat.ChatMemory;
import dev.switchboard.viewmodel.chat.ChatTestGateway;
import dev.switchboard.viewmodel.chat.ChatTurn;
import dev.switchboard.viewmodel.chat.ChatViewModel;
import dev.switchboard.viewmodel.chat.FrameExecutor;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.skin.VirtualFlow;
import javafx.stage.Stage;
import mockwebserver3.MockWebServer;
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

/**
 * The transcript after the window narrows (1600×1000 to 1000×700): the wrapped reply grows taller, and the end of
 * the last reply, down to its metrics line, stays inside the transcript's viewport, for a finished reply and for
 * one still streaming in.
 */
@ExtendWith(ApplicationExtension.class)
class ChatTranscriptResizeTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MODEL = "my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M";

    @TempDir
    static Path dir;
    private static ChatTestGateway gw;
    private static MockWebServer vllm;

    private Stage stage;
    private ExecutorBackgroundTasks tasks;
    private ChatViewModel vm;

    @BeforeAll
    static void startGateway() throws Exception {
        vllm = ModelServers.mockWebServer();
        vllm.start(InetAddress.getLoopbackAddress(), 0);
        gw = new ChatTestGateway(dir);
        gw.provider("my-workstation-vllm", "http://127.0.0.1:" + vllm.getPort(), "qwen2.5-coder-32b-instruct-q4_K_M");
        gw.keepAllowAllKey("everything");
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gw.close();
        vllm.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        tasks = ExecutorBackgroundTasks.withDaemonThreads(Platform::runLater);
        vm = new ChatViewModel(() -> gw.admin, tasks, gw.kept, new ChatMemory(dir.resolve("console-" + System.nanoTime())),
                id -> { }, Platform::runLater, new FrameExecutor());
        ChatPages.show(stage, vm, 1600, 1000);
    }

    @AfterEach
    void stop(FxRobot robot) {
        vm.stop();
        tasks.close();
        robot.interact(() -> {
            stage.setWidth(1180);
            stage.setHeight(760);
        });
    }

    @Test
    void theEndOfAFinishedReplyStaysInViewAfterTheWindowNarrows(FxRobot robot) {
        ready();
        ask(robot, "A short question first", ChatTestGateway.sse(ChatTestGateway.chatStream(words("Sure, ask away."), 9), 0, 0));
        ask(robot, "Explain the gateway's failover in detail", ChatTestGateway.sse(ChatTestGateway.chatStream(longReply(), 42), 0, 0));
        await().atMost(WAIT).until(() -> !vm.isBusy() && lastReply().state() == ChatTurn.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEndInView("at 1600×1000");

        resize(robot, 1000, 700);
        assertEndInView("after narrowing to 1000×700");
        javafx.geometry.VerticalDirection up = wheelTowardsTheStart(robot);
        assertThat(onFx(() -> robot.lookup("#conversation-a .chat-transcript").queryAs(TranscriptView.class).following()))
                .as("scrolled up to read: the transcript stops following").isFalse();
        resize(robot, 1180, 760);
        robot.scroll(20, up == javafx.geometry.VerticalDirection.UP ? javafx.geometry.VerticalDirection.DOWN
                : javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertEndInView("scrolled back down to the end with the wheel after a resize");
        resize(robot, 1600, 1000);
        assertEndInView("after widening to 1600×1000 again");
    }

    @Test
    void theEndOfAStreamingReplyStaysInViewWhileAndAfterTheWindowNarrows(FxRobot robot) {
        ready();
        List<String> words = longReply();
        ask(robot, "Explain the gateway's failover in detail", ChatTestGateway.sse(ChatTestGateway.chatStream(words, 42), 1024, 40));
        await().atMost(WAIT).until(() -> lastReply().role() == ChatTurn.Role.ASSISTANT && lastReply().text().length() > 300);
        resize(robot, 1000, 700);
        ChatTurn reply = lastReply();
        int seen = reply.text().length();
        await().atMost(WAIT).until(() -> reply.text().length() > seen + 600);
        assertThat(reply.state()).as("still streaming").isEqualTo(ChatTurn.State.STREAMING);
        WaitForAsyncUtils.waitForFxEvents();
        assertEndInView("while streaming at 1000×700");
        await().atMost(WAIT).until(() -> reply.state() == ChatTurn.State.DONE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEndInView("when the streamed reply finished at 1000×700");
    }

    private double position() {
        return onFx(() -> ((VirtualFlow<?>) stage.getScene().lookup("#conversation-a .chat-transcript .virtual-flow")).getPosition());
    }

    /** Turns the wheel over the transcript toward its start; returns the direction that did (robots differ on it). */
    private javafx.geometry.VerticalDirection wheelTowardsTheStart(FxRobot robot) {
        double before = position();
        robot.moveTo("#conversation-a .chat-transcript").scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        if (position() < before) {
            return javafx.geometry.VerticalDirection.UP;
        }
        robot.scroll(12, javafx.geometry.VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(position()).as("the wheel moved the transcript toward its start").isLessThan(before);
        return javafx.geometry.VerticalDirection.DOWN;
    }

    private void ready() {
        await().atMost(WAIT).until(() -> !vm.keys().isEmpty() && !vm.models().isEmpty() && !vm.loadingModelsProperty().get());
    }

    private void ask(FxRobot robot, String prompt, mockwebserver3.MockResponse reply) {
        vllm.enqueue(reply);
        int before = vm.primary().turns().size();
        robot.interact(() -> {
            vm.modelProperty().set(MODEL);
            vm.draftProperty().set(prompt);
            vm.send();
        });
        await().atMost(WAIT).until(() -> vm.primary().turns().size() == before + 2);
    }

    private ChatTurn lastReply() {
        List<ChatTurn> turns = vm.primary().turns();
        return turns.get(turns.size() - 1);
    }

    private void resize(FxRobot robot, int width, int height) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        await().atMost(WAIT).until(() -> stage.getScene().getWidth() == width);
        // a few pulses: the relayout after a width change may take more than one
        for (int i = 0; i < 5; i++) {
            WaitForAsyncUtils.sleep(20, java.util.concurrent.TimeUnit.MILLISECONDS);
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** The last reply's cell is shown, and the bottom of everything in it lies inside the transcript's viewport. */
    private void assertEndInView(String when) {
        String problem = onFx(() -> {
            Node list = stage.getScene().lookup("#conversation-a .chat-transcript");
            VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
            IndexedCell<?> last = flow.getLastVisibleCell();
            int lastIndex = vm.primary().turns().size() - 1;
            if (last == null || last.getIndex() != lastIndex) {
                return "the last reply's cell is not shown (last shown: " + (last == null ? "none" : last.getIndex()) + ")";
            }
            Node clip = flow.lookup(".clipped-container");
            Bounds viewport = clip.localToScene(clip.getLayoutBounds());
            Bounds content = last.localToScene(last.getBoundsInLocal());
            Bounds cell = last.localToScene(last.getLayoutBounds());
            if (content.getMaxY() > viewport.getMaxY() + 1) {
                StringBuilder cells = new StringBuilder(", cells:");
                for (javafx.scene.Node n : last.getParent().getChildrenUnmodifiable()) {
                    if (n instanceof IndexedCell<?> c && c.isVisible()) {
                        cells.append(" [").append(c.getIndex()).append(" y=").append(c.getLayoutY()).append(" h=")
                                .append(c.getHeight()).append("]");
                    }
                }
                return "the reply ends at y=" + content.getMaxY() + " (cell ends at " + cell.getMaxY()
                        + "), below the viewport's bottom at y=" + viewport.getMaxY() + cells;
            }
            if (content.getMaxY() > cell.getMaxY() + 1) {
                return "the reply's content (to y=" + content.getMaxY() + ") spills out of its cell (to y=" + cell.getMaxY() + ")";
            }
            return "";
        });
        assertThat(problem).as(when).isEmpty();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split("(?<= )")) {
            out.add(part);
        }
        return out;
    }

    /** Six paragraphs and a code block: a reply much taller than the transcript at 1000×700. */
    private static List<String> longReply() {
        String paragraph = "When a provider key fails with a timeout, a 429 or a 5xx before the first byte reaches the client, "
                + "the gateway tries the next key of the same provider, then the next fallback model, and records each "
                + "attempt with its status and latency so that the request log shows exactly what happened and why. ";
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            text.append("Step ").append(i).append(". ").append(paragraph).append(paragraph).append("\n\n");
            if (i == 3) {
                text.append("```java\nfor (Candidate c : candidates) {\n    Response r = c.send(request);\n"
                        + "    if (!r.retryable()) return r;\n}\n```\n\n");
            }
        }
        text.append("That is the whole loop: the last paragraph ends here.");
        return words(text.toString());
    }
}
