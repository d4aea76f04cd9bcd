package dev.switchboard.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.dataplane.GatewayFixture;
import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults of the model server, each with one candidate and with a fallback model on a healthy server: while
 * nothing was sent to the client the gateway fails over (or, with nothing left, answers the documented
 * error); afterwards a stream ends with an error event and a plain answer is never passed off as complete.
 * Never a {@code 200} that hides a failure, never a hung client.
 */
class ModelServerFaultsTest {
    private static final String CHAT = "/v1/chat/completions";
    private static final String MESSAGES = "/v1/messages";
    private static final String OK_BODY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"from the fallback\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
    private static final String OK_STREAM = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"from the fallback\"}}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
    private static final String EVENT_ONE = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"one\"}}]}\n\n";

    @TempDir
    static Path dataDir;
    static GatewayFixture gw;
    /** Every call has a deadline: a hung gateway fails the test rather than hanging it. */
    static OkHttpClient client;

    MockWebServer healthy;
    String healthyId;
    String token;
    final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void startGateway() {
        gw = new GatewayFixture(dataDir);
        client = gw.http.newBuilder().callTimeout(Duration.ofSeconds(20)).build();
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        healthy = ModelServers.mockWebServer();
        healthy.start();
        healthyId = GatewayFixture.newProviderId("healthy");
        gw.provider(healthyId, healthy.url("/").toString(), List.of("openai/chat-completions"), List.of("m"));
        token = gw.accessKey(null);
        gw.gatewayConfig("{\"totalTimeout\":\"20s\",\"perRequestTimeout\":\"10s\",\"maxInputTokens\":null,\"maxOutputTokens\":null}");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
        healthy.close();
    }

    // ---- scripting ----

    private MockWebServer mock() throws IOException {
        MockWebServer m = ModelServers.mockWebServer();
        m.start();
        closeAfter.add(m);
        return m;
    }

    private RawModelServer raw(RawModelServer.Script script) throws IOException {
        RawModelServer r = new RawModelServer(script);
        closeAfter.add(r);
        return r;
    }

    /** A chat-completions provider with model {@code m} at {@code baseUrl}. */
    private static String faulty(String baseUrl) {
        String id = GatewayFixture.newProviderId("faulty");
        gw.provider(id, baseUrl, List.of("openai/chat-completions"), List.of("m"));
        return id;
    }

    private String chat(String faultyId, boolean withFallback, boolean stream) {
        return "{\"model\":\"" + faultyId + ":m\"" + (withFallback ? ",\"models\":[\"" + healthyId + ":m\"]" : "")
                + (stream ? ",\"stream\":true" : "") + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private String messages(String faultyId, boolean withFallback, boolean stream) {
        return "{\"model\":\"" + faultyId + ":m\"" + (withFallback ? ",\"models\":[\"" + healthyId + ":m\"]" : "")
                + (stream ? ",\"stream\":true" : "") + ",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private Response post(String path, String body) throws IOException {
        Request.Builder b = new Request.Builder().url(gw.base + path).post(RequestBody.create(body, GatewayFixture.JSON));
        b.header(path.equals(MESSAGES) ? "x-api-key" : "Authorization", path.equals(MESSAGES) ? token : "Bearer " + token);
        return client.newCall(b.build()).execute();
    }

    private void healthyAnswers(boolean stream) {
        healthy.enqueue(stream
                ? new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(OK_STREAM).build()
                : new MockResponse.Builder().addHeader("Content-Type", "application/json").body(OK_BODY).build());
    }

    // ---- outcomes ----

    /** The fallback answered, after one failed attempt, and the answer is the fallback's, whole. */
    /** With a fallback, the healthy fallback answered; without one, 502 ERR_NGROK_3800 (nothing reached the client). */
    private void assertFellBackElse502(Response r, boolean withFallback, boolean stream) throws IOException {
        if (withFallback) {
            assertFellBack(r, stream);
        } else {
            assertError(r, 502, "ERR_NGROK_3800");
        }
    }

    private void assertFellBack(Response r, boolean stream) throws IOException {
        String text = r.body().string();
        assertThat(r.code()).as(text).isEqualTo(200);
        assertThat(r.header("Ngrok-AIG-Attempts")).isEqualTo("2");
        assertThat(r.header("Ngrok-AIG-Model")).isEqualTo(healthyId + ":m");
        assertThat(text).contains("from the fallback");
        if (stream) {
            assertThat(wellFormedEvents(text)).last().isEqualTo("[DONE]");
        } else {
            assertThat(Json.mapper().readTree(text).path("choices").get(0).path("message").path("content").asText())
                    .isEqualTo("from the fallback");
        }
        assertThat(healthy.getRequestCount()).isEqualTo(1);
    }

    private static JsonNode assertError(Response r, int status, String code) throws IOException {
        String text = r.body().string();
        assertThat(r.code()).as(text).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("Ngrok-AIG-Request-Id")).startsWith("rq_");
        JsonNode error = Json.mapper().readTree(text).path("error");
        assertThat(error.path("message").asText()).isNotBlank();
        if (code != null) {
            assertThat(error.path("code").asText()).isEqualTo(code);
        }
        return error;
    }

