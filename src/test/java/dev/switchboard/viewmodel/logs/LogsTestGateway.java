package dev.switchboard.viewmodel.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.GatewayException;
import dev.switchboard.client.Surface;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A real embedded gateway with a scripted model server behind {@code my-ollama} and an access key
 * {@code laptop} allowed only {@code my-ollama:llama3.2}, for the Logs tests.
 */
public final class LogsTestGateway implements AutoCloseable {
    public static final String OK_BODY = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}";

    public final EmbeddedGateway gateway;
    public final GatewayClient admin;
    public final MockWebServer modelServer = ModelServers.mockWebServer();
    public final String token;
    public final String accessKeyId;
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    public LogsTestGateway(Path dir) throws IOException {
        modelServer.start(InetAddress.getLoopbackAddress(), 0);
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(dir));
        admin = GatewayClient.builder().embedded(gateway.baseUrl().toString()).apiKey(gateway.adminKey()).build();
        post("/providers", "{\"providerId\":\"my-ollama\",\"name\":\"Local Ollama\",\"baseUrl\":\"http://127.0.0.1:"
                + modelServer.getPort() + "\",\"supportedApiSurfaces\":[{\"format\":\"openai\",\"surface\":\"chat-completions\"}],"
                + "\"models\":[{\"modelId\":\"llama3.2\"},{\"modelId\":\"qwen2.5:0.5b\"}]}");
        String config = post("/access-key-configurations", "{\"name\":\"only-llama\",\"access\":{\"models\":{\"allow\":"
                + "[\"my-ollama:llama3.2\"]}}}").get("id").asText();
        ObjectNode key = post("/access-keys", "{\"name\":\"laptop\",\"accessKeyConfigurationId\":\"" + config + "\"}");
        token = key.get("token").asText();
        accessKeyId = key.get("id").asText();
    }

    private ObjectNode post(String path, String json) throws IOException {
        Request req = new Request.Builder().url(gateway.baseUrl() + path)
                .header("Authorization", "Bearer " + gateway.adminKey())
                .post(RequestBody.create(json, okhttp3.MediaType.get("application/json"))).build();
        try (var r = http.newCall(req).execute()) {
            String body = r.body().string();
            if (!r.isSuccessful()) {
                throw new IllegalStateException(path + " -> " + r.code() + " " + body);
            }
            return (ObjectNode) Json.mapper().readTree(body);
        }
    }

    /** One chat call through the data plane; a refusal is expected for models the key may not call. */
    public void chat(String model, String prompt) {
        ObjectNode body = Json.mapper().createObjectNode().put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        try {
            admin.complete(token, Surface.CHAT_COMPLETIONS, body);
        } catch (GatewayException refused) {
            // refusals are logged too; the tests look at the log
        }
    }

    public void answerOk() {
        modelServer.enqueue(new MockResponse.Builder().body(OK_BODY).addHeader("Content-Type", "application/json").build());
    }

    public void answer500() {
        modelServer.enqueue(new MockResponse.Builder().code(500).body("{\"error\":\"down\"}").build());
    }

    /** Waits until the usage writer has written everything queued so far. */
    public void flushLog() {
        gateway.store().usageRecorder().flush(Duration.ofSeconds(5));
    }

    public List<String> secrets() {
        return List.of(token, gateway.adminKey());
    }

    @Override
    public void close() {
        admin.close();
        gateway.close();
        modelServer.close();
    }
}
