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
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.TestOutcome;
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
                new LocalServerScanner(servers, List.of(targets)), servers);
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
        assertThat(w.scanningProperty().get()).isFalse();
        assertThat(w.scanResults()).hasSize(2);
        assertThat(w.scanResults()).filteredOn(ProbeResult::isFound).hasSize(1);
        assertThat(w.scanStatusProperty().get()).isEqualTo("Found 1 server.");
        assertThat(w.selectedServerProperty().get().target()).isEqualTo(ollama.target());
        assertThat(w.models()).extracting(ModelChoice::modelId).containsExactly("llama3.2", "qwen2.5:0.5b");
        assertThat(w.models()).allMatch(ModelChoice::isSelected);
        assertThat(w.canGoNextProperty().get()).isTrue();

        w.next();

        assertThat(w.getPage()).isEqualTo(Page.DETAILS);
        assertThat(w.providerIdProperty().get()).isEqualTo("my-ollama");
        assertThat(w.displayNameProperty().get()).isEqualTo("Local Ollama");
        assertThat(w.chatCompletionsProperty().get()).isTrue();
        assertThat(w.responsesProperty().get()).isTrue();
        assertThat(w.messagesProperty().get()).isFalse();
        assertThat(w.canGoNextProperty().get()).isTrue();

        w.next();

        assertThat(w.getPage()).isEqualTo(Page.REACH);
        assertThat(w.reachBaseUrlProperty().get()).isEqualTo(ollama.baseUrl());
        assertThat(w.reachBaseUrlValidator().isValid()).isTrue();

        w.next();

        assertThat(w.getPage()).isEqualTo(Page.TEST);
        assertThat(w.testModelProperty().get()).isEqualTo("llama3.2");
        assertThat(w.nextLabelProperty().get()).isEqualTo("Skip");
        w.runTest();
        assertThat(w.testOutcomeProperty().get()).isEqualTo(TestOutcome.SUCCEEDED);
        assertThat(w.testResultProperty().get()).startsWith("Hello from Ollama!");
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
        assertThat(w.providerIdProperty().get()).isEqualTo("my-ollama");
        assertThat(w.selectedServerProperty().get().target()).isEqualTo(ollama.target());
        assertThat(w.testOutcomeProperty().get()).isEqualTo(TestOutcome.SUCCEEDED);
    }

    @Test
    void nothingFoundSaysHowToStartOllamaAndACustomHostPortIsScanned() throws IOException {
        ScanTarget closed = new ScanTarget("127.0.0.1", ScriptedModelServer.closedPort());
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED, closed);
        w.kindProperty().set(Kind.LOCAL);

        w.next();

        assertThat(w.scanStatusProperty().get()).isEqualTo(ProviderWizardViewModel.START_OLLAMA_HINT);
        assertThat(w.scanStatusProperty().get()).contains("ollama serve");
        assertThat(w.nothingFoundProperty().get()).isTrue();
        assertThat(w.scanResults()).singleElement().satisfies(r ->
                assertThat(r.problem()).isEqualTo("Nothing is listening on " + closed + " (connection refused)."));
        assertThat(w.canGoNextProperty().get()).isFalse();

        w.customHostPortProperty().set("localhost:" + ollama.port());
        w.scan();

        assertThat(w.scanResults()).hasSize(2);
        assertThat(w.nothingFoundProperty().get()).isFalse();
        assertThat(w.selectedServerProperty().get().target()).isEqualTo(new ScanTarget("localhost", ollama.port()));
        assertThat(w.canGoNextProperty().get()).isTrue();
        w.next();
        assertThat(w.displayNameProperty().get()).isEqualTo("Local Ollama");
    }

    @Test
    void reachOnTheEmbeddedGatewayUsesTheLoopbackAddress() {
        ProviderWizardViewModel w = localWizardOnDetails(GatewayMode.EMBEDDED);
        w.next();

        assertThat(w.getPage()).isEqualTo(Page.REACH);
        assertThat(w.reachBaseUrlProperty().get()).isEqualTo("http://127.0.0.1:" + ollama.port());
        assertThat(w.effectiveBaseUrlProperty().get()).isEqualTo("http://127.0.0.1:" + ollama.port());
        assertThat(w.reachExplanation()).isEqualTo(
                "The embedded gateway runs on this machine, so it calls the server at its loopback address directly.");
        assertThat(w.canGoNextProperty().get()).isTrue();
    }

    @Test
    void reachOnTheHostedGatewayShowsTheNgrokCommandAndUsesTheInternalUrl() {
        ProviderWizardViewModel w = localWizardOnDetails(GatewayMode.HOSTED);
        w.next();

        assertThat(w.getPage()).isEqualTo(Page.REACH);
        assertThat(w.ngrokCommandProperty().get()).isEqualTo("ngrok http " + ollama.port() + " --url https://my-ollama.internal");
        assertThat(w.reachBaseUrlProperty().get()).isEqualTo("https://my-ollama.internal");
        assertThat(w.effectiveBaseUrlProperty().get()).isEqualTo("https://my-ollama.internal");
        assertThat(w.reachExplanation()).contains("internal endpoints are private to your ngrok account");
        assertThat(w.canGoNextProperty().get()).isTrue();

        w.back();
        w.providerIdProperty().set("home-llm");
        w.next();

        assertThat(w.ngrokCommandProperty().get()).isEqualTo("ngrok http " + ollama.port() + " --url https://home-llm.internal");
        assertThat(w.requestJsonProperty().get()).contains("\"baseUrl\" : \"https://home-llm.internal\"");
    }

    @Test
    void theEmbeddedGatewayRefusesHttpToAnotherMachineOnReach() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED);
        w.customHostPortProperty().set("127.0.0.1:" + ollama.port());
        w.kindProperty().set(Kind.LOCAL);
        w.next();
        // A server found on another host of the private network:
        var found = w.selectedServerProperty().get();
        var remote = new dev.switchboard.discovery.DiscoveredServer(new ScanTarget("192.168.1.20", 11434), found.kind(),
                "http://192.168.1.20:11434", found.version(), found.models(), found.surfaces(), false);
        w.selectedServerProperty().set(remote);
        w.next();
        w.next();

        assertThat(w.getPage()).isEqualTo(Page.REACH);
        assertThat(w.reachBaseUrlValidator().getMessage()).startsWith("Use https://: http:// is allowed only on this machine");
        assertThat(w.ngrokCommandProperty().get()).isEqualTo("ngrok http 192.168.1.20:11434 --url https://my-ollama.internal");
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

            w.baseUrlProperty().set("http://example.com");
            assertThat(w.baseUrlValidator().getMessage()).startsWith("Use https://");
            assertThat(w.canGoNextProperty().get()).isFalse();
            w.baseUrlProperty().set("http://x.internal");
            assertThat(w.canGoNextProperty().get()).isTrue();

            // Embedded accepts the loopback mock; fetch the models with a key.
            ProviderWizardViewModel e = wizard(GatewayMode.EMBEDDED);
            e.kindProperty().set(Kind.EXTERNAL);
            e.next();
            e.baseUrlProperty().set(vllm.baseUrl() + "/v1");
            e.providerKeyProperty().set("sk-abc");
            e.newModelIdProperty().set("typed-by-hand");
            e.addModel();
            e.fetchModels();

            assertThat(e.fetchStatusProperty().get()).isEqualTo("Found 1 model.");
            assertThat(e.models()).extracting(ModelChoice::modelId).containsExactly("Qwen/Qwen2.5-7B-Instruct", "typed-by-hand");
            assertThat(vllm.requests().get(0).getHeaders().get("Authorization")).isEqualTo("Bearer sk-abc");

            e.next();
            assertThat(e.getPage()).isEqualTo(Page.DETAILS);
            assertThat(e.providerIdProperty().get()).isEqualTo("my-server");
            assertThat(e.chatCompletionsProperty().get()).isTrue();
            e.next();
            assertThat(e.getPage()).isEqualTo(Page.TEST);
            e.back();
            assertThat(e.getPage()).isEqualTo(Page.DETAILS);
            e.back();
            assertThat(e.getPage()).isEqualTo(Page.EXTERNAL_URL);
            assertThat(e.baseUrlProperty().get()).isEqualTo(vllm.baseUrl() + "/v1");
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
            w.baseUrlProperty().set(locked.baseUrl());
            w.providerKeyProperty().set("wrong");

            w.fetchModels();

            assertThat(w.errorProperty().get()).isEqualTo("Could not fetch models: GET " + locked.baseUrl()
                    + "/v1/models failed: HTTP 401 Client Error: Invalid API key Check the URL and key, or type the model ids below.");
            assertThat(w.models()).isEmpty();
            w.baseUrlProperty().set(locked.baseUrl() + "/");
            assertThat(w.errorProperty().get()).isEmpty();
        }
    }

    @Test
    void suggestionsNeverOverwriteWhatTheUserTyped() {
        ProviderWizardViewModel w = localWizardOnDetails(GatewayMode.EMBEDDED);
        w.providerIdProperty().set("home");
        w.displayNameProperty().set("My home server");
        w.responsesProperty().set(false);

        w.back();
        w.next();

        assertThat(w.providerIdProperty().get()).isEqualTo("home");
        assertThat(w.displayNameProperty().get()).isEqualTo("My home server");
        assertThat(w.responsesProperty().get()).isFalse();
    }

    @Test
    void aTakenSuggestionGetsANumber() {
        ProviderWizardViewModel w = wizard(GatewayMode.EMBEDDED, ollama.target());
        w.takenProviderIds().add("my-ollama");
        w.kindProperty().set(Kind.LOCAL);
        w.next();
        w.next();
        assertThat(w.providerIdProperty().get()).isEqualTo("my-ollama-2");
    }

    @Test
    void detailsBlocksNextWhileAFieldIsInvalid() {
        ProviderWizardViewModel w = localWizardOnDetails(GatewayMode.EMBEDDED);
        w.providerIdProperty().set("openai");
        assertThat(w.canGoNextProperty().get()).isFalse();
        w.next();
        assertThat(w.getPage()).isEqualTo(Page.DETAILS);
        w.providerIdProperty().set("my-ollama");
        w.models().forEach(m -> m.setSelected(false));
        assertThat(w.canGoNextProperty().get()).isFalse();
        w.models().get(1).setSelected(true);
        w.chatCompletionsProperty().set(false);
        w.responsesProperty().set(false);
        assertThat(w.canGoNextProperty().get()).isFalse();
        w.chatCompletionsProperty().set(true);
        assertThat(w.canGoNextProperty().get()).isTrue();
        w.next();
        w.next();
        assertThat(w.testModelProperty().get()).isEqualTo("qwen2.5:0.5b");
    }

    @Test
    void aFailedTestShowsTheServersExactErrorAndCanBeSkipped() {
        ollama.route("POST /v1/chat/completions", json(404,
                "{\"error\":{\"message\":\"model \\\"llama3.2\\\" not found, try pulling it first\"}}"));
        ProviderWizardViewModel w = localWizardOnDetails(GatewayMode.EMBEDDED);
        w.next();
        w.next();

        w.runTest();

        assertThat(w.testOutcomeProperty().get()).isEqualTo(TestOutcome.FAILED);
        assertThat(w.testResultProperty().get()).isEqualTo("POST " + ollama.baseUrl()
                + "/v1/chat/completions failed: HTTP 404 Client Error: model \"llama3.2\" not found, try pulling it first");
        assertThat(w.nextLabelProperty().get()).isEqualTo("Skip");
        assertThat(w.canGoNextProperty().get()).isTrue();
        w.next();
        assertThat(w.getPage()).isEqualTo(Page.ACCESS);
    }

    @Test
    void reviewShowsTheExactRequestAndTheHostedCurl() {
        ProviderWizardViewModel w = localWizardOnDetails(GatewayMode.EMBEDDED);
        w.models().get(1).setSelected(false);

        assertThat(w.requestJsonProperty().get()).isEqualTo("""
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
        assertThat(w.curlCommandProperty().get()).isEqualTo("""
                curl -X POST https://api.ngrok.ai/providers \\
                  -H "Authorization: Bearer $NGROK_API_KEY" \\
                  -H "Content-Type: application/json" \\
                  -d '{"providerId":"my-ollama","name":"Local Ollama","baseUrl":"http://127.0.0.1:%d",\
                "supportedApiSurfaces":[{"format":"openai","surface":"chat-completions"},{"format":"openai","surface":"responses"}],\
                "models":[{"modelId":"llama3.2"}]}'""".formatted(ollama.port()));
        w.providerKeyProperty().set("sk-1");
        w.createConfigurationProperty().set(true);
        w.newConfigurationNameProperty().set("only-ollama");
        w.newAccessKeyNameProperty().set("laptop");
        assertThat(w.planProperty().get()).isEqualTo("""
                Create provider my-ollama with 1 model.
                Store the provider key as 'primary' (the value is never shown again).
                Create configuration only-ollama for my-ollama and access key laptop (its token is shown once).""");
    }
}
