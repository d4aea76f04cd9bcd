package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.dataplane.GatewayFixture;
import dev.switchboard.testing.ModelServers;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client keeping its connection open gets each next request read on the thread that finished the
 * previous answer (no hand-off to a pooled thread per request: see {@code InlineConnectionTasksPool}), and
 * the answers, the control plane on the same connection and the request log are unaffected.
 */
class InlineConnectionTasksTest {
    private static final String MODEL = "qwen2.5-coder-32b-instruct-q4_K_M";
    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"" + MODEL
            + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    @TempDir
    Path data;

    /**
     * A provider answering every call with {@link #ANSWER} a few milliseconds after it was asked, as a model server
     * does: the answer completes after the gateway's handler has returned, the case the inline resume is for.
     * Returns the chat body that names its model.
     */
    private static String answeringProvider(GatewayFixture gw, MockWebServer upstream) throws Exception {
        upstream.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().headersDelay(2, TimeUnit.MILLISECONDS)
                        .addHeader("Content-Type", "application/json").body(ANSWER).build();
            }
        });
        upstream.start();
        String provider = GatewayFixture.newProviderId("my-workstation-vllm");
        gw.provider(provider, upstream.url("/").toString(), List.of("openai/chat-completions"), List.of(MODEL));
        return "{\"model\":\"" + provider + ":" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}";
    }

    /** One call, so the key and the routing table are cached (a cold cache is loaded on the pool). */
    private static void warmCaches(GatewayFixture gw, String token, String body) throws Exception {
        try (Response r = gw.post("/v1/chat/completions", token, body)) {
            assertThat(r.code()).isEqualTo(200);
        }
    }

    @Test
    void consecutiveRequestsOnOneConnectionAreReadWithoutAHandOff() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(data); MockWebServer upstream = ModelServers.mockWebServer()) {
            String body = answeringProvider(gw, upstream);
            String token = gw.accessKey(null);
            warmCaches(gw, token, body);
            long before = gw.gateway.server().resumedInline();
            int calls = 40;
            for (int i = 0; i < calls; i++) {
                try (Response r = gw.post("/v1/chat/completions", token, body)) {
                    assertThat(r.code()).isEqualTo(200);
                    JsonNode answer = Json.mapper().readTree(r.body().string());
                    assertThat(answer.path("choices").get(0).path("message").path("content").asText()).isEqualTo("hi");
                }
                if (i == calls / 2) {
                    // the control plane on the same connection: it answers from the pool, then the connection goes on
                    Request list = new Request.Builder().url(gw.base + "/providers")
                            .header("Authorization", "Bearer " + gw.gateway.adminKey()).build();
                    try (Response r = gw.http.newCall(list).execute()) {
                        assertThat(r.code()).isEqualTo(200);
                    }
                }
            }
            assertThat(gw.http.connectionPool().connectionCount()).as("one kept-alive connection").isEqualTo(1);
            assertThat(gw.gateway.server().resumedInline() - before)
                    .as("answers after which the connection's next request was read on the completing thread")
                    .isGreaterThanOrEqualTo(calls);
            assertThat(upstream.getRequestCount()).isEqualTo(calls + 1);
        }
    }

    @Test
    void newConnectionsAreSetUpOnTheSelectorThatAcceptedThem() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(data); MockWebServer upstream = ModelServers.mockWebServer()) {
            String body = answeringProvider(gw, upstream);
            String token = gw.accessKey(null);
            long before = gw.gateway.server().acceptedInline();
            int connections = 20;
            for (int i = 0; i < connections; i++) {
                GatewayFixture.RawAnswer a = gw.raw("POST", "/v1/chat/completions",
                        Map.of("Authorization", "Bearer " + token), body); // a fresh connection each, closed after
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.json().path("choices").get(0).path("message").path("content").asText()).isEqualTo("hi");
            }
            assertThat(gw.gateway.server().acceptedInline() - before)
                    .as("connections set up on the selector thread").isGreaterThanOrEqualTo(connections);
        }
    }

    @Test
    void manyRequestsPipelinedInOneWriteAreAllAnsweredInOrder() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(data); MockWebServer upstream = ModelServers.mockWebServer()) {
            String body = answeringProvider(gw, upstream);
            String token = gw.accessKey(null);
            warmCaches(gw, token, body);
            int requests = 300;
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < requests; i++) {
                all.append("POST /v1/chat/completions HTTP/1.1\r\nHost: ").append(gw.gateway.baseUrl().getAuthority())
                        .append("\r\nAuthorization: Bearer ").append(token)
                        .append("\r\nContent-Type: application/json\r\nContent-Length: ").append(content.length)
                        .append(i == requests - 1 ? "\r\nConnection: close" : "").append("\r\n\r\n").append(body);
            }
            String answers;
            try (Socket s = new Socket(gw.gateway.baseUrl().getHost(), gw.gateway.port())) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write(all.toString().getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                answers = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(answers.split("HTTP/1\\.1 200 OK", -1)).as("answers").hasSize(requests + 1);
            assertThat(answers.split("\"content\":\"hi\"", -1)).hasSize(requests + 1);
            assertThat(answers).doesNotContain("HTTP/1.1 5");
        }
    }
}
