package dev.switchboard.gateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.api.Json;
import dev.switchboard.testing.ModelServers;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
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
 * The official OpenAI and Anthropic Java SDKs, pointed at the embedded gateway with an access key,
 * reach a scripted local model server by {@code provider:model}, plain and streaming.
 */
class SdkClientsTest {
    @TempDir
    static Path dataDir;
    static GatewayFixture gw;

    MockWebServer upstream;

    @BeforeAll
    static void startGateway() {
        gw = new GatewayFixture(dataDir);
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = ModelServers.mockWebServer();
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.close();
    }

    /** A provider on the scripted server with one key, and an access key allowed only {@code provider:model}. */
    private String[] setUp(String surface, String model) {
        String provider = GatewayFixture.newProviderId("local");
        gw.provider(provider, upstream.url("/").toString(), List.of(surface), List.of(model));
        String key = gw.providerKey(provider, "main", "sk-local-secret-1");
        String config = gw.configuration("{\"models\":{\"allow\":[\"" + provider + ":" + model + "\"]}}",
                "{\"rules\":[{\"provider\":\"" + provider + "\",\"steps\":[{\"type\":\"user\",\"keys\":[{\"id\":\"" + key + "\"}]}]}]}");
        return new String[] {provider, gw.accessKey(config)};
    }

    private OpenAIClient openAi(String token) {
        return OpenAIOkHttpClient.builder().baseUrl(gw.base + "/v1").apiKey(token).maxRetries(0).build();
    }

    private AnthropicClient anthropic(String token) {
        return AnthropicOkHttpClient.builder().baseUrl(gw.base).apiKey(token).maxRetries(0).build();
    }

    @Test
    void openAiSdkChatCompletion() throws Exception {
        String[] p = setUp("openai/chat-completions", "llama3.2");
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(
                "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"llama3.2\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello from Ollama\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}").build());
        OpenAIClient client = openAi(p[1]);
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(p[0] + ":llama3.2").addUserMessage("Say hello").build());
        assertThat(c.choices().get(0).message().content()).contains("Hello from Ollama");
        RecordedRequest seen = upstream.takeRequest();
        JsonNode sent = Json.mapper().readTree(seen.getBody().utf8());
        assertThat(sent.path("model").asText()).isEqualTo("llama3.2");
        assertThat(seen.getHeaders().get("Authorization")).isEqualTo("Bearer sk-local-secret-1");
    }

    @Test
    void openAiSdkStreamingChatCompletion() {
        String[] p = setUp("openai/chat-completions", "qwen2.5:0.5b");
        StringBuilder sse = new StringBuilder();
        for (String piece : List.of("Hel", "lo", "!")) {
            sse.append("data: {\"id\":\"chatcmpl-9\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"qwen2.5:0.5b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").append(piece)
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        sse.append("data: [DONE]\n\n");
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .chunkedBody(sse.toString(), 40).build());
        OpenAIClient client = openAi(p[1]);
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model(p[0] + ":qwen2.5:0.5b").addUserMessage("Say hello").build())) {
            String text = stream.stream().flatMap(ch -> ch.choices().stream())
                    .map(ch -> ch.delta().content().orElse("")).collect(Collectors.joining());
            assertThat(text).isEqualTo("Hello!");
        }
    }

    @Test
    void openAiSdkSeesTheGatewaysErrorsAsTypedExceptions() {
        String[] p = setUp("openai/chat-completions", "llama3.2");
        OpenAIClient client = openAi(p[1]);
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(p[0] + ":not-allowed").addUserMessage("x").build()))
                .isInstanceOfSatisfying(OpenAIServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(422);
                    assertThat(e.code()).contains("ERR_NGROK_3803");
                });
        assertThat(upstream.getRequestCount()).isZero();
    }

    @Test
    void anthropicSdkMessage() throws Exception {
        String[] p = setUp("anthropic/messages", "claude-local");
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(
                "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-local\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"Hi from a local Claude-compatible server\"}],"
                        + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":4,\"output_tokens\":7}}").build());
        AnthropicClient client = anthropic(p[1]);
        Message m = client.messages().create(MessageCreateParams.builder().model(p[0] + ":claude-local")
                .maxTokens(64).addUserMessage("Say hi").build());
        assertThat(m.content().get(0).text().orElseThrow().text()).isEqualTo("Hi from a local Claude-compatible server");
        RecordedRequest seen = upstream.takeRequest();
        assertThat(seen.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(seen.getHeaders().get("x-api-key")).isEqualTo("sk-local-secret-1");
        assertThat(seen.getHeaders().get("anthropic-version")).isNotBlank();
        assertThat(Json.mapper().readTree(seen.getBody().utf8()).path("model").asText()).isEqualTo("claude-local");
    }

    @Test
    void anthropicSdkStreamingMessage() {
        String[] p = setUp("anthropic/messages", "claude-local");
        String sse = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-local\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":4,\"output_tokens\":1}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi \"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"there\"}}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":2}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").chunkedBody(sse, 64).build());
        AnthropicClient client = anthropic(p[1]);
        try (com.anthropic.core.http.StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(
                MessageCreateParams.builder().model(p[0] + ":claude-local").maxTokens(64).addUserMessage("Say hi").build())) {
            List<RawMessageStreamEvent> events = stream.stream().toList();
            String text = events.stream().filter(RawMessageStreamEvent::isContentBlockDelta)
                    .map(e -> e.asContentBlockDelta().delta().text().map(t -> t.text()).orElse(""))
                    .collect(Collectors.joining());
            assertThat(text).isEqualTo("Hi there");
            assertThat(events.get(events.size() - 1).isMessageStop()).isTrue();
        }
    }

    @Test
    void anthropicSdkReachesAChatOnlyProviderThroughTranslation() throws Exception {
        String[] p = setUp("openai/chat-completions", "llama3.2");
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(
                "{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"llama3.2\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Translated hello\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}").build());
        Message m = anthropic(p[1]).messages().create(MessageCreateParams.builder().model(p[0] + ":llama3.2")
                .maxTokens(64).addUserMessage("Say hello").build());
        assertThat(m.content().get(0).text().orElseThrow().text()).isEqualTo("Translated hello");
        RecordedRequest seen = upstream.takeRequest();
        assertThat(seen.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(seen.getHeaders().get("Authorization")).isEqualTo("Bearer sk-local-secret-1");
        JsonNode sent = Json.mapper().readTree(seen.getBody().utf8());
        assertThat(sent.path("model").asText()).isEqualTo("llama3.2");
        assertThat(sent.path("messages").get(0).path("role").asText()).isEqualTo("user");
    }
}
