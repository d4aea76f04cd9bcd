package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.testing.ModelServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standard data plane inside the embedded gateway, fed by the SQLite store through {@link StoreCatalog}. */
class EmbeddedDataPlaneTest {
    @TempDir
    Path data;
    MockWebServer model;
    EmbeddedGateway gateway;
    GatewayHarness gw;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        model = ModelServers.mockWebServer();
        model.start();
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(data));
        gw = new GatewayHarness(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        model.close();
    }

    private HttpResponse<String> chat(String token, String modelRef) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"" + modelRef
                        + "\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void controlPlaneChangesReachTheDataPlaneAndUseIsRecorded() throws Exception {
        String base = model.url("/").toString().replaceAll("/$", "");
        gw.post("/providers", "{\"providerId\": \"my-local\", \"baseUrl\": \"" + base + "\", \"models\": [{\"modelId\":"
                + " \"llama3.2\"}]}");
        String keyId = gw.providerKey("my-local", "primary", "upstream-secret-123").get("id").asText();
        String configId = gw.post("/access-key-configurations", "{\"name\": \"c\", \"router\": {\"rules\": [{"
                + "\"provider\": \"my-local\", \"steps\": [{\"keys\": [{\"id\": \"" + keyId + "\"}]}]}]}}")
                .json().get("id").asText();
        JsonNode access = gw.post("/access-keys", "{\"name\": \"laptop\", \"accessKeyConfigurationId\": \""
                + configId + "\"}").json();
        String token = access.get("token").asText();

        model.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body(
                "{\"id\": \"c1\", \"object\": \"chat.completion\", \"created\": 1, \"model\": \"llama3.2\","
                        + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": \"hello\"},"
                        + " \"finish_reason\": \"stop\"}]}").build());
        HttpResponse<String> r = chat(token, "my-local:llama3.2");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(r.body()).at("/choices/0/message/content").asText()).isEqualTo("hello");
        RecordedRequest upstream = model.takeRequest(5, TimeUnit.SECONDS);
        assertThat(upstream.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(upstream.getHeaders().get("Authorization")).isEqualTo("Bearer upstream-secret-123");
        assertThat(Json.mapper().readTree(upstream.getBody().utf8()).get("model").asText()).isEqualTo("llama3.2");

        await().atMost(Duration.ofSeconds(5)).until(() ->
                !gw.get("/access-keys/" + access.get("id").asText()).json().get("lastUsed").isNull()
                        && !gw.get("/provider-keys/" + keyId).json().get("lastUsed").isNull());

        // a deleted access key is refused on the very next request
        assertThat(gw.delete("/access-keys/" + access.get("id").asText()).status()).isEqualTo(204);
        assertThat(chat(token, "my-local:llama3.2").statusCode()).isEqualTo(401);
    }
}
