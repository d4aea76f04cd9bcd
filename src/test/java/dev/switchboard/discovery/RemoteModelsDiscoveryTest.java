package dev.switchboard.discovery;

import static dev.switchboard.discovery.ScriptedModelServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fetching models for an External URL, the test chat, reachability, and the URL rules they share. */
class RemoteModelsDiscoveryTest {
    private static ModelServerClient client;

    @BeforeAll
    static void start() {
        client = new ModelServerClient(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void v1IsAddedOnceToTheBaseUrl() {
        assertThat(ModelServerClient.surfaceUrl("https://api.example.com", "/models")).isEqualTo("https://api.example.com/v1/models");
        assertThat(ModelServerClient.surfaceUrl("https://api.example.com/", "/models")).isEqualTo("https://api.example.com/v1/models");
        assertThat(ModelServerClient.surfaceUrl("https://api.example.com/v1", "/models")).isEqualTo("https://api.example.com/v1/models");
        assertThat(ModelServerClient.surfaceUrl("https://api.example.com/v1/", "/chat/completions"))
                .isEqualTo("https://api.example.com/v1/chat/completions");
        assertThat(ModelServerClient.surfaceUrl("https://x.example.com/openai", "/models"))
                .isEqualTo("https://x.example.com/openai/v1/models");
    }

    @Test
    void listsModelsWithTheKeyAsBearer() throws Exception {
        try (ScriptedModelServer server = ScriptedModelServer.openAi("vllm", "meta-llama/Llama-3.1-8B", "Qwen/Qwen2.5")) {
            assertThat(client.listModels(server.baseUrl() + "/v1", "sk-test-123").get(5, TimeUnit.SECONDS))
                    .containsExactly("meta-llama/Llama-3.1-8B", "Qwen/Qwen2.5");

            RecordedRequest request = server.requests().get(0);
            assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/models");
            assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test-123");
        }
    }

    @Test
    void listsModelsWithoutAKeyWhenNoneIsGiven() throws Exception {
        try (ScriptedModelServer server = ScriptedModelServer.openAi("x", "m1")) {
            assertThat(client.listModels(server.baseUrl(), "  ").get(5, TimeUnit.SECONDS)).containsExactly("m1");
            assertThat(server.requests().get(0).getHeaders().get("Authorization")).isNull();
        }
    }

    @Test
    void aRefusedKeyFailsWithTheServersOwnMessageAndNeverTheKey() throws Exception {
        try (ScriptedModelServer server = new ScriptedModelServer()) {
            server.route("GET /v1/models", json(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}"));

            ModelServerException e = failure(() -> client.listModels(server.baseUrl(), "sk-secret-value").get(5, TimeUnit.SECONDS));

            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.getMessage()).isEqualTo("GET " + server.baseUrl() + "/v1/models failed: HTTP 401 Client Error: Incorrect API key provided");
            assertThat(e.getMessage()).doesNotContain("sk-secret-value");
        }
    }

    @Test
    void aServerWithoutAModelListSaysSo() throws Exception {
        try (ScriptedModelServer server = new ScriptedModelServer()) {
            server.route("GET /v1/models", json(200, "<html>hello</html>"));

            ModelServerException e = failure(() -> client.listModels(server.baseUrl(), null).get(5, TimeUnit.SECONDS));

            assertThat(e.getMessage()).isEqualTo("GET " + server.baseUrl() + "/v1/models answered, but not with a model list ({\"data\": [...]}).");
        }
    }

    @Test
    void listingAtAClosedPortSaysNothingIsListening() throws Exception {
        int port = ScriptedModelServer.closedPort();
        ModelServerException e = failure(() -> client.listModels("http://127.0.0.1:" + port, null).get(5, TimeUnit.SECONDS));
        assertThat(e.statusCode()).isZero();
        assertThat(e.getMessage()).isEqualTo("Nothing is listening on 127.0.0.1:" + port + " (connection refused).");
    }

    @Test
    void anInvalidUrlFailsAtOnce() {
        ModelServerException e = failure(() -> client.listModels("not a url", null).get(1, TimeUnit.SECONDS));
        assertThat(e.getMessage()).startsWith("Not a valid http(s) URL");
    }

    @Test
    void testChatSendsOneMessageAndReturnsTheReply() throws Exception {
        try (ScriptedModelServer ollama = ScriptedModelServer.ollama("0.12.3", "llama3.2:latest")) {
            ChatTestResult result = client.testChat(ollama.baseUrl(), null, "llama3.2", "Say hello").get(5, TimeUnit.SECONDS);

            assertThat(result.reply()).isEqualTo("Hello from Ollama!");
            assertThat(result.model()).isEqualTo("llama3.2");
            assertThat(result.elapsed()).isPositive();
            RecordedRequest request = ollama.requests().get(0);
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
            assertThat(request.getBody().utf8()).isEqualTo(
                    "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}],\"stream\":false}");
        }
    }

    @Test
    void testChatShowsTheExactErrorOfTheServer() throws Exception {
        try (ScriptedModelServer ollama = new ScriptedModelServer()) {
            ollama.route("POST /v1/chat/completions", json(404,
                    "{\"error\":{\"message\":\"model \\\"nope\\\" not found, try pulling it first\",\"type\":\"api_error\"}}"));

            ModelServerException e = failure(() -> client.testChat(ollama.baseUrl(), "k", "nope", "hi").get(5, TimeUnit.SECONDS));

            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.getMessage()).isEqualTo("POST " + ollama.baseUrl()
                    + "/v1/chat/completions failed: HTTP 404 Client Error: model \"nope\" not found, try pulling it first");
        }
    }

    @Test
    void testChatReadsOllamaAndFastApiErrorShapes() throws Exception {
        try (ScriptedModelServer server = new ScriptedModelServer()) {
            server.route("POST /v1/chat/completions", json(500, "{\"error\":\"llama runner process has terminated\"}"));
            assertThat(failure(() -> client.testChat(server.baseUrl(), null, "m", "hi").get(5, TimeUnit.SECONDS)).getMessage())
                    .endsWith("HTTP 500 Server Error: llama runner process has terminated");
            server.route("POST /v1/chat/completions", json(422, "{\"detail\":\"Field required\"}"));
            assertThat(failure(() -> client.testChat(server.baseUrl(), null, "m", "hi").get(5, TimeUnit.SECONDS)).getMessage())
                    .endsWith("HTTP 422 Client Error: Field required");
        }
    }

    @Test
    void testChatSaysPlainlyWhenTheServerStreamsAnAnswerNotAskedToStream() throws Exception {
        try (ScriptedModelServer server = new ScriptedModelServer()) {
            server.route("POST /v1/chat/completions", new mockwebserver3.MockResponse.Builder().code(200)
                    .addHeader("Content-Type", "text/event-stream")
                    .body("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n").build());
            ModelServerException e = failure(() -> client.testChat(server.baseUrl(), null,
                    "qwen2.5-coder-32b-instruct-q4_K_M", "hi").get(5, TimeUnit.SECONDS));
            assertThat(e.getMessage()).isEqualTo("POST " + server.baseUrl() + "/v1/chat/completions answered with a"
                    + " stream of events although the test asked for one whole answer (\"stream\": false). This server"
                    + " ignores \"stream\": false, so calls that do not stream would fail through the gateway; streamed"
                    + " calls work.");
            assertThat(e.getMessage()).doesNotContain("delta");
        }
    }

    @Test
    void testChatTimesOut() throws Exception {
        try (ScriptedModelServer stuck = new ScriptedModelServer()) {
            stuck.otherwise(ScriptedModelServer.slow(6000));
            ModelServerException e = failure(() -> client.testChat(stuck.baseUrl(), null, "m", "hi").get(10, TimeUnit.SECONDS));
            assertThat(e.getMessage()).isEqualTo("No answer from " + stuck.target() + " in time (timed out).");
        }
    }

    @Test
    void reachability() throws Exception {
        try (ScriptedModelServer server = new ScriptedModelServer()) {
            assertThat(client.checkReachable(server.baseUrl()).get(5, TimeUnit.SECONDS)).isEqualTo(Reachability.REACHABLE);
        }
        assertThat(client.checkReachable("http://127.0.0.1:" + ScriptedModelServer.closedPort()).get(5, TimeUnit.SECONDS))
                .isEqualTo(Reachability.UNREACHABLE);
        assertThat(client.checkReachable("https://my-ollama.internal").get(5, TimeUnit.SECONDS))
                .isEqualTo(Reachability.UNKNOWN);
    }

    @Test
    void scanTargetsParseWhatPeopleType() {
        assertThat(ScanTarget.parse("localhost:11434")).contains(new ScanTarget("localhost", 11434));
        assertThat(ScanTarget.parse(" 192.168.1.20:8000 ")).contains(new ScanTarget("192.168.1.20", 8000));
        assertThat(ScanTarget.parse("http://10.0.0.5:1234/v1")).contains(new ScanTarget("10.0.0.5", 1234));
        assertThat(ScanTarget.parse("[::1]:8080")).contains(new ScanTarget("::1", 8080));
        assertThat(ScanTarget.parse("[::1]:8080").orElseThrow().baseUrl()).isEqualTo("http://[::1]:8080");
        assertThat(ScanTarget.parse("localhost")).isEmpty();
        assertThat(ScanTarget.parse("localhost:0")).isEmpty();
        assertThat(ScanTarget.parse("localhost:70000")).isEmpty();
        assertThat(ScanTarget.parse("a b:80")).isEmpty();
        assertThat(ScanTarget.parse(":80")).isEmpty();
        assertThat(ScanTarget.parse(null)).isEmpty();
        assertThat(ScanTarget.isLoopbackHost("127.0.0.1")).isTrue();
        assertThat(ScanTarget.isLoopbackHost("127.1.2.3")).isTrue();
        assertThat(ScanTarget.isLoopbackHost("[::1]")).isTrue();
        assertThat(ScanTarget.isLoopbackHost("LOCALHOST")).isTrue();
        assertThat(ScanTarget.isLoopbackHost("128.0.0.1")).isFalse();
        assertThat(ScanTarget.isLoopbackHost("localhost.example.com")).isFalse();
    }

    interface Blocking<T> {
        T get() throws Exception;
    }

    private static ModelServerException failure(Blocking<?> call) {
        try {
            call.get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ModelServerException.class);
            return (ModelServerException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
        throw new AssertionError("expected a failure");
    }
}
