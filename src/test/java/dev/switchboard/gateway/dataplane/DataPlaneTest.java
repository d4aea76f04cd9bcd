package dev.switchboard.gateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data plane end to end: the real embedded gateway, set up through its control plane, in front of
 * a scripted model server.
 */
class DataPlaneTest {
    private static final String CHAT = "/v1/chat/completions";
    private static final String OK_BODY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    @TempDir
    static Path dataDir;
    static GatewayFixture gw;

    MockWebServer upstream;
    String provider;
    String keyA;
    String keyB;
    /** A token whose configuration routes {@code provider} through keys A then B. */
    String token;

    @BeforeAll
    static void startGateway() {
        gw = new GatewayFixture(dataDir);
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        upstream = ModelServers.mockWebServer();
        upstream.start();
        provider = GatewayFixture.newProviderId("ollama");
        gw.provider(provider, upstream.url("/").toString(), List.of("openai/chat-completions"),
                List.of("llama3.2", "qwen2.5:0.5b", "secret-model"));
        keyA = gw.providerKey(provider, "primary", "sk-primary-0001");
        keyB = gw.providerKey(provider, "backup", "sk-backup-0002");
        String config = gw.configuration(
                "{\"providers\":{\"allow\":[\"" + provider + "\"]},\"models\":{\"allow\":[\"" + provider + ":llama3.2\",\""
                        + provider + ":qwen2.5:0.5b\"]}}",
                "{\"rules\":[{\"provider\":\"" + provider + "\",\"steps\":[{\"type\":\"user\",\"keys\":[{\"id\":\"" + keyA
                        + "\"},{\"id\":\"" + keyB + "\"}]}]}]}");
        token = gw.accessKey(config);
        gw.gatewayConfig("{\"totalTimeout\":\"20s\",\"perRequestTimeout\":\"10s\",\"maxInputTokens\":null,\"maxOutputTokens\":null}");
    }

    @AfterEach
    void tearDown() {
        upstream.close();
    }

