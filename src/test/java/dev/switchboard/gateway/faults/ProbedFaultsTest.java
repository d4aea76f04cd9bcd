package dev.switchboard.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.client.NoDelaySocketFactory;
import dev.switchboard.gateway.dataplane.GatewayFixture;
import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regression tests for the faults found by probing the gateway (issue 21: F1–F5 and the smaller ones). */
class ProbedFaultsTest {
    private static final String MODEL = "qwen2.5-coder-32b-instruct-q4_K_M";
    private static final String CHUNK = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"tok\"},\"finish_reason\":null}]}\n\n";
    private static final String PROVIDER_KEY = "sk-probe-SECRET-value-7f3a9c";

    @TempDir
    static Path dataDir;
    static GatewayFixture gw;
    final List<AutoCloseable> closeAfter = new ArrayList<>();
    String token;

    @BeforeAll
    static void start() {
        gw = new GatewayFixture(dataDir);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @BeforeEach
    void setUp() {
        token = gw.accessKey(null);
        gw.gatewayConfig("{\"totalTimeout\":\"60s\",\"perRequestTimeout\":\"30s\"}");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    private String provider(String baseUrl) {
        String id = GatewayFixture.newProviderId("my-workstation-vllm");
        gw.provider(id, baseUrl, List.of("openai/chat-completions"), List.of(MODEL));
        return id;
    }

    private RawModelServer raw(RawModelServer.Script script) throws IOException {
        RawModelServer r = new RawModelServer(script);
        closeAfter.add(r);
        return r;
    }

    private static String chat(String providerId, String extra) {
        return "{\"model\":\"" + providerId + ":" + MODEL + "\"" + extra
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":16}";
    }

    private record Answer(int status, String body, String requestId) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }
    }

    private Answer post(String path, String body) throws IOException {
        try (Response r = gw.post(path, token, body)) {
            return new Answer(r.code(), r.body().string(), r.header("Ngrok-AIG-Request-Id"));
        }
    }

    /** The request log's rows for a request, read right after it (no waiting: the log flushes first). */
    private List<JsonNode> logged(String requestId) {
        List<JsonNode> rows = new ArrayList<>();
        gw.admin("GET", "/usage/requests?includeRetries=true&limit=100", null).get("requests").forEach(e -> {
            if (e.get("requestId").asText().equals(requestId)) {
                rows.add(e);
            }
        });
        return rows;
    }

    // ---- F1: a stream that ends without its terminator

