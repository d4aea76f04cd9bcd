package dev.switchboard.viewmodel.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.RouterRule;
import dev.switchboard.client.Completion;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.Surface;
import dev.switchboard.discovery.LocalServerScanner;
import dev.switchboard.discovery.ModelServerClient;
import dev.switchboard.discovery.ScriptedModelServer;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.Kind;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.Page;
import dev.switchboard.viewmodel.settings.GatewayMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review → Create against the real embedded gateway (random port, temp data folder), with a
 * MockWebServer as the Ollama: what gets created, the Access step's changes, server errors shown
 * on the page they concern, and a retry that does not create twice.
 */
class ProviderWizardCreateTest {
    @TempDir
    Path data;

    private EmbeddedGateway gateway;
    private GatewayClient client;
    private ModelServerClient servers;
    private ScriptedModelServer ollama;

    @BeforeEach
    void setUp() throws IOException {
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(data));
        client = GatewayClient.builder().embedded(gateway.baseUrl().toString()).apiKey(gateway.adminKey()).build();
        servers = new ModelServerClient(Duration.ofMillis(800), Duration.ofSeconds(3), Duration.ofSeconds(5));
        ollama = ScriptedModelServer.ollama("0.12.3", "llama3.2:latest", "qwen2.5:0.5b");
    }

    @AfterEach
    void tearDown() {
        ollama.close();
        servers.close();
        client.close();
        gateway.close();
    }

    private ProviderWizardViewModel wizard() {
        ProviderWizardViewModel w = new ProviderWizardViewModel(new GatewayConnection(GatewayMode.EMBEDDED, client),
                BackgroundTasks.direct(), new LocalServerScanner(servers, List.of(ollama.target())), () -> servers);
        w.start();
        return w;
    }

    /** Kind → Find → Details → Reach → Test (skipped) → Access. */
    private ProviderWizardViewModel onAccessPage() {
        ProviderWizardViewModel w = wizard();
        w.kindProperty().set(Kind.LOCAL);
        for (int i = 0; i < 5; i++) {
            w.next();
        }
        assertThat(w.getPage()).isEqualTo(Page.ACCESS);
        return w;
    }

    private static void tick(ProviderWizardViewModel w, String configurationName) {
        w.access().configurations().stream().filter(c -> c.name().equals(configurationName)).findFirst().orElseThrow().setSelected(true);
    }

    @Test
    void createsTheProviderItsKeyAndAccessAndTheNewKeyCallsTheModel() {
        client.providers().create(ProviderCreate.of("other", "Other", "http://127.0.0.1:1", List.of(ApiSurface.openAiChat()),
                List.of("model")));
        AccessKeyConfiguration team = client.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("team-local",
                new Access(new AllowList(List.of()), new AllowList(List.of("other:model"))), null));
        ProviderWizardViewModel w = onAccessPage();
        assertThat(w.access().configurations()).extracting(ConfigurationChoice::name).containsExactly("team-local");
        w.providerKeyProperty().set("sk-local-secret-1234");
        tick(w, "team-local");
        w.access().createConfigurationProperty().set(true);
        assertThat(w.access().newConfigurationNameProperty().get()).isEqualTo("my-ollama");
        assertThat(w.access().newAccessKeyNameProperty().get()).isEqualTo("my-ollama-key");
        w.next();
        assertThat(w.getPage()).isEqualTo(Page.REVIEW);

        w.next();

        assertThat(w.getPage()).isEqualTo(Page.DONE);
        Provider provider = client.providers().list().stream().filter(p -> p.providerId().equals("my-ollama")).findFirst().orElseThrow();
        assertThat(provider.providerId()).isEqualTo("my-ollama");
        assertThat(provider.name()).isEqualTo("Local Ollama");
        assertThat(provider.baseUrl()).isEqualTo(ollama.baseUrl());
        assertThat(provider.supportedApiSurfaces()).containsExactly(ApiSurface.openAiChat(), ApiSurface.openAiResponses());
        assertThat(provider.models()).extracting(m -> m.modelId()).containsExactly("llama3.2", "qwen2.5:0.5b");

        ProviderKey key = client.providerKeys().listForProvider("my-ollama").toList().get(0);
        assertThat(key.name()).isEqualTo("primary");
        assertThat(key.keyRedacted()).doesNotContain("secret").endsWith("1234");

        AccessKeyConfiguration updated = client.accessKeyConfigurations().get(team.id());
        assertThat(updated.access().providers().allow()).containsExactly("my-ollama");
        assertThat(updated.access().models().allow()).containsExactly("other:model", "my-ollama:llama3.2", "my-ollama:qwen2.5:0.5b");
        RouterRule rule = updated.router().rules().get(0);
        assertThat(rule.provider()).isEqualTo("my-ollama");
        assertThat(rule.steps().get(0).keys().get(0).id()).isEqualTo(key.id());

        AccessKeyConfiguration created = client.accessKeyConfigurations().list().stream()
                .filter(c -> c.name().equals("my-ollama")).findFirst().orElseThrow();
        assertThat(created.access().providers().allow()).containsExactly("my-ollama");
        assertThat(created.router().rules().get(0).steps().get(0).keys().get(0).id()).isEqualTo(key.id());

        String token = w.createdTokenProperty().get();
        assertThat(token).startsWith("ng-");
        assertThat(w.doneSummaryProperty().get()).isEqualTo("Created my-ollama (2 models) at " + ollama.baseUrl()
                + ". Added to 1 configuration. New access key my-ollama-key: copy its token now, it is shown only once.");
        assertThat(w.tryItCommandProperty().get()).contains("\"model\": \"my-ollama:llama3.2\"").contains(token);

    }

    @Test
    void theNewAccessKeyCallsMyOllamaThroughTheEmbeddedGateway() {
        ollama.route("POST /v1/chat/completions", ScriptedModelServer.json(200,
                ScriptedModelServer.chatCompletion("llama3.2", "Hi through the gateway")));
        ProviderWizardViewModel w = onAccessPage();
        w.providerKeyProperty().set("sk-local-secret-1234");
        w.access().createConfigurationProperty().set(true);
        w.next();
        w.next();
        assertThat(w.getPage()).isEqualTo(Page.DONE);
        String token = w.createdTokenProperty().get();

        Completion reply = client.complete(token, Surface.CHAT_COMPLETIONS, ChatRequest.builder("my-ollama:llama3.2").user("Hi").build());

        assertThat(reply.text()).isEqualTo("Hi through the gateway");
        RecordedRequest upstream = ollama.requests().stream()
                .filter(r -> r.getUrl().encodedPath().equals("/v1/chat/completions")).reduce((a, b) -> b).orElseThrow();
        assertThat(upstream.getHeaders().get("Authorization")).isEqualTo("Bearer sk-local-secret-1234");
        assertThat(upstream.getBody().utf8()).contains("\"model\":\"llama3.2\"");
    }

    @Test
    void aTakenProviderIdComesBackToDetailsWithTheServersMessage() {
        ProviderWizardViewModel w = onAccessPage();
        w.next();
        // Someone else takes the id between the wizard's check and Create.
        client.providers().create(ProviderCreate.of("my-ollama", "Other", "http://127.0.0.1:1", List.of(ApiSurface.openAiChat()),
                List.of("x")));

        w.next();

        assertThat(w.getPage()).isEqualTo(Page.DETAILS);
        assertThat(w.errorProperty().get()).isNotEmpty();
        assertThat(w.details().providerIdValidator().getMessage()).isEqualTo("A provider named 'my-ollama' already exists; choose another id.");
        assertThat(w.details().displayNameProperty().get()).isEqualTo("Local Ollama");

        w.details().providerIdProperty().set("my-ollama-2");
        assertThat(w.errorProperty().get()).isEmpty();
        for (int i = 0; i < 5 && w.getPage() != Page.DONE; i++) {
            w.next();
        }
        assertThat(w.getPage()).isEqualTo(Page.DONE);
        assertThat(client.providers().list().toList()).extracting(Provider::providerId).containsExactlyInAnyOrder("my-ollama", "my-ollama-2");
    }

    @Test
    void aFailedAccessStepStaysOnAccessAndRetryingDoesNotCreateTwice() {
        AccessKeyConfiguration doomed = client.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("doomed",
                new Access(new AllowList(List.of()), null), null));
        ProviderWizardViewModel w = onAccessPage();
        tick(w, "doomed");
        client.accessKeyConfigurations().delete(doomed.id());
        w.next();

        w.next();

        assertThat(w.getPage()).isEqualTo(Page.ACCESS);
        assertThat(w.errorProperty().get()).startsWith("my-ollama was created, but adding it to configuration doomed failed: ");
        assertThat(w.createdProviderProperty().get().providerId()).isEqualTo("my-ollama");
        assertThat(client.providers().list().toList()).hasSize(1);

        w.access().configurations().forEach(c -> c.setSelected(false));
        w.next();
        assertThat(w.nextLabelProperty().get()).isEqualTo("Finish");
        w.next();

        assertThat(w.getPage()).isEqualTo(Page.DONE);
        assertThat(client.providers().list().toList()).hasSize(1);
    }

    @Test
    void anExternalProviderWithAKeyCreatesTheKeyEvenWithoutConfigurations() throws IOException {
        try (ScriptedModelServer remote = ScriptedModelServer.openAi("vllm", "Qwen/Qwen2.5-7B-Instruct")) {
            ProviderWizardViewModel w = wizard();
            w.kindProperty().set(Kind.EXTERNAL);
            w.next();
            w.externalUrl().baseUrlProperty().set(remote.baseUrl() + "/v1");
            w.providerKeyProperty().set("sk-remote-9876");
            w.externalUrl().fetchModels();
            w.next();
            w.details().providerIdProperty().set("gpu-box");
            w.next();
            w.next();
            assertThat(w.getPage()).isEqualTo(Page.ACCESS);
            // With no configuration yet, the wizard offers a new one; decline it here.
            assertThat(w.access().createConfigurationProperty().get()).isTrue();
            w.access().createConfigurationProperty().set(false);
            w.next();
            w.next();

            assertThat(w.getPage()).isEqualTo(Page.DONE);
            Provider p = client.providers().list().toList().get(0);
            assertThat(p.baseUrl()).isEqualTo(remote.baseUrl() + "/v1");
            assertThat(client.providerKeys().listForProvider("gpu-box").toList()).hasSize(1);
            assertThat(w.createdTokenProperty().get()).isEmpty();
        }
    }
}