    private String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}";
    }

    private static JsonNode json(Response r) throws IOException {
        return Json.mapper().readTree(r.body().string());
    }

    private static void assertTraceHeaders(Response r, String attempts) {
        assertThat(r.header("Ngrok-AIG-Request-Id")).startsWith("rq_");
        assertThat(r.header("Ngrok-AIG-Attempts")).isEqualTo(attempts);
        assertThat(r.header("Ngrok-AIG-Model")).isNotNull();
    }

    private static void assertOpenAiError(Response r, int status, String code) throws IOException {
        assertThat(r.code()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.path("error").path("code").isNull() ? null : body.path("error").path("code").asText())
                .isEqualTo(code);
        assertThat(body.path("error").path("message").asText()).isNotBlank();
        assertThat(body.path("error").path("type").asText()).isNotBlank();
    }

    @Test
    void relaysAChatCompletionWithTheProvidersOwnModelIdAndKey() throws Exception {
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(OK_BODY).build());
        try (Response r = gw.post(CHAT, token, "{\"model\":\"" + provider + ":qwen2.5:0.5b\",\"models\":[\"" + provider
                + ":llama3.2\"],\"messages\":[{\"role\":\"user\",\"content\":\"Say hi\"}]}")) {
            assertThat(r.code()).isEqualTo(200);
            assertTraceHeaders(r, "1");
            assertThat(r.header("Ngrok-AIG-Model")).isEqualTo(provider + ":qwen2.5:0.5b");
            assertThat(json(r).path("choices").get(0).path("message").path("content").asText()).isEqualTo("hi");
        }
        RecordedRequest seen = upstream.takeRequest();
        assertThat(seen.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(seen.getHeaders().get("Authorization")).isEqualTo("Bearer sk-primary-0001");
        JsonNode sent = Json.mapper().readTree(seen.getBody().utf8());
        assertThat(sent.path("model").asText()).isEqualTo("qwen2.5:0.5b");
        assertThat(sent.has("models")).isFalse();
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("Say hi");
    }

    @Test
    void aBareModelIdKnownToExactlyOneAllowedProviderWorks() throws Exception {
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(OK_BODY).build());
        String onlyThis = gw.accessKey(gw.configuration("{\"providers\":{\"allow\":[\"" + provider + "\"]}}",
                "{\"rules\":[{\"provider\":\"" + provider + "\",\"steps\":[{\"type\":\"user\",\"keys\":[{\"id\":\"" + keyB + "\"}]}]}]}"));
        try (Response r = gw.post(CHAT, onlyThis, chat("secret-model"))) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.header("Ngrok-AIG-Model")).isEqualTo(provider + ":secret-model");
        }
        assertThat(upstream.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-backup-0002");
    }

    // ---- each error row of API.md's data-plane table ----

    @Test
    void missingUnknownAndDeletedAccessKeysAre401InTheSurfacesShape() throws Exception {
        try (Response r = gw.post(CHAT, null, chat(provider + ":llama3.2"))) {
            assertOpenAiError(r, 401, null);
            assertTraceHeaders(r, "0");
        }
        try (Response r = gw.post(CHAT, "ng-not-a-key", chat(provider + ":llama3.2"))) {
            assertOpenAiError(r, 401, null);
        }
        Request anthropic = new Request.Builder().url(gw.base + "/v1/messages").header("x-api-key", "ng-nope")
                .post(RequestBody.create("{}", GatewayFixture.JSON)).build();
        try (Response r = gw.http.newCall(anthropic).execute()) {
            assertThat(r.code()).isEqualTo(401);
            assertTraceHeaders(r, "0");
            JsonNode body = json(r);
            assertThat(body.path("type").asText()).isEqualTo("error");
            assertThat(body.path("error").path("type").asText()).isEqualTo("authentication_error");
        }
        // A deleted key is refused on the very next request, though it was just used (and cached).
        String config = gw.configuration(null, "{\"rules\":[{\"provider\":\"" + provider
                + "\",\"steps\":[{\"type\":\"user\",\"keys\":[{\"id\":\"" + keyA + "\"}]}]}]}");
        JsonNode created = gw.admin("POST", "/access-keys", Json.mapper().createObjectNode()
                .put("name", "doomed").put("accessKeyConfigurationId", config));
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).build());
        try (Response r = gw.post(CHAT, created.get("token").asText(), chat(provider + ":llama3.2"))) {
            assertThat(r.code()).isEqualTo(200);
        }
        gw.admin("DELETE", "/access-keys/" + created.get("id").asText(), null);
        try (Response r = gw.post(CHAT, created.get("token").asText(), chat(provider + ":llama3.2"))) {
            assertOpenAiError(r, 401, null);
        }
        assertThat(upstream.getRequestCount()).isEqualTo(1);
    }

    @Test
    void malformedRequestsAre3801() throws Exception {
        for (String body : List.of("not json", "[1,2]", "{\"model\":42}", "{\"messages\":[]}",
                "{\"model\":\"" + provider + ":llama3.2\",\"models\":\"x\"}",
                "{\"model\":\"" + provider + ":llama3.2\",\"models\":[1]}")) {
            try (Response r = gw.post(CHAT, token, body)) {
                assertOpenAiError(r, 400, "ERR_NGROK_3801");
                assertTraceHeaders(r, "0");
            }
        }
        assertThat(upstream.getRequestCount()).isZero();
    }

    @Test
    void aProviderThatNeedsAKeyWithoutARuleIs3802() throws Exception {
        String noRouter = gw.accessKey(gw.configuration(null, null));
        try (Response r = gw.post(CHAT, noRouter, chat(provider + ":llama3.2"))) {
            assertOpenAiError(r, 400, "ERR_NGROK_3802");
        }
        assertThat(upstream.getRequestCount()).isZero();
    }

    @Test
    void aProviderWithNoKeysIsCalledWithoutOne() throws Exception {
        String open = GatewayFixture.newProviderId("open");
        gw.provider(open, upstream.url("/v1").toString(), List.of("openai/chat-completions"), List.of("m"));
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).build());
        try (Response r = gw.post(CHAT, gw.accessKey(null), chat(open + ":m"))) {
            assertThat(r.code()).isEqualTo(200);
        }
        RecordedRequest seen = upstream.takeRequest();
        assertThat(seen.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(seen.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void unknownProvidersAndModelsAre3804() throws Exception {
        for (String model : List.of("nobody:llama3.2", provider + ":gpt-7", "no-such-model")) {
            try (Response r = gw.post(CHAT, gw.accessKey(null), chat(model))) {
                assertOpenAiError(r, 422, "ERR_NGROK_3804");
            }
        }
        assertThat(upstream.getRequestCount()).isZero();
    }

    @Test
    void anUnreachableProviderIs3800() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String gone = GatewayFixture.newProviderId("gone");
        gw.provider(gone, "http://127.0.0.1:" + closedPort, List.of("openai/chat-completions"), List.of("m"));
        try (Response r = gw.post(CHAT, gw.accessKey(null), chat(gone + ":m"))) {
            assertOpenAiError(r, 502, "ERR_NGROK_3800");
            assertTraceHeaders(r, "1");
            assertThat(r.header("Ngrok-AIG-Model")).isEqualTo(gone + ":m");
        }
    }

    @Test
    void whenEveryAttemptFailsWithoutAnHttpAnswerItIs3807ListingEachAttempt() throws Exception {
        gw.gatewayConfig("{\"perRequestTimeout\":\"300ms\"}");
        upstream.enqueue(new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"boom\"}}").build());
        upstream.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body(OK_BODY).build());
        try (Response r = gw.post(CHAT, token, chat(provider + ":llama3.2"))) {
            assertThat(r.code()).isEqualTo(503);
            assertTraceHeaders(r, "2");
            JsonNode error = json(r).path("error");
            assertThat(error.path("code").asText()).isEqualTo("ERR_NGROK_3807");
            assertThat(error.path("attempts")).hasSize(2);
            assertThat(error.path("attempts").get(0).asText()).contains(keyA).contains("HTTP 500");
            assertThat(error.path("attempts").get(1).asText()).contains(keyB).contains("perRequestTimeout");
        }
    }

    @Test
    void pastTheTotalTimeoutItIs504() throws Exception {
        gw.gatewayConfig("{\"perRequestTimeout\":\"250ms\",\"totalTimeout\":\"400ms\"}");
        upstream.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body(OK_BODY).build());
        upstream.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body(OK_BODY).build());
        long start = System.nanoTime();
        try (Response r = gw.post(CHAT, token, chat(provider + ":llama3.2"))) {
            assertOpenAiError(r, 504, "ERR_NGROK_3810");
            assertTraceHeaders(r, "2");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void inputOverMaxInputTokensIs413BeforeAnythingGoesUpstream() throws Exception {
        gw.gatewayConfig("{\"maxInputTokens\":10}");
        String longPrompt = "word ".repeat(100);
        try (Response r = gw.post(CHAT, token, "{\"model\":\"" + provider + ":llama3.2\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + longPrompt + "\"}]}")) {
            assertOpenAiError(r, 413, "ERR_NGROK_3811");
        }
        assertThat(upstream.getRequestCount()).isZero();
    }

    @Test
    void maxOutputTokensCapsTheRequestedLength() throws Exception {
        gw.gatewayConfig("{\"maxOutputTokens\":50}");
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).build());
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).build());
        try (Response r = gw.post(CHAT, token, "{\"model\":\"" + provider + ":llama3.2\",\"max_tokens\":4000,\"messages\":[]}")) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(Json.mapper().readTree(upstream.takeRequest().getBody().utf8()).path("max_tokens").asLong()).isEqualTo(50);
        try (Response r = gw.post(CHAT, token, chat(provider + ":llama3.2"))) {
            assertThat(r.code()).isEqualTo(200);
        }
        assertThat(Json.mapper().readTree(upstream.takeRequest().getBody().utf8()).path("max_tokens").asLong()).isEqualTo(50);
    }

    // ---- the allowlist: refused before any upstream call ----

    @Test
    void disallowedModelsAreRefusedBeforeAnyUpstreamCall() throws Exception {
        // by body
        try (Response r = gw.post(CHAT, token, chat(provider + ":secret-model"))) {
            assertOpenAiError(r, 422, "ERR_NGROK_3803");
            assertTraceHeaders(r, "0");
        }
        // by fallback list: the first model is allowed, a fallback is not
        try (Response r = gw.post(CHAT, token, "{\"model\":\"" + provider + ":llama3.2\",\"models\":[\"" + provider
                + ":secret-model\"],\"messages\":[]}")) {
            assertOpenAiError(r, 422, "ERR_NGROK_3803");
        }
        // by bare id
        try (Response r = gw.post(CHAT, token, chat("secret-model"))) {
            assertOpenAiError(r, 422, "ERR_NGROK_3803");
        }
        // by query string: refused outright (only the body names the model); by header: never read
        Request viaQuery = new Request.Builder().url(gw.base + CHAT + "?model=" + provider + ":llama3.2")
                .header("Authorization", "Bearer " + token)
                .post(RequestBody.create(chat(provider + ":secret-model"), GatewayFixture.JSON)).build();
        try (Response r = gw.http.newCall(viaQuery).execute()) {
            assertOpenAiError(r, 400, "ERR_NGROK_3801");
        }
        Request viaHeader = new Request.Builder().url(gw.base + CHAT)
                .header("Authorization", "Bearer " + token).header("x-model", provider + ":llama3.2")
                .post(RequestBody.create(chat(provider + ":secret-model"), GatewayFixture.JSON)).build();
        try (Response r = gw.http.newCall(viaHeader).execute()) {
            assertOpenAiError(r, 422, "ERR_NGROK_3803");
        }
        Request noBodyModel = new Request.Builder().url(gw.base + CHAT + "?model=" + provider + ":secret-model")
                .header("Authorization", "Bearer " + token)
                .post(RequestBody.create("{\"messages\":[]}", GatewayFixture.JSON)).build();
        try (Response r = gw.http.newCall(noBodyModel).execute()) {
            assertOpenAiError(r, 400, "ERR_NGROK_3801");
        }
        // Anthropic clients get Anthropic's shape
        Request messages = new Request.Builder().url(gw.base + "/v1/messages").header("x-api-key", token)
                .post(RequestBody.create("{\"model\":\"" + provider + ":secret-model\",\"max_tokens\":5,\"messages\":[]}",
                        GatewayFixture.JSON)).build();
        try (Response r = gw.http.newCall(messages).execute()) {
            assertThat(r.code()).isEqualTo(422);
            JsonNode body = json(r);
            assertThat(body.path("type").asText()).isEqualTo("error");
            assertThat(body.path("error").path("type").asText()).isEqualTo("permission_error");
            assertThat(body.path("error").path("code").asText()).isEqualTo("ERR_NGROK_3803");
        }
        assertThat(upstream.getRequestCount()).isZero();
    }

    @Test
    void modelsListsExactlyWhatTheKeyMayCall() throws Exception {
        Request req = new Request.Builder().url(gw.base + "/v1/models").header("Authorization", "Bearer " + token).build();
        try (Response r = gw.http.newCall(req).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertTraceHeaders(r, "0");
            JsonNode body = json(r);
            assertThat(body.path("object").asText()).isEqualTo("list");
            assertThat(body.path("data").findValuesAsText("id"))
                    .containsExactlyInAnyOrder(provider + ":llama3.2", provider + ":qwen2.5:0.5b");
            assertThat(body.path("data").get(0).path("object").asText()).isEqualTo("model");
            assertThat(body.path("data").get(0).path("owned_by").asText()).isEqualTo(provider);
        }
    }

    // ---- failover ----

    @Test
    void a500FromTheFirstKeyFailsOverToTheSecond() throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"down\"}}").build());
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).build());
        try (Response r = gw.post(CHAT, token, chat(provider + ":llama3.2"))) {
            assertThat(r.code()).isEqualTo(200);
            assertTraceHeaders(r, "2");
        }
        assertThat(upstream.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-primary-0001");
        assertThat(upstream.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-backup-0002");
    }

    @Test
    void a429FromTheFirstKeyFailsOverToTheSecond() throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(429).body("{\"error\":{\"message\":\"slow down\"}}").build());
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).build());
        try (Response r = gw.post(CHAT, token, chat(provider + ":llama3.2"))) {
            assertThat(r.code()).isEqualTo(200);
            assertTraceHeaders(r, "2");
        }
    }

    @Test
    void aTimeoutOnTheFirstKeyFailsOverToTheSecond() throws Exception {
        gw.gatewayConfig("{\"perRequestTimeout\":\"300ms\"}");
        upstream.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body(OK_BODY).build());
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).build());
        try (Response r = gw.post(CHAT, token, chat(provider + ":llama3.2"))) {
            assertThat(r.code()).isEqualTo(200);
            assertTraceHeaders(r, "2");
        }
    }

    @Test
    void failoverReachesTheFallbackModelAndTheLastHttpErrorPassesThrough() throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(503).body("{\"error\":{\"message\":\"a\"}}").build());
        upstream.enqueue(new MockResponse.Builder().code(503).body("{\"error\":{\"message\":\"b\"}}").build());
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).build());
        try (Response r = gw.post(CHAT, token, "{\"model\":\"" + provider + ":llama3.2\",\"models\":[\"" + provider
                + ":qwen2.5:0.5b\"],\"messages\":[]}")) {
            assertThat(r.code()).isEqualTo(200);
            assertTraceHeaders(r, "3");
            assertThat(r.header("Ngrok-AIG-Model")).isEqualTo(provider + ":qwen2.5:0.5b");
        }
        upstream.enqueue(new MockResponse.Builder().code(500).body("{\"error\":{\"message\":\"first\"}}").build());
        upstream.enqueue(new MockResponse.Builder().code(502).body("{\"error\":{\"message\":\"last words\"}}").build());
        try (Response r = gw.post(CHAT, token, chat(provider + ":llama3.2"))) {
            assertThat(r.code()).isEqualTo(502);
            assertTraceHeaders(r, "2");
            assertThat(json(r).path("error").path("message").asText()).isEqualTo("last words");
        }
    }

    @Test
    void aClientErrorFromTheProviderPassesThroughWithoutFailover() throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(400).body("{\"error\":{\"message\":\"bad temperature\"}}").build());
        try (Response r = gw.post(CHAT, token, chat(provider + ":llama3.2"))) {
            assertThat(r.code()).isEqualTo(400);
            assertTraceHeaders(r, "1");
            assertThat(json(r).path("error").path("message").asText()).isEqualTo("bad temperature");
        }
        assertThat(upstream.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aProviders401PassesThroughOnTheFirstAttemptLikeAnyClientError() throws Exception {
        // without WWW-Authenticate, Jetty's client used to fail the exchange (and the gateway failed over)
        upstream.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Incorrect API key provided.\"}}").build());
        upstream.enqueue(new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Bearer realm=\"models\"")
                .addHeader("Content-Type", "application/json").body("{\"error\":{\"message\":\"challenged\"}}").build());
        for (String message : new String[] {"Incorrect API key provided.", "challenged"}) {
            try (Response r = gw.post(CHAT, token, chat(provider + ":llama3.2"))) {
                assertThat(r.code()).isEqualTo(401);
                assertTraceHeaders(r, "1");
                assertThat(json(r).path("error").path("message").asText()).isEqualTo(message);
            }
        }
        assertThat(upstream.getRequestCount()).isEqualTo(2);
    }

    @Test
    void cookiesAProviderSetsAreNeverSentOnAnotherCall() throws Exception {
        // The gateway calls a provider for every access key: a cookie one call got (a session, a sticky
        // route) must not ride along on the next call, which may be on behalf of someone else.
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .addHeader("Set-Cookie", "session=alice-7f3a; Path=/").body(OK_BODY).build());
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(OK_BODY).build());
        String other = gw.accessKey(gw.configuration("{\"providers\":{\"allow\":[\"" + provider + "\"]}}",
                "{\"rules\":[{\"provider\":\"" + provider + "\",\"steps\":[{\"type\":\"user\",\"keys\":[{\"id\":\"" + keyA + "\"}]}]}]}"));
        for (String t : new String[] {token, other}) {
            try (Response r = gw.post(CHAT, t, chat(provider + ":llama3.2"))) {
                assertThat(r.code()).isEqualTo(200);
            }
        }
        assertThat(upstream.takeRequest().getHeaders().get("Cookie")).isNull();
        assertThat(upstream.takeRequest().getHeaders().get("Cookie")).isNull();
    }

    // ---- streaming ----

    private String streamChat() {
        return "{\"model\":\"" + provider + ":llama3.2\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    @Test
    void aStreamIsRelayedEventByEvent() throws Exception {
        CountDownLatch secondMayGo = new CountDownLatch(1);
        upstream.enqueue(streamed(new MockResponseBody() {
            @Override
            public long getContentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                chunk(sink, "data: {\"choices\":[{\"delta\":{\"content\":\"one\"}}]}\n\n");
                try {
                    secondMayGo.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                chunk(sink, "data: {\"choices\":[{\"delta\":{\"content\":\"two\"}}]}\n\ndata: [DONE]\n\n");
                lastChunk(sink);
            }
        }));
        try (Response r = gw.post(CHAT, token, streamChat())) {
            assertThat(r.code()).isEqualTo(200);
            assertTraceHeaders(r, "1");
            assertThat(r.header("Content-Type")).startsWith("text/event-stream");
            InputStream in = r.body().byteStream();
            // The first event arrives while the upstream is still holding back the second.
            String first = readUntil(in, "\n\n");
            assertThat(first).contains("one").doesNotContain("two");
            secondMayGo.countDown();
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).contains("two").endsWith("data: [DONE]\n\n");
        }
    }

    @Test
    void aStreamThatDiesMidwayEndsWithAnErrorEventNotACleanFinish() throws Exception {
        // The model server sends the first event and part of the second, then drops the connection.
        String events = "data: {\"choices\":[{\"delta\":{\"content\":\"partial\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"" + "x".repeat(400) + "\"}}]}\n\ndata: [DONE]\n\n";
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .chunkedBody(events, 32).onResponseBody(new SocketEffect.CloseSocket()).build());
        try (Response r = gw.post(CHAT, token, streamChat())) {
            assertThat(r.code()).isEqualTo(200);
            String all = r.body().string();
            assertThat(all).contains("partial").doesNotContain("[DONE]");
            String last = all.strip().substring(all.strip().lastIndexOf("data: ") + 6);
            JsonNode error = Json.mapper().readTree(last).path("error");
            assertThat(error.path("code").asText()).isEqualTo("ERR_NGROK_3800");
            assertThat(error.path("message").asText()).contains(provider);
        }
    }

    @Test
    void aMessagesStreamThatDiesEndsWithAnAnthropicErrorEvent() throws Exception {
        String anthropic = GatewayFixture.newProviderId("claude-local");
        gw.provider(anthropic, upstream.url("/").toString(), List.of("anthropic/messages"), List.of("c1"));
        String events = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"" + "x".repeat(400)
                + "\"}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .chunkedBody(events, 32).onResponseBody(new SocketEffect.CloseSocket()).build());
        Request req = new Request.Builder().url(gw.base + "/v1/messages").header("x-api-key", gw.accessKey(null))
                .post(RequestBody.create("{\"model\":\"" + anthropic + ":c1\",\"max_tokens\":5,\"stream\":true,\"messages\":[]}",
                        GatewayFixture.JSON)).build();
        try (Response r = gw.http.newCall(req).execute()) {
            String all = r.body().string();
            assertThat(all).contains("message_start").contains("event: error\n").doesNotContain("message_stop");
        }
        RecordedRequest seen = upstream.takeRequest();
        assertThat(seen.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(seen.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    }

    @Test
    void aClientThatDisconnectsMidStreamClosesTheUpstreamConnection() throws Exception {
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch upstreamSawClose = new CountDownLatch(1);
        upstream.enqueue(streamed(new MockResponseBody() {
            @Override
            public long getContentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                try {
                    for (int i = 0; i < 400; i++) {
                        chunk(sink, "data: {\"choices\":[{\"delta\":{\"content\":\"t" + i + "\"}}]}\n\n");
                        firstWritten.countDown();
                        Thread.sleep(25);
                    }
                } catch (IOException e) {
                    upstreamSawClose.countDown();
                    throw e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        try (Response r = gw.post(CHAT, token, streamChat())) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(readUntil(r.body().byteStream(), "\n\n")).contains("t0");
            assertThat(firstWritten.await(5, TimeUnit.SECONDS)).isTrue();
        } // the client goes away mid-stream
        assertThat(upstreamSawClose.await(5, TimeUnit.SECONDS)).as("upstream connection closed").isTrue();
    }

    @Test
    void lastUsedIsRecordedInBatches() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).build());
        JsonNode created = gw.admin("POST", "/access-keys", Json.mapper().createObjectNode().put("name", "tracked")
                .put("accessKeyConfigurationId", gw.configuration(null, null)));
        String open = GatewayFixture.newProviderId("open");
        gw.provider(open, upstream.url("/").toString(), List.of("openai/chat-completions"), List.of("m"));
        try (Response r = gw.post(CHAT, created.get("token").asText(), chat(open + ":m"))) {
            assertThat(r.code()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                gw.admin("GET", "/access-keys/" + created.get("id").asText(), null).path("lastUsed").isNull()).isFalse());
    }

    /** Writes one HTTP/1.1 chunk (MockWebServer sends a custom body's bytes as they are). */
    private static void chunk(BufferedSink sink, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n").flush();
    }

    private static void lastChunk(BufferedSink sink) throws IOException {
        sink.writeUtf8("0\r\n\r\n").flush();
    }

    /** A chunked event stream whose bytes {@code body} writes while the test runs. */
    private static MockResponse streamed(MockResponseBody body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body)
                .removeHeader("Content-Length").addHeader("Transfer-Encoding", "chunked").build();
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (sb.indexOf(end) < 0) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
