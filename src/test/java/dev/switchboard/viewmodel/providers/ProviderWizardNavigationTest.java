package dev.switchboard.viewmodel.providers;

import static dev.switchboard.discovery.ScriptedModelServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.discovery.LocalServerScanner;
import dev.switchboard.discovery.ModelServerClient;
import dev.switchboard.discovery.ProbeResult;
import dev.switchboard.discovery.ScanTarget;
import dev.switchboard.discovery.ScriptedModelServer;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.Kind;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.Page;
import dev.switchboard.viewmodel.providers.TestStep.Outcome;
import dev.switchboard.viewmodel.settings.GatewayMode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every page transition of the wizard, on both paths, against a scripted Ollama (MockWebServer).
 * Background work runs on the calling thread, so no FX toolkit is needed. The gateway is not
 * reached here (a closed port); creating is covered by ProviderWizardCreateTest.
 */
class ProviderWizardNavigationTest {
    private ModelServerClient servers;
    private GatewayClient gateway;
    private ScriptedModelServer ollama;
    private int closedPort;

    @BeforeEach
    void setUp() throws IOException {
        servers = new ModelServerClient(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(3));
        closedPort = ScriptedModelServer.closedPort();
        gateway = GatewayClient.builder().embedded("http://127.0.0.1:" + closedPort).apiKey("admin").build();
        ollama = ScriptedModelServer.ollama("0.12.3", "llama3.2:latest", "qwen2.5:0.5b");
    }

    @AfterEach
    void tearDown() {
        ollama.close();
        gateway.close();
        servers.close();
    }

    private ProviderWizardViewModel wizard(GatewayMode mode, ScanTarget... targets) {
        GatewayConnection connection = new GatewayConnection(mode, gateway);
        return new ProviderWizardViewModel(connection, BackgroundTasks.direct(),
                new LocalServerScanner(servers, List.of(targets)), () -> servers);
    }

    private ProviderWizardViewModel localWizardOnDetails(GatewayMode mode) {
        ProviderWizardViewModel w = wizard(mode, ollama.target());
        w.kindProperty().set(Kind.LOCAL);
        w.next();
        w.next();
        assertThat(w.getPage()).isEqualTo(Page.DETAILS);
        return w;
    }

