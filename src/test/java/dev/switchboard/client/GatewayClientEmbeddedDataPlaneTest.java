package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.GatewayConfigUpdate;
import dev.switchboard.api.Json;
import dev.switchboard.api.ModelInfo;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.TokenUsage;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.testing.ModelServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data plane through the client and the real embedded gateway, with MockWebServer (or the
 * raw scripted server) standing in for the model server behind a provider.
 */
class GatewayClientEmbeddedDataPlaneTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    static Path dataDir;

    private static EmbeddedGateway gateway;
    private static GatewayClient client;
    private static String token;

    private MockWebServer model;

    @BeforeAll
    static void start() {
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(dataDir));
        client = GatewayClient.builder().embedded(gateway.baseUrl().toString()).apiKey(gateway.adminKey()).build();
        String everything = client.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("everything", null,
                null)).id();
        token = client.accessKeys().create(AccessKeyCreate.of("allow-all", everything)).token();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @BeforeEach
    void startModel() throws Exception {
        model = ModelServers.mockWebServer();
        model.start();
    }

    @AfterEach
    void stopModel() {
        model.close();
    }

    /** A provider for {@code baseUrl} serving model {@code m1}; returns its providerId. */
    private static String provider(String baseUrl, ApiSurface surface) {
        String id = "model-" + SEQ.incrementAndGet();
        client.providers().create(ProviderCreate.of(id, "Model server " + id, baseUrl, List.of(surface), List.of("m1")));
        return id;
    }

    private static ChatRequest ask(String providerId) {
        return ChatRequest.builder(providerId + ":m1").user("Hi").maxTokens(32).build();
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void aWholeChatCompletionGoesThroughTheGatewayWithTraceHeaders() throws Exception {
        String p = provider(model.url("/").toString(), ApiSurface.openAiChat());
        model.enqueue(json("{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"Hello from m1\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":4,\"total_tokens\":7}}"));
        Completion answer = client.complete(token, Surface.CHAT_COMPLETIONS, ask(p));
        assertThat(answer.text()).isEqualTo("Hello from m1");
        assertThat(answer.usage()).isEqualTo(new TokenUsage(3, 4));
        assertThat(answer.trace().requestId()).startsWith("rq_");
        assertThat(answer.trace().attempts()).isEqualTo(1);
        assertThat(answer.trace().model()).isEqualTo(p + ":m1");

        RecordedRequest upstream = model.takeRequest(5, TimeUnit.SECONDS);
        assertThat(upstream.getTarget()).isEqualTo("/v1/chat/completions");
        JsonNode body = Json.mapper().readTree(upstream.getBody().utf8());
        assertThat(body.path("model").asText()).as("the upstream sees its own model id").isEqualTo("m1");
    }

    @Test
    void aChatStreamIsRelayedEventByEvent() {
        String p = provider(model.url("/").toString(), ApiSurface.openAiChat());
        model.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body(GatewayClientDataPlaneTest.CHAT_STREAM).build());
        StreamRecorder recorder = new StreamRecorder();
        StreamResult result = client.stream(token, Surface.CHAT_COMPLETIONS, ask(p), recorder).await(WAIT);
        assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.COMPLETED);
        assertThat(result.text()).isEqualTo("Hello");
        assertThat(result.usage()).isEqualTo(new TokenUsage(5, 2));
        assertThat(result.trace().model()).isEqualTo(p + ":m1");
        assertThat(result.timeToFirstEvent()).isNotNull();
    }

    @Test
    void aMessagesClientIsServedByAChatProviderThroughTranslation() {
        String p = provider(model.url("/").toString(), ApiSurface.openAiChat());
        model.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body(GatewayClientDataPlaneTest.CHAT_STREAM).build());
        StreamResult result = client.stream(token, Surface.MESSAGES, ask(p), new StreamRecorder()).await(WAIT);
        assertThat(result.text()).isEqualTo("Hello");
        assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.COMPLETED);
    }

    @Test
    void aResponsesClientGetsWholeAndStreamedAnswersFromAChatProvider() {
        String p = provider(model.url("/").toString(), ApiSurface.openAiChat());
        model.enqueue(json("{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"Whole\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}"));
        Completion whole = client.complete(token, Surface.RESPONSES, ask(p));
        assertThat(whole.text()).isEqualTo("Whole");
        assertThat(whole.usage()).isEqualTo(new TokenUsage(3, 1));

        model.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body(GatewayClientDataPlaneTest.CHAT_STREAM).build());
        StreamRecorder recorder = new StreamRecorder();
        StreamResult streamed = client.stream(token, Surface.RESPONSES, ask(p), recorder).await(WAIT);
        assertThat(streamed.text()).isEqualTo("Hello");
        assertThat(recorder.events).extracting(StreamEvent::name).contains("response.output_text.delta");
    }

    @Test
    void listModelsShowsWhatTheKeyMayCall() {
        String p = provider(model.url("/").toString(), ApiSurface.openAiChat());
        List<ModelInfo> models = client.listModels(token);
        assertThat(models).extracting(ModelInfo::id).contains(p + ":m1");
    }

    @Test
    void dataPlaneErrorsArriveAsTheirExceptions() throws Exception {
        String p = provider(model.url("/").toString(), ApiSurface.openAiChat());

        assertThatThrownBy(() -> client.complete("ng-not-a-real-token-000000", Surface.CHAT_COMPLETIONS, ask(p)))
                .isInstanceOf(UnauthorizedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ng-not-a-real-token-000000"));

        ValidationException unknown = catchThrowableOfType(ValidationException.class,
                () -> client.complete(token, Surface.CHAT_COMPLETIONS, ask("no-such-provider")));
        assertThat(unknown.errorCode()).contains("ERR_NGROK_3804");

        var config = client.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("only-" + p,
                new Access(new AllowList(List.of(p)), new AllowList(List.of(p + ":other"))), null));
        String limited = client.accessKeys().create(AccessKeyCreate.of("limited", config.id())).token();
        ForbiddenException notAllowed = catchThrowableOfType(ForbiddenException.class,
                () -> client.complete(limited, Surface.CHAT_COMPLETIONS, ask(p)));
        assertThat(notAllowed.errorCode()).contains("ERR_NGROK_3803");

        int closedPort;
        try (var s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String dead = provider("http://127.0.0.1:" + closedPort, ApiSurface.openAiChat());
        UpstreamException unreachable = catchThrowableOfType(UpstreamException.class,
                () -> client.complete(token, Surface.CHAT_COMPLETIONS, ask(dead)));
        assertThat(unreachable.status()).isIn(502, 503);
        assertThat(unreachable.requestId()).isPresent();

        model.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"model crashed\",\"type\":\"server_error\"}}").build());
        UpstreamException passedThrough = catchThrowableOfType(UpstreamException.class,
                () -> client.complete(token, Surface.CHAT_COMPLETIONS, ask(p)));
        assertThat(passedThrough.getMessage()).isEqualTo("model crashed");

        model.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}").build());
        RateLimitedException slowDown = catchThrowableOfType(RateLimitedException.class,
                () -> client.complete(token, Surface.CHAT_COMPLETIONS, ask(p)));
        assertThat(slowDown.getMessage()).isEqualTo("slow down");

        client.updateGatewayConfig(GatewayConfigUpdate.builder().maxInputTokens(5).build());
        try {
            ChatRequest longOne = ChatRequest.builder(p + ":m1").user("word ".repeat(400)).build();
            ValidationException tooLong = catchThrowableOfType(ValidationException.class,
                    () -> client.complete(token, Surface.CHAT_COMPLETIONS, longOne));
            assertThat(tooLong.status()).isEqualTo(413);
            assertThat(tooLong.errorCode()).contains("ERR_NGROK_3811");
        } finally {
            client.updateGatewayConfig(GatewayConfigUpdate.builder().clearMaxInputTokens().build());
        }
    }

    @Test
    void cancellingAStreamThroughTheGatewayClosesTheModelServersConnectionToo() throws Exception {
        ScriptedServer upstream = new ScriptedServer((socket, out, self) -> {
            ScriptedServer.writeSseHead(out);
            ScriptedServer.writeChunk(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"One\"}}]}\n\n");
            // The model keeps the stream alive (SSE comments); the gateway notices the caller left on its next write.
            self.writeUntilClientCloses(out, 100);
        });
        try (upstream) {
            String p = provider(upstream.baseUrl(), ApiSurface.openAiChat());
            StreamRecorder recorder = new StreamRecorder();
            ModelStream stream = client.stream(token, Surface.CHAT_COMPLETIONS, ask(p), recorder);
            assertThat(recorder.firstEvent.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.text()).isEqualTo("One");
            stream.cancel();
            assertThat(recorder.completed.get(5, TimeUnit.SECONDS).outcome()).isEqualTo(StreamResult.Outcome.CANCELLED);
            assertThat(upstream.clientClosed(10, TimeUnit.SECONDS))
                    .as("the gateway hung up on the model server after the client cancelled").isTrue();
        }
    }
}