    /** The stream began, then failed: it ends with the gateway's error event, never a clean finish. */
    private static JsonNode assertStreamEndsWithError(Response r, String code) throws IOException {
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/event-stream");
        String text = r.body().string();
        List<String> data = wellFormedEvents(text);
        assertThat(data).as(text).doesNotContain("[DONE]").isNotEmpty();
        JsonNode last = Json.mapper().readTree(data.get(data.size() - 1));
        assertThat(last.path("error").path("code").asText()).as(text).isEqualTo(code);
        assertThat(last.path("error").path("message").asText()).isNotBlank();
        return last;
    }

    /**
     * The events as a client's SSE parser reads them, checking that each is whole: only {@code event:}
     * and {@code data:} lines, and data that is JSON or the {@code [DONE]} marker.
     */
    static List<String> wellFormedEvents(String text) throws IOException {
        List<String> out = new ArrayList<>();
        assertThat(text).as("ends at an event boundary").endsWith("\n\n");
        for (String block : text.split("\n\n")) {
            if (block.isEmpty()) {
                continue;
            }
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                assertThat(line).as("a line of event %s", block).matches("(event|data): .*");
                if (line.startsWith("data: ")) {
                    data.append(data.length() == 0 ? "" : "\n").append(line.substring(6));
                }
            }
            String d = data.toString();
            if (!d.equals("[DONE]")) {
                assertThat(Json.mapper().readTree(d).isObject()).as("event data %s", d).isTrue();
            }
            out.add(d);
        }
        return out;
    }

    /** The request log's rows for one provider (every attempt), once the batched writer has them. */
    private static List<JsonNode> usageRows(String providerId, int expected) {
        List<JsonNode> rows = new ArrayList<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            rows.clear();
            gw.admin("GET", "/usage/requests?includeRetries=true&provider=" + providerId, null).path("requests").forEach(rows::add);
            return rows.size() >= expected;
        });
        return rows;
    }

    // ---- an HTTP error from the model server ----

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void a500PassesThroughOrFailsOver(boolean withFallback) throws Exception {
        MockWebServer m = mock();
        m.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"model crashed\"}}").build());
        healthyAnswers(false);
        try (Response r = post(CHAT, chat(faulty(m.url("/").toString()), withFallback, false))) {
            if (withFallback) {
                assertFellBack(r, false);
            } else {
                assertThat(assertError(r, 500, null).path("message").asText()).isEqualTo("model crashed");
                assertThat(r.header("Ngrok-AIG-Attempts")).isEqualTo("1");
            }
        }
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void a429WithRetryAfterPassesThroughOrFailsOver(boolean withFallback) throws Exception {
        MockWebServer m = mock();
        m.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
                .addHeader("Content-Type", "application/json").body("{\"error\":{\"message\":\"slow down\"}}").build());
        healthyAnswers(true);
        try (Response r = post(CHAT, chat(faulty(m.url("/").toString()), withFallback, true))) {
            if (withFallback) {
                assertFellBack(r, true);
            } else {
                assertError(r, 429, null);
                assertThat(r.header("Retry-After")).isEqualTo("7");
            }
        }
    }

    // ---- no HTTP answer at all ----

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void connectionRefused(boolean withFallback) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        healthyAnswers(true);
        try (Response r = post(CHAT, chat(faulty("http://127.0.0.1:" + closedPort), withFallback, true))) {
            if (withFallback) {
                assertFellBack(r, true);
            } else {
                assertThat(assertError(r, 502, "ERR_NGROK_3800").path("message").asText()).contains("connection refused");
            }
        }
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void connectionResetBeforeHeaders(boolean withFallback) throws Exception {
        RawModelServer s = raw(RawModelServer.Exchange::reset);
        healthyAnswers(false);
        try (Response r = post(CHAT, chat(faulty(s.url()), withFallback, false))) {
            assertFellBackElse502(r, withFallback, false);
        }
        assertThat(s.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void aHangPastPerRequestTimeoutIsCutAndFailsOver(boolean withFallback) throws Exception {
        gw.gatewayConfig("{\"perRequestTimeout\":\"1s\"}");
        List<Long> closedAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        RawModelServer s = raw(x -> closedAt.add(x.awaitClosedByGateway(Duration.ofSeconds(15))));
        healthyAnswers(false);
        try (Response r = post(CHAT, chat(faulty(s.url()), withFallback, false))) {
            if (withFallback) {
                assertFellBack(r, false);
            } else {
                assertThat(assertError(r, 502, "ERR_NGROK_3800").path("message").asText()).contains("perRequestTimeout");
            }
        }
        // the gateway hung up on the silent model server rather than leaving the call open
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> closedAt.size() == 1);
        assertThat(closedAt.get(0)).isPositive();
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void headersThenSilencePastPerRequestTimeoutFailsOver(boolean withFallback) throws Exception {
        gw.gatewayConfig("{\"perRequestTimeout\":\"1s\"}");
        RawModelServer s = raw(x -> {
            x.chunkedHead(200, "text/event-stream");
            x.awaitClosedByGateway(Duration.ofSeconds(15));
        });
        healthyAnswers(true);
        try (Response r = post(CHAT, chat(faulty(s.url()), withFallback, true))) {
            assertFellBackElse502(r, withFallback, true);
        }
    }

    // ---- the total timeout ----

    @Test
    void pastTheTotalTimeoutAcrossSilentAttemptsIs504() throws Exception {
        gw.gatewayConfig("{\"perRequestTimeout\":\"1s\",\"totalTimeout\":\"1500ms\"}");
        RawModelServer s = raw(x -> x.awaitClosedByGateway(Duration.ofSeconds(15)));
        String first = faulty(s.url());
        String second = faulty(s.url());
        try (Response r = post(CHAT, "{\"model\":\"" + first + ":m\",\"models\":[\"" + second
                + ":m\"],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
            assertError(r, 504, "ERR_NGROK_3810");
            assertThat(r.header("Ngrok-AIG-Attempts")).isEqualTo("2");
        }
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void pastTheTotalTimeoutMidPlainAnswerIs504(boolean withFallback) throws Exception {
        gw.gatewayConfig("{\"perRequestTimeout\":\"1s\",\"totalTimeout\":\"1500ms\"}");
        RawModelServer s = raw(x -> {
            x.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n");
            x.write(OK_BODY.substring(0, 60));
            x.awaitClosedByGateway(Duration.ofSeconds(15));
        });
        try (Response r = post(CHAT, chat(faulty(s.url()), withFallback, false))) {
            assertError(r, 504, "ERR_NGROK_3810");
        }
        assertThat(healthy.getRequestCount()).isZero();
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void pastTheTotalTimeoutMidStreamEndsWithAnErrorEvent(boolean withFallback) throws Exception {
        gw.gatewayConfig("{\"perRequestTimeout\":\"1s\",\"totalTimeout\":\"1500ms\"}");
        RawModelServer s = raw(x -> {
            x.chunkedHead(200, "text/event-stream");
            x.chunk(EVENT_ONE);
            x.awaitClosedByGateway(Duration.ofSeconds(15));
        });
        try (Response r = post(CHAT, chat(faulty(s.url()), withFallback, true))) {
            assertStreamEndsWithError(r, "ERR_NGROK_3810");
        }
        assertThat(healthy.getRequestCount()).isZero();
    }

    // ---- an answer cut short ----

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void aStreamCutMidEventEndsWithAWholeErrorEvent(boolean withFallback) throws Exception {
        RawModelServer s = raw(x -> {
            x.chunkedHead(200, "text/event-stream");
            x.chunk(EVENT_ONE);
            x.chunk("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tw");
            // the connection drops here, mid-event
        });
        try (Response r = post(CHAT, chat(faulty(s.url()), withFallback, true))) {
            JsonNode error = assertStreamEndsWithError(r, "ERR_NGROK_3800");
            assertThat(error.path("error").path("message").asText()).contains("broke off");
        }
        assertThat(healthy.getRequestCount()).isZero();
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void aStreamCutBeforeItsFirstWholeEventFailsOver(boolean withFallback) throws Exception {
        RawModelServer s = raw(x -> {
            x.chunkedHead(200, "text/event-stream");
            x.chunk("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"on");
        });
        healthyAnswers(true);
        try (Response r = post(CHAT, chat(faulty(s.url()), withFallback, true))) {
            assertFellBackElse502(r, withFallback, true);
        }
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void aPlainAnswerCutMidwayIsNeverDeliveredAsComplete(boolean withFallback) throws Exception {
        RawModelServer s = raw(x -> {
            x.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2000\r\nConnection: close\r\n\r\n");
            x.write(OK_BODY.substring(0, 60));
        });
        healthyAnswers(false);
        try (Response r = post(CHAT, chat(faulty(s.url()), withFallback, false))) {
            assertFellBackElse502(r, withFallback, false);
        }
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void aChunkedPlainAnswerCutMidwayIsNeverDeliveredAsComplete(boolean withFallback) throws Exception {
        MockWebServer m = mock();
        m.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .chunkedBody(OK_BODY.replace("from the fallback", "x".repeat(2000)), 100)
                .onResponseBody(new SocketEffect.CloseSocket()).build());
        healthyAnswers(false);
        try (Response r = post(CHAT, chat(faulty(m.url("/").toString()), withFallback, false))) {
            // A plain answer goes out only once whole, so nothing was sent yet: fail over, or 502.
            assertFellBackElse502(r, withFallback, false);
        }
    }

    // ---- an answer that is not what it says ----

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void a2xxThatIsNotJsonFailsOver(boolean withFallback) throws Exception {
        MockWebServer m = mock();
        m.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .body("<html><body>502 Bad Gateway</body></html>").build());
        healthyAnswers(false);
        String id = faulty(m.url("/").toString());
        try (Response r = post(CHAT, chat(id, withFallback, false))) {
            if (withFallback) {
                assertFellBack(r, false);
            } else {
                assertThat(assertError(r, 502, "ERR_NGROK_3800").path("message").asText()).contains("not JSON");
            }
        }
        // The request log does not count the garbage as a success either.
        JsonNode row = usageRows(id, 1).get(0);
        assertThat(row.path("isError").asBoolean()).isTrue();
        assertThat(row.path("error").asText()).contains("not JSON");
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void a2xxGarbageForAStreamFailsOver(boolean withFallback) throws Exception {
        MockWebServer m = mock();
        m.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/html")
                .body("<html><body>captive portal</body></html>").build());
        healthyAnswers(true);
        try (Response r = post(CHAT, chat(faulty(m.url("/").toString()), withFallback, true))) {
            assertFellBackElse502(r, withFallback, true);
        }
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void a2xxThatIsNotJsonThroughATranslatedSurfaceFailsOver(boolean withFallback) throws Exception {
        MockWebServer m = mock();
        m.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("not json at all").build());
        healthyAnswers(false);
        try (Response r = post(MESSAGES, messages(faulty(m.url("/").toString()), withFallback, false))) {
            String text = r.body().string();
            JsonNode body = Json.mapper().readTree(text);
            if (withFallback) {
                assertThat(r.code()).as(text).isEqualTo(200);
                assertThat(r.header("Ngrok-AIG-Attempts")).isEqualTo("2");
                assertThat(body.path("type").asText()).isEqualTo("message");
                assertThat(body.path("content").get(0).path("text").asText()).isEqualTo("from the fallback");
            } else {
                assertThat(r.code()).as(text).isEqualTo(502);
                assertThat(body.path("type").asText()).isEqualTo("error");
                assertThat(body.path("error").path("type").asText()).isEqualTo("api_error");
                assertThat(body.path("error").path("code").asText()).isEqualTo("ERR_NGROK_3800");
            }
        }
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void aMalformedEventMidStreamEndsItWithAnErrorEvent(boolean withFallback) throws Exception {
        MockWebServer m = mock();
        m.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body(EVENT_ONE + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\"\n\n" + OK_STREAM).build());
        String id = faulty(m.url("/").toString());
        try (Response r = post(CHAT, chat(id, withFallback, true))) {
            JsonNode error = assertStreamEndsWithError(r, "ERR_NGROK_3800");
            assertThat(error.path("error").path("message").asText()).contains("not JSON");
        }
        assertThat(healthy.getRequestCount()).isZero();
        JsonNode row = usageRows(id, 1).get(0);
        assertThat(row.path("isError").asBoolean()).isTrue();
        assertThat(row.path("error").asText()).contains("not JSON");
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void aMalformedFirstEventFailsOver(boolean withFallback) throws Exception {
        MockWebServer m = mock();
        m.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body("data: <!doctype html>\n\n" + OK_STREAM).build());
        healthyAnswers(true);
        try (Response r = post(CHAT, chat(faulty(m.url("/").toString()), withFallback, true))) {
            assertFellBackElse502(r, withFallback, true);
        }
    }

    @ParameterizedTest(name = "with fallback: {0}")
    @ValueSource(booleans = {false, true})
    void aMalformedEventThroughATranslatedSurfaceEndsWithAnAnthropicErrorEvent(boolean withFallback) throws Exception {
        MockWebServer m = mock();
        m.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body(EVENT_ONE + "data: {\"choices\":[oops\n\n" + OK_STREAM).build());
        try (Response r = post(MESSAGES, messages(faulty(m.url("/").toString()), withFallback, true))) {
            assertThat(r.code()).isEqualTo(200);
            String text = r.body().string();
            List<String> data = wellFormedEvents(text);
            assertThat(text).contains("event: message_start").contains("event: error\n").doesNotContain("message_stop");
            JsonNode last = Json.mapper().readTree(data.get(data.size() - 1));
            assertThat(last.path("type").asText()).isEqualTo("error");
        }
        assertThat(healthy.getRequestCount()).isZero();
    }
}