    @Test
    void aCloseDelimitedStreamCutAfterThreeEventsEndsWithAnErrorEventAndIsLoggedAsAnError() throws Exception {
        RawModelServer model = raw(x -> {
            x.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
            x.write(CHUNK + CHUNK + CHUNK);
        });
        Answer a = post("/v1/chat/completions", chat(provider(model.url()), ",\"stream\":true"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().split("\"tok\"", -1)).as("the three events, then the error").hasSize(4);
        assertThat(a.body()).doesNotContain("[DONE]").contains("ERR_NGROK_3800", "cut short");
        JsonNode row = logged(a.requestId()).get(0);
        assertThat(row.get("isError").asBoolean()).isTrue();
        assertThat(row.get("error").asText()).contains("cut short");
    }

    @Test
    void aCleanEndWithNoFinishReasonIsNoFinishOnTranslatedSurfacesEither() throws Exception {
        RawModelServer model = raw(x -> {
            x.chunkedHead(200, "text/event-stream");
            x.chunk(CHUNK);
            x.chunk(CHUNK);
            x.lastChunk();
        });
        String providerId = provider(model.url());
        Answer messages = post("/v1/messages", "{\"model\":\"" + providerId + ":" + MODEL + "\",\"max_tokens\":16,"
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(messages.body()).contains("tok", "event: error").doesNotContain("end_turn", "message_stop");
        assertThat(logged(messages.requestId()).get(0).get("isError").asBoolean()).isTrue();

        Answer responses = post("/v1/responses", "{\"model\":\"" + providerId + ":" + MODEL + "\",\"stream\":true,"
                + "\"input\":\"hi\"}");
        assertThat(responses.body()).contains("tok", "error").doesNotContain("response.completed");
        assertThat(logged(responses.requestId()).get(0).get("isError").asBoolean()).isTrue();
    }

    // ---- F2: provider-key values echoed by the upstream

    @Test
    void aProviderKeyEchoedInAnUpstreamErrorNeverReachesTheClient() throws Exception {
        MockWebServer model = ModelServers.mockWebServer();
        closeAfter.add(model);
        model.start();
        String echo = "{\"error\":{\"message\":\"invalid key: Bearer " + PROVIDER_KEY + "\",\"type\":\"auth\"}}";
        for (int i = 0; i < 2; i++) {
            model.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                    .body(echo).build());
        }
        String providerId = provider(model.url("/v1").toString());
        String key = gw.providerKey(providerId, "primary", PROVIDER_KEY);
        token = gw.accessKey(gw.configuration(null, "{\"rules\":[{\"provider\":\"" + providerId + "\",\"steps\":[{"
                + "\"type\":\"user\",\"keys\":[{\"id\":\"" + key + "\"}]}]}]}"));

        Answer chat = post("/v1/chat/completions", chat(providerId, ""));
        assertThat(chat.status()).isEqualTo(401);
        assertThat(chat.body()).doesNotContain(PROVIDER_KEY).contains("invalid key: Bearer [provider key removed");
        Answer anthropic = post("/v1/messages", "{\"model\":\"" + providerId + ":" + MODEL + "\",\"max_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(anthropic.status()).isEqualTo(401);
        assertThat(anthropic.json().get("type").asText()).as("reshaped as Anthropic's error").isEqualTo("error");
        assertThat(anthropic.body()).doesNotContain(PROVIDER_KEY).contains("[provider key removed");
    }

    // ---- F3: one duration parser for both planes

    @Test
    void aMicrosecondTimeoutTheControlPlaneAcceptsIsTheOneTheDataPlaneApplies() throws Exception {
        MockWebServer model = ModelServers.mockWebServer();
        closeAfter.add(model);
        model.start();
        String providerId = provider(model.url("/v1").toString());
        for (String micro : List.of("\u03bcs", "\u00b5s")) {
            gw.gatewayConfig("{\"perRequestTimeout\":\"1000000" + micro + "\"}");
            assertThat(gw.admin("GET", "/gateway-config", null).get("perRequestTimeout").asText()).endsWith(micro);
            model.enqueue(new MockResponse.Builder().headersDelay(4, java.util.concurrent.TimeUnit.SECONDS)
                    .body("{}").build());
            long t0 = System.nanoTime();
            Answer a = post("/v1/chat/completions", chat(providerId, ""));
            long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertThat(a.body()).as(micro).contains("1000 ms");
            assertThat(ms).as(micro + ": the 1 s timeout applied, not the 60 s default").isLessThan(3500);
        }
    }

    // ---- F5: stream that is not a boolean; the smaller ones

    @Test
    void aStreamThatIsNotABooleanIs400AndNothingGoesUpstream() throws Exception {
        RawModelServer model = raw(x -> x.write("HTTP/1.1 500 X\r\nContent-Length: 0\r\n\r\n"));
        String providerId = provider(model.url());
        for (String stream : List.of("\"yes\"", "\"false\"", "1", "{}")) {
            Answer a = post("/v1/chat/completions", chat(providerId, ",\"stream\":" + stream));
            assertThat(a.status()).as(stream).isEqualTo(400);
            assertThat(a.json().at("/error/code").asText()).isEqualTo("ERR_NGROK_3801");
            assertThat(a.json().at("/error/message").asText()).contains("\"stream\" must be true or false");
        }
        assertThat(model.requestCount()).isZero();
    }

    @Test
    void aStringOverJacksonsLimitIsToldAsSuchNotAsInvalidJson() throws Exception {
        String huge = "a".repeat(20_000_001);
        Answer a = post("/v1/chat/completions", "{\"model\":\"p:" + MODEL + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + huge + "\"}]}");
        assertThat(a.status()).isEqualTo(400);
        String message = a.json().at("/error/message").asText();
        assertThat(message).contains("String value length", "20000000").doesNotContain("not valid JSON",
                "StreamReadConstraints");
    }

    @Test
    void aModelServerThatHangsUpIsReachedButHungUpInPlainWords() throws Exception {
        RawModelServer model = raw(x -> { });
        Answer hungUp = post("/v1/chat/completions", chat(provider(model.url()), ""));
        assertThat(hungUp.status()).isEqualTo(502);
        String message = hungUp.json().at("/error/message").asText();
        assertThat(message).contains("was reached but hung up", "closed the connection")
                .doesNotContain("Could not reach", "Exception", "@", "HttpConnection");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Answer refused = post("/v1/chat/completions", chat(provider("http://127.0.0.1:" + closedPort + "/v1"), ""));
        assertThat(refused.json().at("/error/message").asText()).contains("Could not reach", "connection refused");
    }

    @Test
    void echoedInputIsCapped() throws Exception {
        String longModel = "m".repeat(5000);
        Answer a = post("/v1/chat/completions", "{\"model\":\"" + longModel + "\",\"messages\":[]}");
        String message = a.json().at("/error/message").asText();
        assertThat(a.status()).isEqualTo(422);
        assertThat(message).contains("(5000 characters)").hasSizeLessThan(400);
    }

    // ---- stopped requests, the log's freshness, TCP_NODELAY

    @Test
    void aStreamTheClientStopsIsLoggedAsStoppedNotAsAnError() throws Exception {
        RawModelServer model = raw(x -> {
            x.chunkedHead(200, "text/event-stream");
            for (int i = 0; i < 400; i++) {
                x.chunk(CHUNK);
                Thread.sleep(25);
            }
        });
        String providerId = provider(model.url());
        String requestId;
        try (Response r = gw.post("/v1/chat/completions", token, chat(providerId, ",\"stream\":true"))) {
            requestId = r.header("Ngrok-AIG-Request-Id");
            assertThat(r.body().source().readUtf8Line()).startsWith("data:");
        } // the client stops reading and hangs up
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !logged(requestId).isEmpty());
        JsonNode row = logged(requestId).get(0);
        assertThat(row.get("stopped").asBoolean()).isTrue();
        assertThat(row.get("statusCode").asInt()).isEqualTo(200);
        assertThat(row.get("isError").asBoolean()).isFalse();
    }

    @Test
    void theUsageLogShowsACallTheMomentItWasAnswered() throws Exception {
        MockWebServer model = ModelServers.mockWebServer();
        closeAfter.add(model);
        model.start();
        model.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("{\"id\":\"c\","
                + "\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}").build());
        Answer a = post("/v1/chat/completions", chat(provider(model.url("/v1").toString()), ""));
        assertThat(a.status()).isEqualTo(200);
        assertThat(gw.admin("GET", "/usage?startTime=2026-01-01T00:00:00Z", null).get("aiGatewayUsage").toString())
                .contains(a.requestId());
    }

    @Test
    void theAppsSocketsSendWithoutDelay() throws IOException {
        try (Socket s = NoDelaySocketFactory.INSTANCE.createSocket()) {
            assertThat(s.getTcpNoDelay()).isTrue();
        }
    }
}
