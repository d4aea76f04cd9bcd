package dev.switchboard.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.switchboard.api.Json;
import dev.switchboard.testing.ModelServers;
import java.nio.file.Path;
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

/** The OpenAI SDK's Chat Completions, through the real gateway, on a model server that speaks only Anthropic Messages. */
class ChatClientOnMessagesProviderTest {
    @TempDir
    static Path dataDir;

    private static MockWebServer model;
    private static TranslationGateway gateway;
    private static OpenAIClient openai;

    @BeforeAll
    static void start() throws Exception {
        model = ModelServers.mockWebServer();
        model.start();
        gateway = TranslationGateway.start(dataDir, model.url("/").toString());
        openai = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl() + "/v1").apiKey(gateway.accessToken()).maxRetries(0).build();
    }

    @BeforeEach
    void forgetEarlierAttempts() {
        gateway.clearAttempts();
    }

    @AfterAll
    static void stop() throws Exception {
        openai.close();
        gateway.close();
        model.close();
    }

    private static JsonNode upstreamBody() throws Exception {
        RecordedRequest request = model.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(request.getHeaders().get("anthropic-version")).isNotBlank();
        return Json.mapper().readTree(request.getBody().utf8());
    }

    private static ChatCompletionCreateParams.Builder weatherRequest() {
        return ChatCompletionCreateParams.builder().model("anthro:claude-x").addSystemMessage("Be brief.")
                .addUserMessage("Weather in Oslo?").maxCompletionTokens(200)
                .addFunctionTool(FunctionDefinition.builder().name("get_weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                .build())
                        .build());
    }

    @Test
    void aToolCallComesBackAsChatToolCalls() throws Exception {
        model.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-x",
                 "content":[{"type":"text","text":"Checking."},{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Oslo"}}],
                 "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":20,"output_tokens":9}}""").build());

        ChatCompletion completion = openai.chat().completions().create(weatherRequest().build());

        JsonNode up = upstreamBody();
        assertThat(up).isEqualTo(Json.mapper().readTree("""
                {"model":"claude-x","system":"Be brief.","messages":[{"role":"user","content":[{"type":"text","text":"Weather in Oslo?"}]}],
                 "max_tokens":200,"tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]}"""));
        completion.validate();
        assertThat(completion.choices().get(0).finishReason()).hasToString("tool_calls");
        assertThat(completion.choices().get(0).message().content()).contains("Checking.");
        ChatCompletionMessageFunctionToolCall call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.id()).isEqualTo("toolu_1");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(Json.mapper().readTree(call.function().arguments())).isEqualTo(Json.mapper().readTree("{\"city\":\"Oslo\"}"));
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(20);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(9);
    }

    @Test
    void aStreamedToolCallArrivesAsChatChunksWithUsageAtTheEnd() throws Exception {
        String events = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_s","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":22,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_s","name":"get_weather","input":{}}}

                event: ping
                data: {"type":"ping"}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"city\\": "}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"\\"Oslo\\"}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":14}}

                event: message_stop
                data: {"type":"message_stop"}

                """;
        model.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(events).build());

        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(
                weatherRequest().streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        JsonNode up = upstreamBody();
        assertThat(up.path("stream").asBoolean()).isTrue();
        assertThat(up.has("stream_options")).isFalse();
        ChatCompletion completion = accumulator.chatCompletion();
        assertThat(completion.choices().get(0).finishReason()).hasToString("tool_calls");
        ChatCompletionMessageFunctionToolCall call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.id()).isEqualTo("toolu_s");
        assertThat(Json.mapper().readTree(call.function().arguments())).isEqualTo(Json.mapper().readTree("{\"city\":\"Oslo\"}"));
        assertThat(completion.usage().orElseThrow().promptTokens()).isEqualTo(22);
        assertThat(completion.usage().orElseThrow().completionTokens()).isEqualTo(14);
        assertThat(gateway.attempts()).singleElement().satisfies(a -> {
            assertThat(a.surface()).isEqualTo("messages");
            assertThat(a.clientSurface()).isEqualTo("chat-completions");
        });
    }
}
