package dev.switchboard.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import dev.switchboard.api.Json;
import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Anthropic and OpenAI SDKs, through the real gateway, against a scripted model server that
 * speaks only Chat Completions: the upstream must see a correct Chat Completions body and the SDK must parse
 * a correct answer, whole and streamed, tools included.
 */
class TranslatedSdkEndToEndTest {
    @TempDir
    static java.nio.file.Path dataDir;

    private static MockWebServer model;
    private static TranslationGateway gateway;
    private static AnthropicClient anthropic;
    private static OpenAIClient openai;

    @BeforeAll
    static void start() throws Exception {
        model = ModelServers.mockWebServer();
        model.start();
        gateway = TranslationGateway.start(dataDir, model.url("/").toString());
        anthropic = AnthropicOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(gateway.accessToken()).maxRetries(0).build();
        openai = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl() + "/v1").apiKey(gateway.accessToken()).maxRetries(0).build();
    }

    @BeforeEach
    void forgetEarlierAttempts() {
        gateway.clearAttempts();
    }

    @AfterAll
    static void stop() throws Exception {
        anthropic.close();
        openai.close();
        gateway.close();
        model.close();
    }

    private static void answerJson(String json) {
        model.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body(json).build());
    }

    private static void answerStream(List<String> chunks) {
        StringBuilder sb = new StringBuilder();
        for (String c : chunks) {
            sb.append("data: ").append(c).append("\n\n");
        }
        model.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(sb.toString()).build());
    }

    private static ObjectNode upstreamBody() throws Exception {
        RecordedRequest request = model.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("the model server was called").isNotNull();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        return (ObjectNode) Json.mapper().readTree(request.getBody().utf8());
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    private static final String CHUNK = "{\"id\":\"chatcmpl-e2e\",\"object\":\"chat.completion.chunk\",\"created\":1764075000,\"model\":\"llama3.2\","
            + "\"choices\":[{\"index\":0,\"delta\":%s,\"finish_reason\":%s}]}";

    private static String chunk(String delta, String finish) {
        return String.format(CHUNK, delta, finish == null ? "null" : "\"" + finish + "\"");
    }

    private static String usageChunk(int in, int out) {
        return "{\"id\":\"chatcmpl-e2e\",\"object\":\"chat.completion.chunk\",\"created\":1764075000,\"model\":\"llama3.2\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":" + in + ",\"completion_tokens\":" + out + ",\"total_tokens\":" + (in + out) + "}}";
    }

    private static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(com.anthropic.core.JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .required(List.of("city")).build())
                .build();
    }

    @Test
    void anthropicSdkCallsAToolAndReadsItsResultOnAChatCompletionsModel() throws Exception {
        answerJson("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1764075000,"model":"llama3.2",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Let me look.","tool_calls":[
                   {"id":"call_7","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                   "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":42,"completion_tokens":17,"total_tokens":59}}""");
        MessageCreateParams first = MessageCreateParams.builder().model("local:llama3.2").maxTokens(256)
                .system("You are terse.").addUserMessage("Weather in Paris?").addTool(weatherTool())
                .putAdditionalBodyProperty("temperature", com.anthropic.core.JsonValue.from(0.2)).stopSequences(List.of("###")).build();

        Message message = anthropic.messages().create(first);

        ObjectNode up = upstreamBody();
        assertThat(up).isEqualTo(json("""
                {"model":"llama3.2","messages":[{"role":"system","content":"You are terse."},{"role":"user","content":"Weather in Paris?"}],
                 "max_tokens":256,"stop":["###"],"temperature":0.2,
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]}"""));
        message.validate();
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.usage().inputTokens()).isEqualTo(42);
        assertThat(message.usage().outputTokens()).isEqualTo(17);
        assertThat(message.content()).hasSize(2);
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Let me look.");
        ToolUseBlock toolUse = message.content().get(1).toolUse().orElseThrow();
        assertThat(toolUse.id()).isEqualTo("call_7");
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));

        answerJson("""
                {"id":"chatcmpl-2","object":"chat.completion","created":1764075001,"model":"llama3.2",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"18C and cloudy."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":80,"completion_tokens":6,"total_tokens":86}}""");
        MessageCreateParams second = first.toBuilder()
                .addMessage(message)
                .addUserMessageOfContentBlockParams(List.of(com.anthropic.models.messages.ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(toolUse.id()).content("18C, cloudy").build())))
                .build();
        Message answer = anthropic.messages().create(second);

        JsonNode messages = upstreamBody().get("messages");
        assertThat(messages.get(2)).isEqualTo(json("""
                {"role":"assistant","content":"Let me look.","tool_calls":[{"id":"call_7","type":"function",
                 "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}"""));
        assertThat(messages.get(3)).isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":\"call_7\",\"content\":\"18C, cloudy\"}"));
        assertThat(answer.stopReason()).contains(StopReason.END_TURN);
        assertThat(answer.content().get(0).text().orElseThrow().text()).isEqualTo("18C and cloudy.");
        assertThat(gateway.attempts()).allSatisfy(a -> {
            assertThat(a.surface()).isEqualTo("chat-completions");
            assertThat(a.clientSurface()).isEqualTo("messages");
        });
    }

    @Test
    void anthropicSdkStreamsTextAndAToolCallSplitAcrossChunks() throws Exception {
        answerStream(List.of(
                chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("{\"content\":\"Checking \"}", null),
                chunk("{\"content\":\"Paris.\"}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_s\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\": \\\"Paris\\\"}\"}}]}", null),
                chunk("{}", "tool_calls"),
                usageChunk(40, 12),
                "[DONE]"));
        MessageCreateParams params = MessageCreateParams.builder().model("local:llama3.2").maxTokens(128)
                .addUserMessage("Weather in Paris?").addTool(weatherTool()).putAdditionalBodyProperty("top_k", com.anthropic.core.JsonValue.from(5)).build();

        MessageAccumulator accumulator = MessageAccumulator.create();
        List<String> eventTypes = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(params)) {
            stream.stream().forEach(e -> {
                accumulator.accumulate(e);
                eventTypes.add(eventName(e));
            });
        }

        ObjectNode up = upstreamBody();
        assertThat(up.path("stream").asBoolean()).isTrue();
        assertThat(up.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(up.has("top_k")).isFalse();
        assertThat(eventTypes).containsExactly("message_start", "content_block_start", "content_block_delta", "content_block_delta",
                "content_block_stop", "content_block_start", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        Message message = accumulator.message();
        assertThat(message.content().get(0).text().orElseThrow().text()).isEqualTo("Checking Paris.");
        ToolUseBlock toolUse = message.content().get(1).toolUse().orElseThrow();
        assertThat(toolUse.name()).isEqualTo("get_weather");
        assertThat(toolUse._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(message.usage().outputTokens()).isEqualTo(12);
        assertThat(gateway.attempts()).singleElement().satisfies(a -> {
            assertThat(a.droppedParams()).containsExactly("top_k");
            assertThat(a.inputTokens()).isEqualTo(40);
        });
    }

    private static String eventName(RawMessageStreamEvent e) {
        if (e.isMessageStart()) {
            return "message_start";
        } else if (e.isContentBlockStart()) {
            return "content_block_start";
        } else if (e.isContentBlockDelta()) {
            return "content_block_delta";
        } else if (e.isContentBlockStop()) {
            return "content_block_stop";
        } else if (e.isMessageDelta()) {
            return "message_delta";
        } else if (e.isMessageStop()) {
            return "message_stop";
        }
        return "other";
    }

    private static FunctionTool weatherFunction() {
        return FunctionTool.builder().name("get_weather").description("Current weather for a city").strict(false)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .build();
    }

    @Test
    void openAiResponsesSdkGetsAFunctionCallFromAChatCompletionsModel() throws Exception {
        answerJson("""
                {"id":"chatcmpl-r","object":"chat.completion","created":1764075000,"model":"llama3.2",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                   {"id":"call_r","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                   "finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":30,"completion_tokens":9,"total_tokens":39}}""");
        ResponseCreateParams params = ResponseCreateParams.builder().model("local:llama3.2").instructions("Use tools.")
                .input("Weather in Rome?").addTool(weatherFunction()).maxOutputTokens(100).temperature(0.5).build();

        Response response = openai.responses().create(params);

        assertThat(upstreamBody()).isEqualTo(json("""
                {"model":"llama3.2","messages":[{"role":"system","content":"Use tools."},{"role":"user","content":"Weather in Rome?"}],
                 "max_tokens":100,"temperature":0.5,
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather for a city",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":false}}]}"""));
        response.validate();
        assertThat(response.status()).map(Object::toString).contains("completed");
        assertThat(response.output()).hasSize(1);
        ResponseFunctionToolCall call = response.output().get(0).functionCall().orElseThrow();
        assertThat(call.callId()).isEqualTo("call_r");
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(json(call.arguments())).isEqualTo(json("{\"city\":\"Rome\"}"));
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(30);
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(9);
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(39);

        answerJson("""
                {"id":"chatcmpl-r2","object":"chat.completion","created":1764075001,"model":"llama3.2",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Sunny, 24C."},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":50,"completion_tokens":5,"total_tokens":55}}""");
        List<com.openai.models.responses.ResponseInputItem> items = new ArrayList<>();
        items.add(com.openai.models.responses.ResponseInputItem.ofEasyInputMessage(
                com.openai.models.responses.EasyInputMessage.builder().role(com.openai.models.responses.EasyInputMessage.Role.USER)
                        .content("Weather in Rome?").build()));
        items.add(com.openai.models.responses.ResponseInputItem.ofFunctionCall(call));
        items.add(com.openai.models.responses.ResponseInputItem.ofFunctionCallOutput(
                com.openai.models.responses.ResponseInputItem.FunctionCallOutput.builder().callId(call.callId()).output("24C sunny").build()));
        Response answer = openai.responses().create(ResponseCreateParams.builder().model("local:llama3.2")
                .inputOfResponse(items).addTool(weatherFunction()).build());

        JsonNode messages = upstreamBody().get("messages");
        assertThat(messages).isEqualTo(json("""
                [{"role":"user","content":"Weather in Rome?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_r","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                 {"role":"tool","tool_call_id":"call_r","content":"24C sunny"}]"""));
        ResponseOutputItem item = answer.output().get(0);
        assertThat(item.message().orElseThrow().content().get(0).outputText().orElseThrow().text()).isEqualTo("Sunny, 24C.");
        assertThat(gateway.attempts()).allSatisfy(a -> assertThat(a.clientSurface()).isEqualTo("responses"));
    }

    @Test
    void openAiResponsesSdkStreamsTextFromAChatCompletionsModel() throws Exception {
        answerStream(List.of(
                chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("{\"content\":\"Hello\"}", null),
                chunk("{\"content\":\", world\"}", null),
                chunk("{}", "stop"),
                usageChunk(11, 4),
                "[DONE]"));
        ResponseCreateParams params = ResponseCreateParams.builder().model("local:llama3.2").input("Greet me").build();

        ResponseAccumulator accumulator = ResponseAccumulator.create();
        StringBuilder deltas = new StringBuilder();
        List<String> types = new ArrayList<>();
        try (com.openai.core.http.StreamResponse<ResponseStreamEvent> stream = openai.responses().createStreaming(params)) {
            stream.stream().forEach(e -> {
                accumulator.accumulate(e);
                e.outputTextDelta().ifPresent(d -> deltas.append(d.delta()));
                types.add(typeOf(e));
            });
        }

        ObjectNode up = upstreamBody();
        assertThat(up.path("stream").asBoolean()).isTrue();
        assertThat(up.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(deltas.toString()).isEqualTo("Hello, world");
        assertThat(types).startsWith("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added").endsWith("response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        Response response = accumulator.response();
        assertThat(response.output().get(0).message().orElseThrow().content().get(0).outputText().orElseThrow().text())
                .isEqualTo("Hello, world");
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(11);
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(4);
    }

    @Test
    void openAiResponsesSdkStreamsAFunctionCallSplitAcrossChunks() throws Exception {
        answerStream(List.of(
                chunk("{\"role\":\"assistant\",\"content\":null}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_f\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}", null),
                chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Oslo\\\"}\"}}]}", null),
                chunk("{}", "tool_calls"),
                usageChunk(25, 8),
                "[DONE]"));
        ResponseCreateParams params = ResponseCreateParams.builder().model("local:llama3.2").input("Weather in Oslo?")
                .addTool(weatherFunction()).build();

        ResponseAccumulator accumulator = ResponseAccumulator.create();
        StringBuilder argumentDeltas = new StringBuilder();
        try (com.openai.core.http.StreamResponse<ResponseStreamEvent> stream = openai.responses().createStreaming(params)) {
            stream.stream().forEach(e -> {
                accumulator.accumulate(e);
                e.functionCallArgumentsDelta().ifPresent(d -> argumentDeltas.append(d.delta()));
            });
        }

        assertThat(upstreamBody().path("tools").path(0).path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(argumentDeltas.toString()).isEqualTo("{\"city\":\"Oslo\"}");
        Response response = accumulator.response();
        ResponseFunctionToolCall call = response.output().get(0).functionCall().orElseThrow();
        assertThat(call.callId()).isEqualTo("call_f");
        assertThat(json(call.arguments())).isEqualTo(json("{\"city\":\"Oslo\"}"));
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(33);
    }

    @Test
    void aRequestThatCannotBeTranslatedIsRefusedWith400NamingTheFieldAndNothingGoesUpstream() throws Exception {
        MessageCreateParams withDocument = MessageCreateParams.builder().model("local:llama3.2").maxTokens(64)
                .addUserMessageOfContentBlockParams(List.of(
                        com.anthropic.models.messages.ContentBlockParam.ofDocument(com.anthropic.models.messages.DocumentBlockParam.builder()
                                .source(com.anthropic.models.messages.PlainTextSource.builder().data("a memo").build()).build()),
                        com.anthropic.models.messages.ContentBlockParam.ofText(
                                com.anthropic.models.messages.TextBlockParam.builder().text("Summarize").build())))
                .build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> anthropic.messages().create(withDocument))
                .isInstanceOfSatisfying(com.anthropic.errors.BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("messages[0].content[0].type");
                });

        ResponseCreateParams stateful = ResponseCreateParams.builder().model("local:llama3.2").input("And then?")
                .previousResponseId("resp_123").build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> openai.responses().create(stateful))
                .isInstanceOfSatisfying(com.openai.errors.BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("previous_response_id");
                });
        assertThat(model.takeRequest(200, TimeUnit.MILLISECONDS)).as("nothing reached the model server").isNull();
    }

    @Test
    void aLocalReasoningModelsThinkingReachesBothSdksAsTheirOwnReasoningShape() throws Exception {
        List<String> reasoningStream = List.of(
                chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                chunk("{\"reasoning_content\":\"Two plus \"}", null),
                chunk("{\"reasoning_content\":\"two is four.\"}", null),
                chunk("{\"content\":\"4\"}", null),
                chunk("{}", "stop"),
                usageChunk(12, 9),
                "[DONE]");
        answerStream(reasoningStream);
        MessageAccumulator messages = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages().createStreaming(MessageCreateParams.builder()
                .model("local:llama3.2").maxTokens(64).addUserMessage("2+2?").build())) {
            stream.stream().forEach(messages::accumulate);
        }
        upstreamBody();
        Message message = messages.message();
        assertThat(message.content().get(0).thinking().orElseThrow().thinking()).isEqualTo("Two plus two is four.");
        assertThat(message.content().get(1).text().orElseThrow().text()).isEqualTo("4");

        answerStream(reasoningStream);
        ResponseAccumulator responses = ResponseAccumulator.create();
        try (com.openai.core.http.StreamResponse<ResponseStreamEvent> stream = openai.responses().createStreaming(
                ResponseCreateParams.builder().model("local:llama3.2").input("2+2?").build())) {
            stream.stream().forEach(responses::accumulate);
        }
        upstreamBody();
        Response response = responses.response();
        assertThat(response.output().get(0).reasoning().orElseThrow().content().orElseThrow().get(0).text())
                .isEqualTo("Two plus two is four.");
        assertThat(response.output().get(1).message().orElseThrow().content().get(0).outputText().orElseThrow().text()).isEqualTo("4");
    }

    private static String typeOf(ResponseStreamEvent e) {
        if (e.isCreated()) {
            return "response.created";
        } else if (e.isInProgress()) {
            return "response.in_progress";
        } else if (e.isOutputItemAdded()) {
            return "response.output_item.added";
        } else if (e.isContentPartAdded()) {
            return "response.content_part.added";
        } else if (e.isOutputTextDelta()) {
            return "response.output_text.delta";
        } else if (e.isOutputTextDone()) {
            return "response.output_text.done";
        } else if (e.isContentPartDone()) {
            return "response.content_part.done";
        } else if (e.isOutputItemDone()) {
            return "response.output_item.done";
        } else if (e.isCompleted()) {
            return "response.completed";
        }
        return "other";
    }
}
