package dev.switchboard.discovery;

import static dev.switchboard.discovery.ScriptedModelServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ApiSurface;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalServerDiscoveryTest {
    private static ModelServerClient client;

    @BeforeAll
    static void start() {
        client = new ModelServerClient(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static ProbeResult probe(ScanTarget target) throws Exception {
        return client.probe(target).get(5, TimeUnit.SECONDS);
    }

    @Test
    void identifiesOllamaByVersionAndListsItsTags() throws Exception {
        try (ScriptedModelServer ollama = ScriptedModelServer.ollama("0.12.3", "llama3.2:latest", "qwen2.5:0.5b")) {
            ProbeResult result = probe(ollama.target());

            assertThat(result.isFound()).isTrue();
            DiscoveredServer server = result.server();
            assertThat(server.kind()).isEqualTo(ServerKind.OLLAMA);
            assertThat(server.version()).isEqualTo("0.12.3");
            assertThat(server.models()).containsExactly("llama3.2", "qwen2.5:0.5b");
            assertThat(server.baseUrl()).isEqualTo(ollama.baseUrl());
            assertThat(server.surfaces()).containsExactly(ApiSurface.openAiChat(), ApiSurface.openAiResponses());
            assertThat(server.requiresKey()).isFalse();
            assertThat(server.summary()).isEqualTo("Ollama 0.12.3 at " + ollama.target() + " — 2 models");
            assertThat(server.kind().suggestedProviderId()).isEqualTo("my-ollama");
        }
    }

    @Test
    void identifiesOllamaByTagsWhenItHasNoVersionRoute() throws Exception {
        try (ScriptedModelServer ollama = new ScriptedModelServer()) {
            ollama.route("GET /api/tags", json(200, "{\"models\":[{\"name\":\"mistral:7b\"}]}"));
            ollama.route("POST /v1/messages", json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"model required\"}}"));

            DiscoveredServer server = probe(ollama.target()).server();

            assertThat(server.kind()).isEqualTo(ServerKind.OLLAMA);
            assertThat(server.version()).isNull();
            assertThat(server.models()).containsExactly("mistral:7b");
            assertThat(server.surfaces()).containsExactly(ApiSurface.openAiChat(), ApiSurface.anthropicMessages());
        }
    }

    @Test
    void identifiesOpenAiStyleServersByOwnedBy() throws Exception {
        try (ScriptedModelServer vllm = ScriptedModelServer.openAi("vllm", "Qwen/Qwen2.5-7B-Instruct");
             ScriptedModelServer llama = ScriptedModelServer.openAi("llamacpp", "gguf-model");
             ScriptedModelServer unknown = ScriptedModelServer.openAi("someone", "a", "b", "a")) {
            DiscoveredServer v = probe(vllm.target()).server();
            assertThat(v.kind()).isEqualTo(ServerKind.VLLM);
            assertThat(v.models()).containsExactly("Qwen/Qwen2.5-7B-Instruct");
            assertThat(v.surfaces()).containsExactly(ApiSurface.openAiChat());

            assertThat(probe(llama.target()).server().kind()).isEqualTo(ServerKind.LLAMA_CPP);

            DiscoveredServer u = probe(unknown.target()).server();
            assertThat(u.kind()).isEqualTo(ServerKind.OPENAI_COMPATIBLE);
            assertThat(u.models()).containsExactly("a", "b");
        }
    }

    @Test
    void identifiesLmStudioAndIgnoresItsUnexpectedEndpointAnswers() throws Exception {
        try (ScriptedModelServer lmStudio = ScriptedModelServer.openAi("organization_owner", "qwen2.5-7b-instruct")) {
            lmStudio.otherwise(json(200, "{\"error\":\"Unexpected endpoint or method. (POST /v1/messages)\"}"));
            lmStudio.route("POST /v1/responses", json(400, "{\"error\":\"'model' is required\"}"));

            DiscoveredServer server = probe(lmStudio.target()).server();

            assertThat(server.kind()).isEqualTo(ServerKind.LM_STUDIO);
            assertThat(server.surfaces()).containsExactly(ApiSurface.openAiChat(), ApiSurface.openAiResponses());
        }
    }

    @Test
    void llamaCppIsKnownByItsServerHeader() throws Exception {
        try (ScriptedModelServer llama = new ScriptedModelServer()) {
            llama.route("GET /v1/models", new MockResponse.Builder().code(200).addHeader("Server", "llama.cpp")
                    .body("{\"object\":\"list\",\"data\":[{\"id\":\"model.gguf\",\"object\":\"model\"}]}").build());
            assertThat(probe(llama.target()).server().kind()).isEqualTo(ServerKind.LLAMA_CPP);
        }
    }

    @Test
    void aServerThatWantsAKeyIsFoundAndSaysSo() throws Exception {
        try (ScriptedModelServer locked = new ScriptedModelServer()) {
            locked.route("GET /v1/models", json(401, "{\"error\":\"Unauthorized\"}"));

            DiscoveredServer server = probe(locked.target()).server();

            assertThat(server.requiresKey()).isTrue();
            assertThat(server.models()).isEmpty();
            assertThat(server.summary()).endsWith("needs an API key to list models");
        }
    }

    @Test
    void somethingThatIsNotAModelServerIsNotFound() throws Exception {
        try (ScriptedModelServer web = new ScriptedModelServer()) {
            ProbeResult result = probe(web.target());

            assertThat(result.isFound()).isFalse();
            assertThat(result.problem()).isEqualTo("Something answers at " + web.target()
                    + ", but it is not a model server (GET /v1/models: HTTP 404 Client Error).");
        }
    }

    @Test
    void aClosedPortSaysNothingIsListening() throws Exception {
        int port = ScriptedModelServer.closedPort();
        ProbeResult result = probe(new ScanTarget("127.0.0.1", port));

        assertThat(result.isFound()).isFalse();
        assertThat(result.problem()).isEqualTo("Nothing is listening on 127.0.0.1:" + port + " (connection refused).");
    }

    @Test
    void aServerThatNeverAnswersTimesOutQuickly() throws Exception {
        try (ScriptedModelServer stuck = new ScriptedModelServer()) {
            stuck.otherwise(ScriptedModelServer.slow(3000));
            long started = System.nanoTime();

            ProbeResult result = probe(stuck.target());

            assertThat(result.isFound()).isFalse();
            assertThat(result.problem()).isEqualTo("No answer from " + stuck.target() + " in time (timed out).");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void scannerProbesAllTargetsInParallelAndReportsEach() throws Exception {
        try (ScriptedModelServer ollama = ScriptedModelServer.ollama("0.12.3", "llama3.2:latest");
             ScriptedModelServer vllm = ScriptedModelServer.openAi("vllm", "m");
             ScriptedModelServer stuck = new ScriptedModelServer()) {
            stuck.otherwise(ScriptedModelServer.slow(3000));
            ScanTarget closed = new ScanTarget("127.0.0.1", ScriptedModelServer.closedPort());
            LocalServerScanner scanner = new LocalServerScanner(client, List.of(ollama.target(), closed, stuck.target()));
            List<ProbeResult> seen = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();

            List<ProbeResult> results = scanner.scan(List.of(vllm.target(), ollama.target()), seen::add)
                    .get(5, TimeUnit.SECONDS);

            // Three probes of ~1 s timeout each would take 3 s one after another.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
            assertThat(results).extracting(ProbeResult::target)
                    .containsExactly(ollama.target(), closed, stuck.target(), vllm.target());
            assertThat(seen).containsExactlyInAnyOrderElementsOf(results);
            assertThat(results).extracting(ProbeResult::isFound).containsExactly(true, false, false, true);
            assertThat(results.get(0).server().kind()).isEqualTo(ServerKind.OLLAMA);
            assertThat(results.get(3).server().kind()).isEqualTo(ServerKind.VLLM);
        }
    }

    @Test
    void usualTargetsAreTheWellKnownLoopbackPorts() {
        assertThat(new LocalServerScanner(client).usualTargets()).containsExactly(
                new ScanTarget("127.0.0.1", 11434), new ScanTarget("127.0.0.1", 1234),
                new ScanTarget("127.0.0.1", 8000), new ScanTarget("127.0.0.1", 8080));
    }
}
