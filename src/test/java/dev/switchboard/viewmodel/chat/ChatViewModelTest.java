package dev.switchboard.viewmodel.chat;

import dev.switchboard.client.ScriptedServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ChatMessage;
import dev.switchboard.api.Json;
import dev.switchboard.api.ModelInfo;
import dev.switchboard.api.TokenUsage;
import dev.switchboard.client.Surface;
import dev.switchboard.testing.ModelServers;
import dev.switchboard.viewmodel.BackgroundTasks;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Chat view-model against the real embedded gateway, with MockWebServer as the model server. No FX toolkit. */
class ChatViewModelTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    private static ChatTestGateway gw;
    private static MockWebServer model;
    private static String allowAll;
    private static String limited;

    private final List<String> navigated = new ArrayList<>();
    private ChatViewModel vm;

    @BeforeAll
    static void startGateway() throws Exception {
        model = ModelServers.mockWebServer();
        model.start(InetAddress.getLoopbackAddress(), 0);
        gw = new ChatTestGateway(dir);
        gw.provider("local", "http://127.0.0.1:" + model.getPort(), "fast", "slow");
        gw.provider("dead", "http://127.0.0.1:9", "gone");
        allowAll = gw.keepAllowAllKey("everything");
        limited = gw.keepLimitedKey("only-fast", "local", "fast");
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
        model.close();
    }

    @BeforeEach
    void newViewModel() {
        vm = new ChatViewModel(() -> gw.admin, BackgroundTasks.direct(), gw.kept, navigated::add, Runnable::run);
        vm.refresh();
    }

    @AfterEach
    void drain() throws Exception {
        vm.stop();
        while (model.takeRequest(50, TimeUnit.MILLISECONDS) != null) {
            // forget requests this test did not read
        }
    }

    private void pick(String keyName) {
        vm.keyProperty().set(vm.keys().stream().filter(k -> k.label().startsWith(keyName)).findFirst().orElseThrow());
    }

    private ChatTurn lastTurn(ChatColumn column) {
        return column.turns().get(column.turns().size() - 1);
    }

    private static JsonNode body(RecordedRequest r) throws Exception {
        return Json.mapper().readTree(r.getBody().utf8());
    }

    @Test
    void eachSurfaceGetsTheRequestInItsOwnShape() {
        List<ChatMessage> conv = List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello"), ChatMessage.user("Again"));
        ObjectNode chat = ChatViewModel.buildBody(Surface.CHAT_COMPLETIONS, "p:m", "Be brief", conv, 0.2, 64, true);
        assertThat(chat.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(chat.path("messages")).hasSize(4);
        assertThat(chat.path("max_tokens").asInt()).isEqualTo(64);
        assertThat(chat.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(chat.path("stream_options").path("include_usage").asBoolean()).isTrue();

        ObjectNode responses = ChatViewModel.buildBody(Surface.RESPONSES, "p:m", "Be brief", conv, null, 64, false);
        assertThat(responses.path("instructions").asText()).isEqualTo("Be brief");
        assertThat(responses.path("input")).hasSize(3);
        assertThat(responses.path("max_output_tokens").asInt()).isEqualTo(64);
        assertThat(responses.has("messages")).isFalse();
        assertThat(responses.has("temperature")).isFalse();

        ObjectNode messages = ChatViewModel.buildBody(Surface.MESSAGES, "p:m", "Be brief", conv, null, null, true);
        assertThat(messages.path("system").asText()).as("system is top-level").isEqualTo("Be brief");
        assertThat(messages.path("messages")).hasSize(3);
        assertThat(messages.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(messages.path("max_tokens").asInt()).as("Messages requires max_tokens").isPositive();
        assertThat(messages.path("stream").asBoolean()).isTrue();

        ObjectNode noSystem = ChatViewModel.buildBody(Surface.MESSAGES, "p:m", "  ", conv, null, 10, false);
        assertThat(noSystem.has("system")).isFalse();
    }

    @Test
    void streamedTextIsHandedToTheUiInBatchesNotPerDelta() {
        List<Runnable> queued = new ArrayList<>();
        StringBuilder shown = new StringBuilder();
        List<String> batches = new ArrayList<>();
        FrameBuffer buffer = new FrameBuffer(queued::add, s -> {
            batches.add(s);
            shown.append(s);
        });
        for (int i = 0; i < 500; i++) {
            buffer.add("w" + i + " ");
        }
        assertThat(queued).as("one flush queued however many deltas arrive before the frame").hasSize(1);
        queued.remove(0).run();
        assertThat(batches).hasSize(1);
        buffer.add("more");
        buffer.add(" text");
        assertThat(queued).hasSize(1);
        queued.remove(0).run();
        assertThat(batches).containsExactly(batches.get(0), "more text");
        assertThat(shown.toString()).startsWith("w0 w1 ").endsWith("w499 more text");
    }

    @Test
    void replyMetricsGiveTokensPerSecondFromTheFirstTokenAndASummaryLine() {
        ReplyMetrics m = new ReplyMetrics(Duration.ofMillis(200), Duration.ofMillis(2200), new TokenUsage(12, 100),
                "rq_abc", 2, "local:fast");
        assertThat(m.tokensPerSecond()).isEqualTo(50.0);
        assertThat(m.summary()).contains("first token 200 ms", "50.0 tok/s", "total 2.20 s", "12 in / 100 out",
                "rq_abc", "2 attempts", "local:fast");
        ReplyMetrics whole = new ReplyMetrics(null, Duration.ofSeconds(2), new TokenUsage(1, 10), null, 1, null);
        assertThat(whole.tokensPerSecond()).isEqualTo(5.0);
        assertThat(new ReplyMetrics(null, Duration.ofSeconds(1), null, null, 0, null).tokensPerSecond()).isNull();
    }

    @Test
    void theModelListIsExactlyWhatThePickedKeyMayCallGroupedAndSearchable() {
        pick("everything");
        assertThat(vm.models()).extracting(ModelInfo::id).contains("local:fast", "local:slow", "dead:gone");
        assertThat(vm.modelEntries()).filteredOn(ModelEntry::header).extracting(ModelEntry::provider)
                .containsExactly("dead", "local");
        vm.modelFilterProperty().set("slo");
        assertThat(vm.modelEntries()).extracting(ModelEntry::id).containsExactly("local", "local:slow");

        pick("only-fast");
        vm.modelFilterProperty().set("");
        assertThat(vm.models()).extracting(ModelInfo::id).containsExactly("local:fast");
    }

    @Test
    void aStreamedReplyAccumulatesAndCarriesMetricsAndTrace() throws Exception {
        pick("everything");
        model.enqueue(ChatTestGateway.sse(ChatTestGateway.chatStream(List.of("Hel", "lo ", "there"), 7), 0, 0));
        vm.modelProperty().set("local:fast");
        vm.systemPromptProperty().set("Be brief");
        vm.draftProperty().set("Say hello");
        assertThat(vm.send()).isTrue();
        assertThat(vm.draftProperty().get()).isEmpty();

        ChatTurn reply = lastTurn(vm.primary());
        await().atMost(WAIT).until(() -> reply.state() == ChatTurn.State.DONE);
        assertThat(reply.text()).isEqualTo("Hello there");
        ReplyMetrics m = reply.metricsProperty().get();
        assertThat(m.usage()).isEqualTo(new TokenUsage(7, 3));
        assertThat(m.requestId()).startsWith("rq_");
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.model()).isEqualTo("local:fast");
        assertThat(m.timeToFirstToken()).isNotNull();
        assertThat(reply.metricsLineProperty().get()).contains("first token", "7 in / 3 out", "local:fast");
        assertThat(reply.responseTextProperty().get()).contains("data: [DONE]");
        assertThat(reply.requestJsonProperty().get()).contains("\"system\"", "Say hello").doesNotContain(allowAll);

        JsonNode sent = body(model.takeRequest(5, TimeUnit.SECONDS));
        assertThat(sent.path("model").asText()).isEqualTo("fast");
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(vm.isBusy()).isFalse();
    }

    @Test
    void messagesAndResponsesSurfacesStreamThroughTheGatewayToo() throws Exception {
        pick("everything");
        vm.modelProperty().set("local:fast");
        vm.systemPromptProperty().set("Be brief");
        for (Surface s : List.of(Surface.MESSAGES, Surface.RESPONSES)) {
            model.enqueue(ChatTestGateway.sse(ChatTestGateway.chatStream(List.of("Via ", s.name()), 5), 0, 0));
            vm.surfaceProperty().set(s);
            vm.draftProperty().set("Hi over " + s);
            vm.send();
            ChatTurn reply = lastTurn(vm.primary());
            await().atMost(WAIT).until(() -> !vm.isBusy());
            assertThat(reply.state()).as(s.name()).isEqualTo(ChatTurn.State.DONE);
            assertThat(reply.text()).isEqualTo("Via " + s.name());
            assertThat(reply.metricsProperty().get().model()).isEqualTo("local:fast");
            assertThat(reply.requestJsonProperty().get()).contains(s == Surface.MESSAGES ? "\"system\" : \"Be brief\"" : "\"instructions\"");
            model.takeRequest(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondMessageSendsTheWholeConversation() throws Exception {
        pick("everything");
        vm.modelProperty().set("local:fast");
        vm.streamingProperty().set(false);
        model.enqueue(ChatTestGateway.json(completion("First answer")));
        vm.draftProperty().set("First question");
        vm.send();
        await().atMost(WAIT).until(() -> lastTurn(vm.primary()).state() == ChatTurn.State.DONE);
        assertThat(lastTurn(vm.primary()).text()).isEqualTo("First answer");
        assertThat(lastTurn(vm.primary()).metricsLineProperty().get()).contains("2 in / 3 out");
        model.takeRequest(5, TimeUnit.SECONDS);

        model.enqueue(ChatTestGateway.json(completion("Second answer")));
        vm.draftProperty().set("Second question");
        vm.send();
        await().atMost(WAIT).until(() -> lastTurn(vm.primary()).state() == ChatTurn.State.DONE);
        JsonNode sent = body(model.takeRequest(5, TimeUnit.SECONDS));
        assertThat(sent.path("messages")).extracting(n -> n.path("content").asText())
                .containsExactly("First question", "First answer", "Second question");
        assertThat(sent.has("stream")).isFalse();

        vm.newChat();
        assertThat(vm.primary().turns()).isEmpty();
        assertThat(vm.primary().history()).isEmpty();
    }

    @Test
    void stopCancelsTheStreamAndTheGatewayHangsUpOnTheModelServer() throws Exception {
        pick("everything");
        try (ScriptedServer upstream = new ScriptedServer((socket, out, self) -> {
            ScriptedServer.writeSseHead(out);
            ScriptedServer.writeChunk(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"One\"}}]}\n\n");
            self.writeUntilClientCloses(out, 100);
        })) {
            gw.provider("hanging", upstream.baseUrl(), "m");
            vm.refresh();
            vm.modelProperty().set("hanging:m");
            vm.draftProperty().set("Go on forever");
            vm.send();
            ChatTurn reply = lastTurn(vm.primary());
            await().atMost(WAIT).until(() -> reply.text().equals("One"));
            assertThat(vm.isBusy()).isTrue();
            vm.stop();
            await().atMost(WAIT).until(() -> reply.state() == ChatTurn.State.STOPPED);
            assertThat(vm.isBusy()).isFalse();
            assertThat(reply.text()).isEqualTo("One");
            assertThat(reply.metricsLineProperty().get()).startsWith("stopped");
            assertThat(upstream.clientClosed(10, TimeUnit.SECONDS))
                    .as("the model server saw its connection closed").isTrue();
        }
    }

    @Test
    void refusalsAreExplainedInWordsAndTheTypedMessageComesBack() {
        pick("only-fast");
        vm.modelProperty().set("local:slow");
        vm.draftProperty().set("Is slow allowed?");
        vm.send();
        await().atMost(WAIT).until(() -> !vm.isBusy() && lastTurn(vm.primary()).role() == ChatTurn.Role.ERROR);
        ChatTurn error = lastTurn(vm.primary());
        assertThat(error.errorKind()).isEqualTo(ChatErrors.Kind.NOT_ALLOWED);
        assertThat(error.text()).contains("does not allow local:slow", "Access keys", "ERR_NGROK_3803");
        assertThat(vm.draftProperty().get()).as("nothing typed is lost").isEqualTo("Is slow allowed?");
        assertThat(vm.primary().history()).as("a refused turn is not history").isEmpty();
        vm.openAccessKeys();
        assertThat(navigated).containsExactly("access-keys");
    }

    @Test
    void aWrongTokenAndADeadProviderAreExplained() {
        vm.pastedTokenProperty().set("  not-a-real-token  ");
        vm.usePastedToken();
        assertThat(vm.keyProperty().get().sessionOnly()).isTrue();
        assertThat(vm.statusProperty().get()).contains("did not accept this access key");
        vm.modelProperty().set("local:fast");
        vm.draftProperty().set("Who am I?");
        vm.send();
        await().atMost(WAIT).until(() -> !vm.isBusy() && lastTurn(vm.primary()).role() == ChatTurn.Role.ERROR);
        assertThat(lastTurn(vm.primary()).errorKind()).isEqualTo(ChatErrors.Kind.UNAUTHORIZED);
        assertThat(lastTurn(vm.primary()).text()).contains("wrong", "revoked").doesNotContain("not-a-real-token");

        pick("everything");
        vm.modelProperty().set("dead:gone");
        vm.draftProperty().set("Anyone there?");
        vm.send();
        await().atMost(WAIT).until(() -> !vm.isBusy() && lastTurn(vm.primary()).role() == ChatTurn.Role.ERROR);
        ChatTurn error = lastTurn(vm.primary());
        assertThat(error.errorKind()).isEqualTo(ChatErrors.Kind.UPSTREAM);
        assertThat(error.text()).contains("provider did not answer", "http://127.0.0.1:9");
        assertThat(vm.draftProperty().get()).isEqualTo("Anyone there?");
    }

    @Test
    void compareSendsTheSamePromptToTwoModelsIntoTwoColumns() throws Exception {
        pick("everything");
        model.enqueue(ChatTestGateway.sse(ChatTestGateway.chatStream(List.of("Same ", "answer"), 4), 0, 0));
        model.enqueue(ChatTestGateway.sse(ChatTestGateway.chatStream(List.of("Same ", "answer"), 4), 0, 0));
        vm.compareProperty().set(true);
        vm.modelProperty().set("local:fast");
        vm.compareModelProperty().set("");
        vm.draftProperty().set("Compare me");
        assertThat(vm.send()).as("two models are needed").isFalse();
        assertThat(vm.statusProperty().get()).contains("two models");
        vm.compareModelProperty().set("local:slow");
        assertThat(vm.send()).isTrue();
        await().atMost(WAIT).until(() -> !vm.isBusy());
        ChatTurn a = lastTurn(vm.primary());
        ChatTurn b = lastTurn(vm.secondary());
        assertThat(a.text()).isEqualTo("Same answer");
        assertThat(b.text()).isEqualTo("Same answer");
        assertThat(a.metricsProperty().get().model()).isEqualTo("local:fast");
        assertThat(b.metricsProperty().get().model()).isEqualTo("local:slow");
        List<String> upstreamModels = List.of(body(model.takeRequest(5, TimeUnit.SECONDS)).path("model").asText(),
                body(model.takeRequest(5, TimeUnit.SECONDS)).path("model").asText());
        assertThat(upstreamModels).containsExactlyInAnyOrder("fast", "slow");
    }

    @Test
    void copyAsCurlLeavesTheTokenToAnEnvironmentVariable() {
        ObjectNode body = ChatViewModel.buildBody(Surface.MESSAGES, "local:fast", null,
                List.of(ChatMessage.user("it's quoted")), null, null, true);
        String curl = CurlCommand.of("http://127.0.0.1:8750/v1/", Surface.MESSAGES, body);
        assertThat(curl).startsWith("curl -N http://127.0.0.1:8750/v1/messages")
                .contains("Authorization: Bearer $SWITCHBOARD_ACCESS_TOKEN", "anthropic-version", "it'\\''s quoted");
        pick("everything");
        model.enqueue(ChatTestGateway.json(completion("ok")));
        vm.streamingProperty().set(false);
        vm.modelProperty().set("local:fast");
        vm.draftProperty().set("curl me");
        vm.send();
        await().atMost(WAIT).until(() -> !vm.isBusy());
        assertThat(vm.lastCurlProperty().get()).contains("/v1/chat/completions", "$SWITCHBOARD_ACCESS_TOKEN", "curl me")
                .doesNotContain(allowAll);
        assertThat(vm.curlFor(lastTurn(vm.primary()))).contains("curl me").doesNotContain(allowAll);
        vm.surfaceProperty().set(Surface.MESSAGES);
        assertThat(vm.curlFor(lastTurn(vm.primary()))).as("the surface the turn was sent to")
                .contains("/v1/chat/completions");
    }

    @Test
    void fencedCodeIsSplitOutEvenWhileStillStreaming() {
        List<MessageSegments.Segment> s = MessageSegments.parse("Look:\n```java\nint x = 1;\n```\nDone.");
        assertThat(s).containsExactly(new MessageSegments.Segment(false, "", "Look:"),
                new MessageSegments.Segment(true, "java", "int x = 1;"), new MessageSegments.Segment(false, "", "Done."));
        assertThat(MessageSegments.parse("Half\n```py\nprint(1)")).last()
                .isEqualTo(new MessageSegments.Segment(true, "py", "print(1)"));
    }

    @Test
    void badSettingsAreRefusedBeforeAnyCall() {
        pick("everything");
        vm.modelProperty().set("local:fast");
        vm.temperatureProperty().set("hot");
        vm.draftProperty().set("Hi");
        assertThat(vm.send()).isFalse();
        assertThat(vm.statusProperty().get()).contains("Temperature");
        assertThat(vm.draftProperty().get()).isEqualTo("Hi");
        vm.temperatureProperty().set("0.5");
        vm.maxTokensProperty().set("-3");
        assertThat(vm.send()).isFalse();
        assertThat(vm.statusProperty().get()).contains("Max tokens");
        assertThat(vm.primary().turns()).isEmpty();
    }

    private static String completion(String text) {
        return "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3,\"total_tokens\":5}}";
    }

    @Test
    void theLastKeyAndModelAreRememberedPerGatewayAndNewChatCanBeUndone() throws Exception {
        ChatMemory memory = new ChatMemory(dir.resolve("memory"));
        ChatViewModel first = new ChatViewModel(() -> gw.admin, BackgroundTasks.direct(), gw.kept, memory, navigated::add,
                Runnable::run, Runnable::run);
        first.refresh();
        first.keyProperty().set(first.keys().stream().filter(k -> k.label().startsWith("only-fast")).findFirst().orElseThrow());
        first.modelProperty().set("local:fast");
        model.enqueue(ChatTestGateway.sse(ChatTestGateway.chatStream(List.of("Hi", " there"), 5), 0, 0));
        first.draftProperty().set("Hello");
        assertThat(first.send()).isTrue();
        await().atMost(WAIT).until(() -> !first.isBusy());

        ChatViewModel again = new ChatViewModel(() -> gw.admin, BackgroundTasks.direct(), gw.kept,
                new ChatMemory(dir.resolve("memory")), navigated::add, Runnable::run, Runnable::run);
        again.refresh();
        assertThat(again.keyProperty().get().shortLabel()).isEqualTo("only-fast");
        assertThat(again.modelProperty().get()).isEqualTo("local:fast");

        first.newChat();
        assertThat(first.primary().turns()).isEmpty();
        assertThat(first.canUndoNewChatProperty().get()).isTrue();
        first.undoNewChat();
        assertThat(first.primary().turns()).extracting(ChatTurn::text).containsExactly("Hello", "Hi there");
        assertThat(first.canUndoNewChatProperty().get()).isFalse();
    }
}
