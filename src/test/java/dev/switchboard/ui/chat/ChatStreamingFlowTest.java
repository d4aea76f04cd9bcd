package dev.switchboard.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerLight;
import dev.switchboard.viewmodel.ExecutorBackgroundTasks;
import dev.switchboard.viewmodel.NotificationService;
import dev.switchboard.viewmodel.chat.ChatMemory;
import dev.switchboard.viewmodel.chat.ChatTestGateway;
import dev.switchboard.viewmodel.chat.ChatTurn;
import dev.switchboard.viewmodel.chat.ChatViewModel;
import dev.switchboard.viewmodel.chat.FrameExecutor;
import dev.switchboard.viewmodel.chat.KeyChoice;
import dev.switchboard.viewmodel.chat.TokenStreamServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
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

/**
 * The Chat page under real use, through the real embedded gateway to a scripted model server that streams
 * 1,024 tokens: Stop and Esc at any point, typing while tokens arrive, compare, New chat, kept tokens.
 */
@ExtendWith(ApplicationExtension.class)
class ChatStreamingFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int TOKENS = 1024;

    @TempDir
    static Path dir;
    private static ChatTestGateway gw;
    private static TokenStreamServer paced;
    private static TokenStreamServer fast;

    private ExecutorBackgroundTasks tasks;
    private ChatViewModel vm;
    private Parent root;
    private Stage stage;
    private final List<String> toasts = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startGateway() throws Exception {
        gw = new ChatTestGateway(dir);
        paced = new TokenStreamServer(TOKENS, 400);
        fast = new TokenStreamServer(TOKENS, 4000);
        gw.provider("my-workstation-vllm", paced.baseUrl(), "qwen2.5-coder-32b-instruct-q4_K_M");
        gw.provider("lab-llamacpp", fast.baseUrl(), "llama-3.1-8b-instruct-q8_0", "mistral-7b-instruct-v0.3");
        gw.keepAllowAllKey("everything");
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gw.close();
        paced.close();
        fast.close();
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        tasks = ExecutorBackgroundTasks.withDaemonThreads(Platform::runLater);
        vm = new ChatViewModel(() -> gw.admin, tasks, gw.kept, new ChatMemory(dir.resolve("console")), id -> { },
                Platform::runLater, new FrameExecutor());
        vm.setNotifications((NotificationService.Kind kind, String message) -> toasts.add(message));
        root = ChatPages.show(stage, vm, 1180, 760);
    }

    @AfterEach
    void stop() {
        vm.stop();
        tasks.close();
    }

    private void ready(FxRobot robot, String model) {
        await().atMost(WAIT).until(() -> !vm.keys().isEmpty() && !vm.models().isEmpty() && !vm.loadingModelsProperty().get());
        robot.interact(() -> vm.modelProperty().set(model));
    }

    private ChatTurn lastReply() {
        List<ChatTurn> turns = vm.primary().turns();
        return turns.isEmpty() ? null : turns.get(turns.size() - 1);
    }

    /** Saves the page at 1000×700 and 1180×760, light and dark, under target/screenshots/. */
    private void shoot(FxRobot robot, String name) throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            for (int[] size : new int[][] {{1000, 700}, {1180, 760}}) {
                robot.interact(() -> {
                    Application.setUserAgentStylesheet(dark ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
                            : new PrimerLight().getUserAgentStylesheet());
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                });
                WaitForAsyncUtils.waitForFxEvents();
                java.nio.file.Path out = java.nio.file.Path.of("target", "screenshots");
                java.nio.file.Files.createDirectories(out);
                org.testfx.api.FxService.serviceContext().getCaptureSupport().saveImage(robot.capture(root).getImage(),
                        out.resolve(name + "-" + size[0] + "x" + size[1] + "-" + (dark ? "dark" : "light") + ".png"));
            }
        }
        robot.interact(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            stage.setWidth(1180);
            stage.setHeight(760);
        });
    }

    private static int tokensIn(String text) {
        return text.isBlank() ? 0 : text.strip().split(" ").length;
    }

    @Test
    void stopAndEscAtTenFiftyAndNinetyPercentEndTheStreamAndTheModelServerHearsWithinASecond(FxRobot robot) throws Exception {
        ready(robot, "my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M");
        int round = 0;
        for (boolean esc : new boolean[] {false, true}) {
            for (int percent : new int[] {10, 50, 90}) {
                int before = paced.streams().size();
                int at = TOKENS * percent / 100;
                paced.pace(1000, at + 8, 10);
                String prompt = "Write a long story, round " + (++round);
                robot.interact(() -> vm.draftProperty().set(prompt));
                robot.clickOn("#draft").type(KeyCode.ENTER);
                await().atMost(WAIT).until(() -> paced.streams().size() == before + 1);
                TokenStreamServer.Stream stream = paced.streams().get(before);
                await().atMost(WAIT).alias("round " + round + ": " + vm.primary().turns() + ", written " + stream.written()).until(() -> lastReply() != null && lastReply().role() == ChatTurn.Role.ASSISTANT
                        && tokensIn(lastReply().text()) >= at);
                ChatTurn reply = lastReply();
                if (!esc) {
                    robot.moveTo("#stop");
                }
                long pressed = System.nanoTime();
                if (esc) {
                    robot.type(KeyCode.ESCAPE);
                } else {
                    robot.clickOn(javafx.scene.input.MouseButton.PRIMARY);
                }
                long hungUp = stream.awaitHangUp(5, TimeUnit.SECONDS);
                assertThat(hungUp).as("the model server saw the hang-up (%s at %d%%)", esc ? "Esc" : "Stop", percent)
                        .isPositive();
                System.out.printf("%s at %d%%: the model server saw the hang-up %d ms after the key or click%n",
                        esc ? "Esc" : "Stop", percent, (hungUp - pressed) / 1_000_000);
                assertThat(Duration.ofNanos(hungUp - pressed)).as("Stop to hang-up at %d%%", percent)
                        .isLessThan(Duration.ofSeconds(1));
                await().atMost(WAIT).until(() -> reply.state() == ChatTurn.State.STOPPED);
                WaitForAsyncUtils.waitForFxEvents();
                assertThat(stream.written()).isLessThan(TOKENS);
                assertThat(tokensIn(reply.text())).isGreaterThanOrEqualTo(at).isLessThan(TOKENS);
                assertThat(reply.text()).startsWith(TokenStreamServer.token(0) + TokenStreamServer.token(1));
                assertThat(reply.metricsLineProperty().get()).startsWith("stopped");
                assertThat(robot.lookup("#draft").query().isFocused()).as("focus stays in the composer").isTrue();
            }
        }
        assertThat(vm.primary().turns()).hasSize(12);
    }

    @Test
    void typingWhileTokensStreamLosesNoKeystroke(FxRobot robot) throws Exception {
        ready(robot, "my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M");
        paced.pace(200, 400, 10);
        robot.clickOn("#draft").write("Stream while I type");
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> lastReply() != null && tokensIn(lastReply().text()) > 20);
        String typed = "The quick brown fox jumps over the lazy dog, 0123456789.";
        int tokensBefore = tokensIn(lastReply().text());
        robot.write(typed);
        assertThat(tokensIn(lastReply().text())).as("tokens arrived while typing").isGreaterThan(tokensBefore + 20);
        assertThat(lastReply().state()).as("still streaming while typing").isEqualTo(ChatTurn.State.STREAMING);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#draft").queryTextInputControl().getText()).isEqualTo(typed);
        robot.type(KeyCode.ESCAPE);
        await().atMost(WAIT).until(() -> !vm.isBusy());
        assertThat(robot.lookup("#draft").queryTextInputControl().getText()).isEqualTo(typed);
    }

    @Test
    void compareGivesTwoEqualColumnsThatBothAnswerWithTheirMetrics(FxRobot robot) throws Exception {
        ready(robot, "lab-llamacpp:llama-3.1-8b-instruct-q8_0");
        robot.clickOn("#compare");
        robot.interact(() -> vm.compareModelProperty().set("lab-llamacpp:mistral-7b-instruct-v0.3"));
        robot.clickOn("#draft").write("Same question for both");
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> vm.secondary().turns().size() == 2 && !vm.isBusy());
        WaitForAsyncUtils.waitForFxEvents();
        SplitPane split = robot.lookup(".chat-page .split-pane").queryAs(SplitPane.class);
        double chatArea = ((javafx.scene.layout.Region) split.getItems().get(0)).getWidth();
        double a = robot.lookup("#conversation-a").queryAs(javafx.scene.layout.Region.class).getWidth();
        double b = robot.lookup("#conversation-b").queryAs(javafx.scene.layout.Region.class).getWidth();
        assertThat(a).as("column A of %s px", chatArea).isGreaterThanOrEqualTo(0.4 * chatArea);
        assertThat(b).as("column B of %s px", chatArea).isGreaterThanOrEqualTo(0.4 * chatArea);
        ChatTurn ra = vm.primary().turns().get(1);
        ChatTurn rb = vm.secondary().turns().get(1);
        assertThat(ra.state()).isEqualTo(ChatTurn.State.DONE);
        assertThat(rb.state()).isEqualTo(ChatTurn.State.DONE);
        assertThat(tokensIn(ra.text())).isEqualTo(TOKENS);
        assertThat(ra.metricsLineProperty().get()).contains("tok/s", "lab-llamacpp:llama-3.1-8b-instruct-q8_0");
        assertThat(rb.metricsLineProperty().get()).contains("tok/s", "lab-llamacpp:mistral-7b-instruct-v0.3");
        for (String column : new String[] {"#conversation-a", "#conversation-b"}) {
            String heading = robot.lookup(column + " .chat-column-metrics").queryAs(dev.switchboard.ui.SegmentedLabel.class).getText();
            String under = robot.lookup(column + " .chat-bubble.assistant .chat-reply-metrics")
                    .queryAs(dev.switchboard.ui.SegmentedLabel.class).getText();
            assertThat(heading).as("%s's heading: the timings, side by side with the other column's", column)
                    .contains("first token", "tok/s", "total", "in / " + TOKENS + " out").doesNotContain("rq_");
            assertThat(under).as("%s's reply: what the heading leaves out, once", column)
                    .contains("1 attempt", "rq_").doesNotContain("first token", "tok/s", "total", " out", "lab-llamacpp:");
        }
        robot.clickOn(robot.lookup("#conversation-b .chat-bubble.assistant").queryAs(javafx.scene.Node.class));
        assertThat(vm.inspectedProperty().get()).isSameAs(rb);
        assertThat(robot.lookup("#inspector-request").queryTextInputControl().getText())
                .contains("\"model\" : \"lab-llamacpp:mistral-7b-instruct-v0.3\"");
        robot.clickOn("#copy-curl");
        assertThat(toasts).anyMatch(t -> t.startsWith("Copied the curl command"));
        shoot(robot, "chat-compare");
        robot.clickOn("#tab-response .tab-label");
        shoot(robot, "chat-inspector");
    }

    @Test
    void newChatOnAConversationCanBeUndoneAndAKeptTokenShowsAtOnce(FxRobot robot) throws Exception {
        ready(robot, "lab-llamacpp:llama-3.1-8b-instruct-q8_0");
        robot.clickOn("#draft").write("Hello");
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> vm.primary().turns().size() == 2 && !vm.isBusy());
        robot.clickOn("#new-chat");
        assertThat(vm.primary().turns()).isEmpty();
        assertThat(robot.lookup("#undo-new-chat").query().isVisible()).isTrue();
        robot.clickOn("#undo-new-chat");
        assertThat(vm.primary().turns()).hasSize(2);
        assertThat(vm.primary().turns().get(0).text()).isEqualTo("Hello");
        assertThat(robot.lookup("#draft").query().isFocused()).isTrue();
        robot.interact(() -> vm.draftProperty().set("A draft that is still being written"));
        shoot(robot, "chat-single");

        Thread keeper = new Thread(() -> gw.keepAllowAllKey("kept-just-now"));
        keeper.start();
        keeper.join();
        await().atMost(Duration.ofSeconds(2)).until(() -> vm.keys().stream().map(KeyChoice::shortLabel)
                .anyMatch("kept-just-now"::equals));
    }

    @Test
    void theInspectorDividerStaysWhereItWasDraggedWhenHiddenAndShownAndAfterARestart(FxRobot robot) throws Exception {
        Path memoryFolder = dir.resolve("divider");
        ExecutorBackgroundTasks ownTasks = ExecutorBackgroundTasks.withDaemonThreads(Platform::runLater);
        try {
            ChatViewModel first = new ChatViewModel(() -> gw.admin, ownTasks, gw.kept, new ChatMemory(memoryFolder), id -> { },
                    Platform::runLater, new FrameExecutor());
            showPage(robot, first);
            SplitPane split = robot.from(stage.getScene().getRoot()).lookup(".split-pane").queryAs(SplitPane.class);
            double before = split.getDividerPositions()[0];
            javafx.scene.Node divider = robot.from(split).lookup(".split-pane-divider").query();
            robot.drag(divider, javafx.scene.input.MouseButton.PRIMARY).moveBy(-150, 0).drop();
            WaitForAsyncUtils.waitForFxEvents();
            double dragged = split.getDividerPositions()[0];
            assertThat(dragged).as("the divider moved left").isLessThan(before - 0.05);
            await().atMost(WAIT).until(() -> java.nio.file.Files.exists(memoryFolder.resolve(ChatMemory.FILE_NAME))
                    && java.nio.file.Files.readString(memoryFolder.resolve(ChatMemory.FILE_NAME)).contains("inspectorDivider"));

            javafx.scene.Node toggle = robot.lookup("#inspector-toggle").query();
            javafx.geometry.Bounds shown = toggle.localToScreen(toggle.getBoundsInLocal());
            robot.clickOn("#inspector-toggle");
            assertThat(split.getItems()).hasSize(1);
            robot.interact(() -> stage.getScene().getRoot().layout());
            javafx.geometry.Bounds hidden = toggle.localToScreen(toggle.getBoundsInLocal());
            assertThat(hidden.getMinX()).as("the toggle stays under the pointer").isEqualTo(shown.getMinX());
            assertThat(hidden.getMinY()).isEqualTo(shown.getMinY());
            robot.clickOn("#inspector-toggle");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(split.getItems()).hasSize(2);
            assertThat(split.getDividerPositions()[0]).isCloseTo(dragged, org.assertj.core.data.Offset.offset(0.01));

            ChatViewModel restarted = new ChatViewModel(() -> gw.admin, ownTasks, gw.kept, new ChatMemory(memoryFolder),
                    id -> { }, Platform::runLater, new FrameExecutor());
            showPage(robot, restarted);
            SplitPane again = robot.from(stage.getScene().getRoot()).lookup(".split-pane").queryAs(SplitPane.class);
            await().atMost(WAIT).untilAsserted(() -> assertThat(again.getDividerPositions()[0])
                    .isCloseTo(dragged, org.assertj.core.data.Offset.offset(0.01)));
        } finally {
            ownTasks.close();
        }
    }

    private void showPage(FxRobot robot, ChatViewModel page) {
        robot.interact(() -> {
            try {
                ChatPages.show(stage, page, 1180, 760);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