    @Test
    void kindPageNeedsAChoice() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED);
        assertThat(w.getPage()).isEqualTo(Page.KIND);
        assertThat(w.canGoNextProperty().get()).isFalse();
        assertThat(w.canGoBackProperty().get()).isFalse();
        assertThat(w.steps()).containsExactly(Page.KIND);
        w.next();
        assertThat(w.getPage()).isEqualTo(Page.KIND);

        w.kindProperty().set(Kind.LOCAL);
        assertThat(w.canGoNextProperty().get()).isTrue();
        assertThat(w.steps()).containsExactly(Page.KIND, Page.FIND_SERVER, Page.DETAILS, Page.REACH, Page.TEST,
                Page.ACCESS, Page.REVIEW);
        w.kindProperty().set(Kind.EXTERNAL);
        assertThat(w.steps()).containsExactly(Page.KIND, Page.EXTERNAL_URL, Page.DETAILS, Page.TEST, Page.ACCESS, Page.REVIEW);
    }

    @Test
    void localPathFindsTheScriptedOllamaAndWalksEveryPage() throws IOException {
        ScanTarget closed = new ScanTarget("127.0.0.1", ScriptedModelServer.closedPort());
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED, ollama.target(), closed);
        w.kindProperty().set(Kind.LOCAL);

        w.next();

        assertThat(w.getPage()).isEqualTo(Page.FIND_SERVER);
        assertThat(w.findServer().scanningProperty().get()).isFalse();
        assertThat(w.findServer().scanResults()).hasSize(2);
        assertThat(w.findServer().scanResults()).filteredOn(ProbeResult::isFound).hasSize(1);
        assertThat(w.findServer().scanStatusProperty().get()).isEqualTo("Found 1 server.");
        assertThat(w.findServer().selectedServerProperty().get().target()).isEqualTo(ollama.target());
        assertThat(w.models().items()).extracting(ModelChoice::modelId).containsExactly("llama3.2", "qwen2.5:0.5b");
        assertThat(w.models().items()).allMatch(ModelChoice::isSelected);
        assertThat(w.canGoNextProperty().get()).isTrue();

        w.next();

        assertThat(w.getPage()).isEqualTo(Page.DETAILS);
        assertThat(w.details().providerIdProperty().get()).isEqualTo("my-ollama");
        assertThat(w.details().displayNameProperty().get()).isEqualTo("Local Ollama");
        assertThat(w.details().chatCompletionsProperty().get()).isTrue();
        assertThat(w.details().responsesProperty().get()).isTrue();
        assertThat(w.details().messagesProperty().get()).isFalse();
        assertThat(w.canGoNextProperty().get()).isTrue();

        w.next();

        assertThat(w.getPage()).isEqualTo(Page.REACH);
        assertThat(w.reach().baseUrlProperty().get()).isEqualTo(ollama.baseUrl());
        assertThat(w.reach().baseUrlValidator().isValid()).isTrue();

        w.next();

        assertThat(w.getPage()).isEqualTo(Page.TEST);
        assertThat(w.test().modelProperty().get()).isEqualTo("llama3.2");
        assertThat(w.nextLabelProperty().get()).isEqualTo("Skip");
        w.test().run();
        assertThat(w.test().outcomeProperty().get()).isEqualTo(TestStep.Outcome.SUCCEEDED);
        assertThat(w.test().resultProperty().get()).startsWith("Hello from Ollama!");
        assertThat(w.nextLabelProperty().get()).isEqualTo("Next");

        w.next();

        assertThat(w.getPage()).isEqualTo(Page.ACCESS);
        // The gateway is a closed port here: the error shows on the Access page, which stays usable.
        assertThat(w.errorProperty().get()).startsWith("Could not read the access key configurations: ");
        assertThat(w.canGoNextProperty().get()).isTrue();

        w.next();

        assertThat(w.getPage()).isEqualTo(Page.REVIEW);
        assertThat(w.nextLabelProperty().get()).isEqualTo("Create");
        assertThat(w.errorProperty().get()).isEmpty();

        for (Page expected : List.of(Page.ACCESS, Page.TEST, Page.REACH, Page.DETAILS, Page.FIND_SERVER, Page.KIND)) {
            w.back();
            assertThat(w.getPage()).isEqualTo(expected);
        }
        assertThat(w.details().providerIdProperty().get()).isEqualTo("my-ollama");
        assertThat(w.findServer().selectedServerProperty().get().target()).isEqualTo(ollama.target());
        assertThat(w.test().outcomeProperty().get()).isEqualTo(TestStep.Outcome.SUCCEEDED);
    }

    @Test
    void nothingFoundSaysHowToStartOllamaAndACustomHostPortIsScanned() throws IOException {
        ScanTarget closed = new ScanTarget("127.0.0.1", ScriptedModelServer.closedPort());
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED, closed);
        w.kindProperty().set(Kind.LOCAL);

        w.next();

        assertThat(w.findServer().scanStatusProperty().get()).isEqualTo(FindServerStep.START_OLLAMA_HINT);
        assertThat(w.findServer().scanStatusProperty().get()).contains("ollama serve");
        assertThat(w.findServer().nothingFoundProperty().get()).isTrue();
        assertThat(w.findServer().scanResults()).singleElement().satisfies(r ->
                assertThat(r.problem()).isEqualTo("Nothing is listening on " + closed + " (connection refused)."));
        assertThat(w.canGoNextProperty().get()).isFalse();

        w.findServer().customHostPortProperty().set("localhost:" + ollama.port());
        w.findServer().scan();

        assertThat(w.findServer().scanResults()).hasSize(2);
        assertThat(w.findServer().nothingFoundProperty().get()).isFalse();
        assertThat(w.findServer().selectedServerProperty().get().target()).isEqualTo(new ScanTarget("localhost", ollama.port()));
        assertThat(w.canGoNextProperty().get()).isTrue();
        w.next();
        assertThat(w.details().displayNameProperty().get()).isEqualTo("Local Ollama");
    }

    @Test
    void reachOnTheEmbeddedGatewayUsesTheLoopbackAddress() {
        ProviderWizardViewModel w = localWizardOnDetails(GatewayMode.EMBEDDED);
        w.next();

        assertThat(w.getPage()).isEqualTo(Page.REACH);
        assertThat(w.reach().baseUrlProperty().get()).isEqualTo("http://127.0.0.1:" + ollama.port());
        assertThat(w.effectiveBaseUrlProperty().get()).isEqualTo("http://127.0.0.1:" + ollama.port());
        assertThat(w.reach().explanation()).isEqualTo(
                "The embedded gateway runs on this machine, so it calls the server at its loopback address directly.");
        assertThat(w.canGoNextProperty().get()).isTrue();
    }

    @Test
    void reachOnTheHostedGatewayShowsTheNgrokCommandAndUsesTheInternalUrl() {
        ProviderWizardViewModel w = localWizardOnDetails(GatewayMode.HOSTED);
        w.next();

        assertThat(w.getPage()).isEqualTo(Page.REACH);
        assertThat(w.reach().ngrokCommandProperty().get()).isEqualTo("ngrok http " + ollama.port() + " --url https://my-ollama.internal");
        assertThat(w.reach().baseUrlProperty().get()).isEqualTo("https://my-ollama.internal");
        assertThat(w.effectiveBaseUrlProperty().get()).isEqualTo("https://my-ollama.internal");
        assertThat(w.reach().explanation()).contains("internal endpoints are private to your ngrok account");
        assertThat(w.canGoNextProperty().get()).isTrue();

        w.back();
        w.details().providerIdProperty().set("home-llm");
        w.next();

        assertThat(w.reach().ngrokCommandProperty().get()).isEqualTo("ngrok http " + ollama.port() + " --url https://home-llm.internal");
        assertThat(w.review().requestJsonProperty().get()).contains("\"baseUrl\" : \"https://home-llm.internal\"");
    }

    @Test
    void theEmbeddedGatewayRefusesHttpToAnotherMachineOnReach() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED);
        w.findServer().customHostPortProperty().set("127.0.0.1:" + ollama.port());
        w.kindProperty().set(Kind.LOCAL);
        w.next();
        // A server found on another host of the private network:
        var found = w.findServer().selectedServerProperty().get();
        var remote = new dev.switchboard.discovery.DiscoveredServer(new ScanTarget("192.168.1.20", 11434), found.kind(),
                "http://192.168.1.20:11434", found.version(), found.models(), found.surfaces(), false);
        w.findServer().selectedServerProperty().set(remote);
        w.next();
        w.next();

        assertThat(w.getPage()).isEqualTo(Page.REACH);
        assertThat(w.reach().baseUrlValidator().getMessage()).startsWith("Use https://: http:// is allowed only on this machine");
        assertThat(w.reach().ngrokCommandProperty().get()).isEqualTo("ngrok http 192.168.1.20:11434 --url https://my-ollama.internal");
        assertThat(w.canGoNextProperty().get()).isFalse();
    }

    @Test
    void externalPathValidatesTheUrlFetchesModelsAndSkipsReach() throws IOException {
        try (ScriptedModelServer vllm = ScriptedModelServer.openAi("vllm", "Qwen/Qwen2.5-7B-Instruct")) {
            ProviderWizardViewModel w = wizard(GatewayMode.HOSTED);
            w.kindProperty().set(Kind.EXTERNAL);
            w.next();
            assertThat(w.getPage()).isEqualTo(Page.EXTERNAL_URL);
            assertThat(w.canGoNextProperty().get()).isFalse();

            w.externalUrl().baseUrlProperty().set("http://example.com");
            assertThat(w.externalUrl().baseUrlValidator().getMessage()).startsWith("Use https://");
            assertThat(w.canGoNextProperty().get()).isFalse();
            w.externalUrl().baseUrlProperty().set("http://x.internal");
            assertThat(w.canGoNextProperty().get()).isTrue();

            // Embedded accepts the loopback mock; fetch the models with a key.
            ProviderWizardViewModel e = wizard(GatewayMode.EMBEDDED);
            e.kindProperty().set(Kind.EXTERNAL);
            e.next();
            e.externalUrl().baseUrlProperty().set(vllm.baseUrl() + "/v1");
            e.providerKeyProperty().set("sk-abc");
            e.models().newModelIdProperty().set("typed-by-hand");
            e.models().add();
            e.externalUrl().fetchModels();

            assertThat(e.externalUrl().fetchStatusProperty().get()).isEqualTo("Found 1 model.");
            assertThat(e.models().items()).extracting(ModelChoice::modelId).containsExactly("Qwen/Qwen2.5-7B-Instruct", "typed-by-hand");
            assertThat(vllm.requests().get(0).getHeaders().get("Authorization")).isEqualTo("Bearer sk-abc");

            e.next();
            assertThat(e.getPage()).isEqualTo(Page.DETAILS);
            assertThat(e.details().providerIdProperty().get()).isEqualTo("my-server");
            assertThat(e.details().chatCompletionsProperty().get()).isTrue();
            e.next();
            assertThat(e.getPage()).isEqualTo(Page.TEST);
            e.back();
            assertThat(e.getPage()).isEqualTo(Page.DETAILS);
            e.back();
            assertThat(e.getPage()).isEqualTo(Page.EXTERNAL_URL);
            assertThat(e.externalUrl().baseUrlProperty().get()).isEqualTo(vllm.baseUrl() + "/v1");
            assertThat(e.providerKeyProperty().get()).isEqualTo("sk-abc");
        }
    }

    @Test
    void aFailedFetchShowsTheExactErrorOnTheUrlPageAndTypingClearsIt() throws IOException {
        try (ScriptedModelServer locked = new ScriptedModelServer()) {
            locked.route("GET /v1/models", json(401, "{\"error\":{\"message\":\"Invalid API key\"}}"));
            ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED);
            w.kindProperty().set(Kind.EXTERNAL);
            w.next();
            w.externalUrl().baseUrlProperty().set(locked.baseUrl());
            w.providerKeyProperty().set("wrong");

            w.externalUrl().fetchModels();

            assertThat(w.errorProperty().get()).isEqualTo("Could not fetch models: GET " + locked.baseUrl()
                    + "/v1/models failed: HTTP 401 Client Error: Invalid API key Check the URL and key, or type the model ids below.");
            assertThat(w.models().items()).isEmpty();
            w.externalUrl().baseUrlProperty().set(locked.baseUrl() + "/");
            assertThat(w.errorProperty().get()).isEmpty();
        }
    }

    @Test
    void suggestionsNeverOverwriteWhatTheUserTyped() {
        ProviderWizardViewModel w = localWizardOnDetails(GatewayMode.EMBEDDED);
        w.details().providerIdProperty().set("home");
        w.details().displayNameProperty().set("My home server");
        w.details().responsesProperty().set(false);

        w.back();
        w.next();

        assertThat(w.details().providerIdProperty().get()).isEqualTo("home");
        assertThat(w.details().displayNameProperty().get()).isEqualTo("My home server");
        assertThat(w.details().responsesProperty().get()).isFalse();
    }

    @Test
    void aTakenSuggestionGetsANumber() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED, ollama.target());
        w.details().takenProviderIds().add("my-ollama");
        w.kindProperty().set(Kind.LOCAL);
        w.next();
        w.next();
        assertThat(w.details().providerIdProperty().get()).isEqualTo("my-ollama-2");
    }

    @Test
    void detailsBlocksNextWhileAFieldIsInvalid() {
        ProviderWizardViewModel w = localWizardOnDetails(GatewayMode.EMBEDDED);
        w.details().providerIdProperty().set("openai");
        assertThat(w.canGoNextProperty().get()).isFalse();
        w.next();
        assertThat(w.getPage()).isEqualTo(Page.DETAILS);
        w.details().providerIdProperty().set("my-ollama");
        w.models().items().forEach(m -> m.setSelected(false));
        assertThat(w.canGoNextProperty().get()).isFalse();
        w.models().items().get(1).setSelected(true);
        w.details().chatCompletionsProperty().set(false);
        w.details().responsesProperty().set(false);
        assertThat(w.canGoNextProperty().get()).isFalse();
        w.details().chatCompletionsProperty().set(true);
        assertThat(w.canGoNextProperty().get()).isTrue();
        w.next();
        w.next();
        assertThat(w.test().modelProperty().get()).isEqualTo("qwen2.5:0.5b");
    }

    @Test
    void aFailedTestShowsTheServersExactErrorAndCanBeSkipped() {
        ollama.route("POST /v1/chat/completions", json(404,
                "{\"error\":{\"message\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}}"));
        ProviderWizardViewModel w = localWizardOnDetails(GatewayMode.EMBEDDED);
        w.next();
        w.next();

        w.test().run();

        assertThat(w.test().outcomeProperty().get()).isEqualTo(TestStep.Outcome.FAILED);
        assertThat(w.test().resultProperty().get()).isEqualTo("POST " + ollama.baseUrl()
                + "/v1/chat/completions failed: HTTP 404 Client Error: model \"llama3.2\" not found, try pulling it first");
        assertThat(w.nextLabelProperty().get()).isEqualTo("Skip");
        assertThat(w.canGoNextProperty().get()).isTrue();
        w.next();
        assertThat(w.getPage()).isEqualTo(Page.ACCESS);
    }

    @Test
    void reviewShowsTheExactRequestAndTheHostedCurl() {
        ProviderWizardViewModel w = localWizardOnDetails(GatewayMode.EMBEDDED);
        w.models().items().get(1).setSelected(false);

        assertThat(w.review().requestJsonProperty().get()).isEqualTo("""
                {
                  "providerId" : "my-ollama",
                  "name" : "Local Ollama",
                  "baseUrl" : "http://127.0.0.1:%d",
                  "supportedApiSurfaces" : [ {
                    "format" : "openai",
                    "surface" : "chat-completions"
                  }, {
                    "format" : "openai",
                    "surface" : "responses"
                  } ],
                  "models" : [ {
                    "modelId" : "llama3.2"
                  } ]
                }""".formatted(ollama.port()));
        // The hosted gateway reaches a local server at its .internal URL, made by the ngrok command shown beside it.
        assertThat(w.review().curlCommandProperty().get()).isEqualTo("""
                # Where the server runs, and kept running, so the hosted gateway can reach it:
                #   ngrok http %d --url https://my-ollama.internal
                curl -X POST https://api.ngrok.ai/providers \\
                  -H "Authorization: Bearer $NGROK_API_KEY" \\
                  -H "Content-Type: application/json" \\
                  -d '{"providerId":"my-ollama","name":"Local Ollama","baseUrl":"https://my-ollama.internal",\
                "supportedApiSurfaces":[{"format":"openai","surface":"chat-completions"},{"format":"openai","surface":"responses"}],\
                "models":[{"modelId":"llama3.2"}]}'""".formatted(ollama.port()));
        w.providerKeyProperty().set("sk-1");
        w.access().createConfigurationProperty().set(true);
        w.access().newConfigurationNameProperty().set("only-ollama");
        w.access().newAccessKeyNameProperty().set("laptop");
        assertThat(w.review().planProperty().get()).isEqualTo("""
                Create provider my-ollama with 1 model.
                Store the provider key as 'primary' (the value is never shown again).
                Create configuration only-ollama for my-ollama and access key laptop (its token is shown once).""");
    }
}
