package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.Json;
import dev.switchboard.api.ModelInfo;
import dev.switchboard.api.TokenUsage;
import dev.switchboard.testing.ModelServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data plane against a scripted gateway: whole answers, streams of each surface, errors, cancel, reset. */
class GatewayClientDataPlaneTest {
    private static final String API_KEY = "admin_key_never_used_on_the_data_plane";
    private static final String TOKEN = "ng-accesskeytoken-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private MockWebServer server;
    private GatewayClient client;

    @BeforeEach
    void start() throws Exception {
        server = ModelServers.mockWebServer();
        server.start();
        client = clientFor(server.url("/").toString(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static GatewayClient clientFor(String url, Duration idle) {
        return GatewayClient.builder().embedded(url).apiKey(API_KEY).modelIdleTimeout(idle).build();
    }

    private static MockResponse.Builder traced() {
        return new MockResponse.Builder().addHeader("Ngrok-AIG-Request-Id", "rq_123")
                .addHeader("Ngrok-AIG-Attempts", "2").addHeader("Ngrok-AIG-Model", "my-ollama:llama3.2");
    }

    private static MockResponse sse(String body) {
        return traced().addHeader("Content-Type", "text/event-stream").body(body).build();
    }

    private static MockResponse json(int code, String body) {
        return traced().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static ChatRequest hello() {
        return ChatRequest.builder("my-ollama:llama3.2").system("Be brief.").user("Hi").temperature(0.5).maxTokens(64).build();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(2, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        return r;
    }

    static final String CHAT_STREAM = """
            data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

            data: {"id":"c1","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

            data: {"id":"c1","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}

            data: {"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

            data: {"id":"c1","choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}

            data: [DONE]

            """;

    @Test
    void chatCompletionsStreamDeliversTextUsageStopReasonAndTraceOffTheCallerThread() throws Exception {
        server.enqueue(sse(CHAT_STREAM));
        StreamRecorder recorder = new StreamRecorder();
        ModelStream stream = client.stream(TOKEN, Surface.CHAT_COMPLETIONS, hello(), recorder);
        StreamResult result = stream.await(WAIT);

        assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.COMPLETED);
        assertThat(result.text()).isEqualTo("Hello");
        assertThat(recorder.text()).isEqualTo("Hello");
        assertThat(result.usage()).isEqualTo(new TokenUsage(5, 2));
        assertThat(result.stopReason()).isEqualTo("stop");
        assertThat(result.trace()).isEqualTo(new GatewayTrace("rq_123", 2, "my-ollama:llama3.2"));
        assertThat(result.trace().failedOver()).isTrue();
        assertThat(result.timeToFirstEvent()).isPositive().isLessThanOrEqualTo(result.elapsed());
        assertThat(result.timeToFirstText()).isGreaterThanOrEqualTo(result.timeToFirstEvent());
        assertThat(result.eventCount()).isEqualTo(6);
        assertThat(recorder.events.get(5).data()).isEqualTo("[DONE]");
        assertThat(recorder.completed.get(1, TimeUnit.SECONDS)).isEqualTo(result);
        assertThat(recorder.failed).isNotDone();
        assertThat(recorder.threads).allSatisfy(t -> assertThat(t).isNotEqualTo(Thread.currentThread().getName()));

        RecordedRequest request = take();
        assertThat(request.getTarget()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        JsonNode body = Json.mapper().readTree(request.getBody().utf8());
        assertThat(body.path("model").asText()).isEqualTo("my-ollama:llama3.2");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
    }

    @Test
    void responsesStreamReadsOutputTextDeltasAndCompletedUsage() throws Exception {
        server.enqueue(sse("""
                event: response.created
                data: {"type":"response.created","response":{"id":"resp_1","status":"in_progress"}}

                event: response.output_text.delta
                data: {"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hel"}

                event: response.output_text.delta
                data: {"type":"response.output_text.delta","item_id":"msg_1","output_index":0,"content_index":0,"delta":"lo"}

                event: response.completed
                data: {"type":"response.completed","response":{"id":"resp_1","status":"completed","usage":{"input_tokens":9,"output_tokens":2,"total_tokens":11}}}

                """));
        StreamRecorder recorder = new StreamRecorder();
        StreamResult result = client.stream(TOKEN, Surface.RESPONSES, hello(), recorder).await(WAIT);
        assertThat(result.text()).isEqualTo("Hello");
        assertThat(result.usage()).isEqualTo(new TokenUsage(9, 2));
        assertThat(result.stopReason()).isEqualTo("completed");
        assertThat(recorder.events).extracting(StreamEvent::name).containsExactly("response.created",
                "response.output_text.delta", "response.output_text.delta", "response.completed");
        JsonNode body = Json.mapper().readTree(take().getBody().utf8());
        assertThat(body.path("instructions").asText()).isEqualTo("Be brief.");
        assertThat(body.path("max_output_tokens").asInt()).isEqualTo(64);
        assertThat(body.path("input").get(0).path("content").asText()).isEqualTo("Hi");
    }

    @Test
    void messagesStreamReadsTextDeltasStopReasonAndUsage() throws Exception {
        server.enqueue(sse("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"m","stop_reason":null,"usage":{"input_tokens":12,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: ping
                data: {"type": "ping"}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":3}}

                event: message_stop
                data: {"type":"message_stop"}

                """));
        StreamResult result = client.stream(TOKEN, Surface.MESSAGES, hello(), new StreamRecorder()).await(WAIT);
        assertThat(result.text()).isEqualTo("Hello");
        assertThat(result.usage()).isEqualTo(new TokenUsage(12, 3));
        assertThat(result.stopReason()).isEqualTo("end_turn");
        RecordedRequest request = take();
        assertThat(request.getTarget()).isEqualTo("/v1/messages");
        JsonNode body = Json.mapper().readTree(request.getBody().utf8());
        assertThat(body.path("system").asText()).isEqualTo("Be brief.");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(64);
    }

    @Test
    void anErrorEventInsideAStreamIsAnErrorNotACleanFinish() throws Exception {
        server.enqueue(sse("""
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":3,"output_tokens":0}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Par"}}

                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"The upstream is overloaded."}}

                """));
        StreamRecorder recorder = new StreamRecorder();
        ModelStream stream = client.stream(TOKEN, Surface.MESSAGES, hello(), recorder);
        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> stream.await(WAIT));
        assertThat(e.getMessage()).isEqualTo("The upstream is overloaded.");
        assertThat(e.details()).containsEntry("type", "overloaded_error");
        assertThat(e.requestId()).contains("rq_123");
        assertThat(recorder.failed.get(1, TimeUnit.SECONDS)).isSameAs(e);
        assertThat(recorder.partial.text()).isEqualTo("Par");
        assertThat(recorder.partial.outcome()).isEqualTo(StreamResult.Outcome.FAILED);
        assertThat(recorder.completed).isNotDone();

        // OpenAI-style error chunk on a chat stream, with the ngrok code.
        server.enqueue(sse("""
                data: {"choices":[{"index":0,"delta":{"content":"A"},"finish_reason":null}]}

                data: {"error":{"message":"Timed out waiting for the provider.","type":"server_error","code":"ERR_NGROK_3810"}}

                """));
        GatewayTimeoutException timeout = catchThrowableOfType(GatewayTimeoutException.class,
                () -> client.stream(TOKEN, Surface.CHAT_COMPLETIONS, hello(), new StreamRecorder()).await(WAIT));
        assertThat(timeout.errorCode()).contains("ERR_NGROK_3810");
        assertThat(timeout.isClientSide()).isTrue();
    }

    @Test
    void aStreamThatStopsWithoutItsEndEventIsReportedAsBroken() {
        server.enqueue(sse("""
                data: {"choices":[{"index":0,"delta":{"content":"Half"},"finish_reason":null}]}

                """));
        assertThatThrownBy(() -> client.stream(TOKEN, Surface.CHAT_COMPLETIONS, hello(), new StreamRecorder()).await(WAIT))
                .isInstanceOf(NetworkException.class).hasMessage("The stream ended before the model finished.");
    }

    @Test
    void aRefusedStreamReportsTheGatewaysErrorAndTrace() throws Exception {
        server.enqueue(json(503, "{\"error\":{\"message\":\"All 3 attempts failed: connect refused; 500; timeout.\","
                + "\"type\":\"server_error\",\"code\":\"ERR_NGROK_3807\"}}"));
        StreamRecorder recorder = new StreamRecorder();
        ModelStream stream = client.stream(TOKEN, Surface.CHAT_COMPLETIONS, hello(), recorder);
        UpstreamException e = catchThrowableOfType(UpstreamException.class, () -> stream.await(WAIT));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.errorCode()).contains("ERR_NGROK_3807");
        assertThat(e.getMessage()).isEqualTo("All 3 attempts failed: connect refused; 500; timeout.");
        assertThat(e.requestId()).contains("rq_123");
        assertThat(recorder.partial.trace().attempts()).isEqualTo(2);
        assertThat(recorder.events).isEmpty();
    }

    @Test
    void dataPlaneErrorShapesOpenAiAndAnthropicMapToTheirExceptions() {
        server.enqueue(json(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                + "\"message\":\"invalid x-api-key " + TOKEN + "\"}}"));
        UnauthorizedException unauthorized = catchThrowableOfType(UnauthorizedException.class,
                () -> client.complete(TOKEN, Surface.MESSAGES, hello()));
        assertThat(unauthorized.getMessage()).isEqualTo("invalid x-api-key <hidden>");
        assertThat(unauthorized.details()).containsEntry("type", "authentication_error");

        server.enqueue(json(422, "{\"error\":{\"message\":\"Model my-ollama:secret is not allowed for this key.\","
                + "\"type\":\"invalid_request_error\",\"code\":\"ERR_NGROK_3803\"}}"));
        assertThatThrownBy(() -> client.complete(TOKEN, Surface.CHAT_COMPLETIONS, hello()))
                .isInstanceOf(ForbiddenException.class).hasMessage("Model my-ollama:secret is not allowed for this key.");

        server.enqueue(json(422, "{\"error\":{\"message\":\"No model nope:x.\",\"type\":\"invalid_request_error\","
                + "\"param\":\"model\",\"code\":\"ERR_NGROK_3804\"}}"));
        ValidationException noModel = catchThrowableOfType(ValidationException.class,
                () -> client.complete(TOKEN, Surface.CHAT_COMPLETIONS, hello()));
        assertThat(noModel.field()).contains("model");
        assertThat(noModel.errorCode()).contains("ERR_NGROK_3804");

        server.enqueue(json(413, "{\"error\":{\"message\":\"About 9000 input tokens; the limit is 4096.\","
                + "\"type\":\"invalid_request_error\",\"code\":\"ERR_NGROK_3811\"}}"));
        assertThatThrownBy(() -> client.complete(TOKEN, Surface.RESPONSES, hello()))
                .isInstanceOf(ValidationException.class).hasMessage("About 9000 input tokens; the limit is 4096.");

        server.enqueue(json(504, "{\"error\":{\"message\":\"Total timeout of 120s exceeded.\",\"type\":\"server_error\","
                + "\"code\":\"ERR_NGROK_3810\"}}"));
        GatewayTimeoutException timeout = catchThrowableOfType(GatewayTimeoutException.class,
                () -> client.complete(TOKEN, Surface.CHAT_COMPLETIONS, hello()));
        assertThat(timeout.isClientSide()).isFalse();
        assertThat(timeout.requestId()).contains("rq_123");

        server.enqueue(json(502, "{\"error\":{\"message\":\"Could not reach my-ollama.\",\"type\":\"server_error\","
                + "\"code\":\"ERR_NGROK_3800\"}}"));
        UpstreamException unreachable = catchThrowableOfType(UpstreamException.class,
                () -> client.complete(TOKEN, Surface.CHAT_COMPLETIONS, hello()));
        assertThat(unreachable.isProviderUnreachable()).isTrue();
    }

    @Test
    void wholeAnswersOfEachSurfaceAreReadWithTrace() throws Exception {
        server.enqueue(json(200, "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hi there\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2,\"total_tokens\":6}}"));
        Completion chat = client.complete(TOKEN, Surface.CHAT_COMPLETIONS, hello());
        assertThat(chat.text()).isEqualTo("Hi there");
        assertThat(chat.usage()).isEqualTo(new TokenUsage(4, 2));
        assertThat(chat.stopReason()).isEqualTo("stop");
        assertThat(chat.trace().requestId()).isEqualTo("rq_123");
        assertThat(Json.mapper().readTree(take().getBody().utf8()).has("stream")).isFalse();

        server.enqueue(json(200, "{\"id\":\"resp\",\"object\":\"response\",\"status\":\"completed\",\"output\":[{\"type\":\"message\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"Hi \"},{\"type\":\"output_text\",\"text\":\"there\"}]}],"
                + "\"usage\":{\"input_tokens\":4,\"output_tokens\":2}}"));
        Completion responses = client.complete(TOKEN, Surface.RESPONSES, hello());
        assertThat(responses.text()).isEqualTo("Hi there");
        assertThat(responses.stopReason()).isEqualTo("completed");
        assertThat(take().getTarget()).isEqualTo("/v1/responses");

        server.enqueue(json(200, "{\"id\":\"msg\",\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"Hi there\"}],"
                + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":4,\"output_tokens\":2}}"));
        ObjectNode raw = Json.mapper().createObjectNode().put("model", "p:m").put("max_tokens", 10).put("stream", true);
        raw.putArray("messages").addObject().put("role", "user").put("content", "Hi");
        Completion messages = client.complete(TOKEN, Surface.MESSAGES, raw);
        assertThat(messages.text()).isEqualTo("Hi there");
        assertThat(messages.usage()).isEqualTo(new TokenUsage(4, 2));
        RecordedRequest request = take();
        assertThat(request.getHeaders().get("anthropic-version")).isNotNull();
        assertThat(Json.mapper().readTree(request.getBody().utf8()).has("stream")).isFalse();
        assertThat(raw.get("stream").asBoolean()).as("the caller's node is left alone").isTrue();
    }

    @Test
    void listModelsUsesTheAccessKeyAndDoesNotRepeatV1() throws Exception {
        server.enqueue(json(200, "{\"object\":\"list\",\"data\":[{\"id\":\"my-ollama:llama3.2\",\"object\":\"model\","
                + "\"owned_by\":\"my-ollama\"},{\"id\":\"my-ollama:qwen2.5:0.5b\",\"object\":\"model\"}]}"));
        List<ModelInfo> models = client.listModels(TOKEN);
        assertThat(models).containsExactly(new ModelInfo("my-ollama:llama3.2", "my-ollama"),
                new ModelInfo("my-ollama:qwen2.5:0.5b", null));
        RecordedRequest request = take();
        assertThat(request.getTarget()).isEqualTo("/v1/models");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);

        try (GatewayClient hostedStyle = GatewayClient.builder().controlPlaneUrl(server.url("/").toString())
                .dataPlaneUrl(server.url("/v1").toString()).apiKey(API_KEY).build()) {
            server.enqueue(json(200, "{\"object\":\"list\",\"data\":[]}"));
            assertThat(hostedStyle.listModels(TOKEN)).isEmpty();
            assertThat(take().getTarget()).isEqualTo("/v1/models");
        }
    }

    @Test
    void cancellingAStreamClosesTheConnection() throws Exception {
        ScriptedServer scriptedServer = new ScriptedServer((socket, out, self) -> {
            ScriptedServer.writeSseHead(out);
            ScriptedServer.writeChunk(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"One\"}}]}\n\n");
            self.awaitClientClose(socket);
        });
        try (ScriptedServer scripted = scriptedServer; GatewayClient c = clientFor(scripted.baseUrl(), Duration.ofMinutes(1))) {
            StreamRecorder recorder = new StreamRecorder();
            ModelStream stream = c.stream(TOKEN, Surface.CHAT_COMPLETIONS, hello(), recorder);
            assertThat(recorder.firstEvent.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.text()).isEqualTo("One");
            assertThat(stream.timeToFirstEvent()).isPresent();

            stream.cancel();

            assertThat(scripted.clientClosed(5, TimeUnit.SECONDS)).as("server saw the socket closed").isTrue();
            StreamResult result = recorder.completed.get(5, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(StreamResult.Outcome.CANCELLED);
            assertThat(result.text()).isEqualTo("One");
            assertThat(stream.await(WAIT).outcome()).isEqualTo(StreamResult.Outcome.CANCELLED);
            assertThat(stream.isCancelled()).isTrue();
            Thread.sleep(100);
            assertThat(recorder.failed).as("a cancel is not an error").isNotDone();
            assertThat(scripted.requestHead()).startsWith("POST /v1/chat/completions HTTP/1.1");
        }
    }

    @Test
    void aConnectionResetMidStreamIsANetworkErrorKeepingThePartialText() throws Exception {
        try (ScriptedServer scripted = new ScriptedServer((socket, out, self) -> {
            ScriptedServer.writeSseHead(out);
            ScriptedServer.writeChunk(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n");
            ScriptedServer.writeChunk(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\n\n");
            Thread.sleep(100);
            ScriptedServer.reset(socket);
        }); GatewayClient c = clientFor(scripted.baseUrl(), Duration.ofMinutes(1))) {
            StreamRecorder recorder = new StreamRecorder();
            ModelStream stream = c.stream(TOKEN, Surface.CHAT_COMPLETIONS, hello(), recorder);
            NetworkException e = catchThrowableOfType(NetworkException.class, () -> stream.await(WAIT));
            assertThat(e.getMessage()).startsWith("The connection to the gateway at 127.0.0.1:");
            assertThat(recorder.partial.text()).isEqualTo("Hello");
            assertThat(recorder.partial.trace().requestId()).isEqualTo("rq_scripted");
            assertThat(recorder.completed).isNotDone();
        }
    }

    @Test
    void eventsThatKeepFlowingOutliveTheIdleTimeoutButSilenceDoesNot() throws Exception {
        // 8 events 100 ms apart: 0.8 s in all, longer than the 400 ms idle timeout, yet fine.
        try (ScriptedServer scripted = new ScriptedServer((socket, out, self) -> {
            ScriptedServer.writeSseHead(out);
            for (int i = 0; i < 8; i++) {
                ScriptedServer.writeChunk(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + i + "\"}}]}\n\n");
                Thread.sleep(100);
            }
            ScriptedServer.writeChunk(out, "data: [DONE]\n\n");
            out.write("0\r\n\r\n".getBytes());
            out.flush();
        }); GatewayClient c = clientFor(scripted.baseUrl(), Duration.ofMillis(400))) {
            StreamResult result = c.stream(TOKEN, Surface.CHAT_COMPLETIONS, hello(), new StreamRecorder()).await(WAIT);
            assertThat(result.text()).isEqualTo("01234567");
            assertThat(result.elapsed()).isGreaterThan(Duration.ofMillis(400));
        }
        try (ScriptedServer scripted = new ScriptedServer((socket, out, self) -> {
            ScriptedServer.writeSseHead(out);
            ScriptedServer.writeChunk(out, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n");
            Thread.sleep(3000);
        }); GatewayClient c = clientFor(scripted.baseUrl(), Duration.ofMillis(400))) {
            GatewayTimeoutException e = catchThrowableOfType(GatewayTimeoutException.class,
                    () -> c.stream(TOKEN, Surface.CHAT_COMPLETIONS, hello(), new StreamRecorder()).await(WAIT));
            assertThat(e.isClientSide()).isTrue();
            assertThat(e.getMessage()).endsWith("went silent for 400 ms.");
        }
    }

    @Test
    void cancellingAnAsyncCompletionClosesTheConnection() throws Exception {
        try (ScriptedServer scripted = new ScriptedServer((socket, out, self) -> self.awaitClientClose(socket));
             GatewayClient c = clientFor(scripted.baseUrl(), Duration.ofMinutes(1))) {
            var future = c.completeAsync(TOKEN, Surface.CHAT_COMPLETIONS, hello());
            assertThat(scripted.requestHead()).startsWith("POST /v1/chat/completions HTTP/1.1");
            assertThat(future.cancel(true)).as(() -> "cancel() on a call that had already ended: "
                    + future.handle((r, e) -> e != null ? e.toString() : "answered " + r).getNow("?")).isTrue();
            assertThat(scripted.clientClosed(5, TimeUnit.SECONDS)).as("server saw the socket closed").isTrue();
        }
        server.enqueue(json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "\"finish_reason\":\"stop\"}]}"));
        assertThat(client.completeAsync(TOKEN, Surface.CHAT_COMPLETIONS, hello()).get(5, TimeUnit.SECONDS).text()).isEqualTo("ok");
    }

    @Test
    void eightStreamsRunAtOnceEvenOnASharedOkHttpClient() throws Exception {
        int n = 8;
        java.util.concurrent.CountDownLatch allArrived = new java.util.concurrent.CountDownLatch(n);
        server.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                allArrived.countDown();
                // Answers only once every stream has reached the server: queued streams would stall this.
                allArrived.await(5, TimeUnit.SECONDS);
                return sse(CHAT_STREAM);
            }
        });
        okhttp3.OkHttpClient shared = new okhttp3.OkHttpClient();
        try (GatewayClient sharing = GatewayClient.builder().embedded(server.url("/").toString()).apiKey(API_KEY)
                .okHttpClient(shared).build()) {
            List<ModelStream> streams = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                streams.add(sharing.stream(TOKEN, Surface.CHAT_COMPLETIONS, hello(), new StreamRecorder()));
            }
            assertThat(allArrived.await(5, TimeUnit.SECONDS)).as("all streams in flight together").isTrue();
            for (ModelStream stream : streams) {
                assertThat(stream.await(WAIT).text()).isEqualTo("Hello");
            }
        } finally {
            shared.dispatcher().executorService().shutdown();
            shared.connectionPool().evictAll();
        }
    }
}
