package dev.switchboard.viewmodel.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.discovery.LocalServerScanner;
import dev.switchboard.discovery.ModelServerClient;
import dev.switchboard.discovery.ScriptedModelServer;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.ConnectionState;
import dev.switchboard.viewmodel.DialogService;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.settings.GatewayMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Providers page's view-model against the real embedded gateway: list, status, edit, delete (incl. 409). */
class ProvidersViewModelTest {
    @TempDir
    Path data;

    private EmbeddedGateway gateway;
    private GatewayClient client;
    private ModelServerClient servers;
    private ScriptedModelServer ollama;
    private GatewayConnection connection;
    private final Dialogs dialogs = new Dialogs();
    private final List<String> navigated = new ArrayList<>();
    private ProvidersViewModel vm;

    /** Answers confirmations as scripted and records what the user was told. */
    static final class Dialogs implements DialogService {
        final List<String> shown = new ArrayList<>();
        final List<Boolean> answers = new ArrayList<>();

        @Override
        public void showError(String title, String message) {
            shown.add("error: " + title + ": " + message);
        }

        @Override
        public void showInformation(String title, String message) {
            shown.add("info: " + title + ": " + message);
        }

        @Override
        public boolean confirm(String title, String message, String confirmLabel) {
            shown.add("confirm [" + confirmLabel + "]: " + title + ": " + message);
            return answers.isEmpty() || answers.remove(0);
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(data));
        client = GatewayClient.builder().embedded(gateway.baseUrl().toString()).apiKey(gateway.adminKey()).build();
        servers = new ModelServerClient(Duration.ofMillis(800), Duration.ofSeconds(3), Duration.ofSeconds(5));
        ollama = ScriptedModelServer.ollama("0.12.3", "llama3.2:latest");
        connection = new GatewayConnection(GatewayMode.EMBEDDED, client);
        vm = new ProvidersViewModel(() -> connection, BackgroundTasks.direct(), dialogs, navigated::add, () -> servers,
                () -> new LocalServerScanner(servers, List.of(ollama.target())));
    }

    @AfterEach
    void tearDown() {
        vm.close();
        ollama.close();
        servers.close();
        client.close();
        gateway.close();
    }

    private Provider provider(String id, String baseUrl, String... models) {
        return client.providers().create(ProviderCreate.of(id, id + " server", baseUrl, List.of(ApiSurface.openAiChat()), List.of(models)));
    }

    @Test
    void anEmptyGatewayShowsTheCallToAction() {
        assertThat(vm.emptyProperty().get()).isFalse();
        vm.load();
        assertThat(vm.emptyProperty().get()).isTrue();
        assertThat(vm.notConnectedProperty().get()).isFalse();
    }

    @Test
    void withoutAConnectionThePageSaysSoAndLeadsToSettings() {
        connection = null;
        vm.load();
        assertThat(vm.notConnectedProperty().get()).isTrue();
        assertThat(vm.emptyProperty().get()).isFalse();
        assertThat(vm.canAddProvider()).isFalse();
        vm.openSettings();
        assertThat(navigated).containsExactly("settings");
    }

    @Test
    void whileTheGatewayStartsThePageSaysItIsStartingNotThatItIsNotConnected() {
        connection = null;
        vm.connectionPhase(null); // the app has just started: no connection state yet
        assertThat(vm.startingProperty().get()).isTrue();
        vm.connectionPhase(ConnectionState.Phase.STARTING);
        vm.load();
        assertThat(vm.notConnectedProperty().get()).isTrue();
        assertThat(vm.startingProperty().get()).isTrue();
        assertThat(vm.loadErrorProperty().get()).isEqualTo(ProvidersViewModel.STARTING);

        vm.connectionPhase(ConnectionState.Phase.FAILED);
        assertThat(vm.startingProperty().get()).isFalse();
        assertThat(vm.loadErrorProperty().get()).isEqualTo(ProvidersViewModel.NOT_CONNECTED);

        connection = new GatewayConnection(GatewayMode.EMBEDDED, client);
        vm.connectionPhase(ConnectionState.Phase.READY);
        vm.load();
        assertThat(vm.notConnectedProperty().get()).isFalse();
        assertThat(vm.loadErrorProperty().get()).isEmpty();
    }

    @Test
    void listsProvidersWithALiveStatus() throws IOException {
        provider("up", ollama.baseUrl(), "llama3.2");
        provider("down", "http://127.0.0.1:" + ScriptedModelServer.closedPort(), "m");
        provider("tunnel", "https://tunnel.internal", "m");

        vm.load();

        assertThat(vm.rows()).extracting(ProviderRow::providerId).containsExactlyInAnyOrder("up", "down", "tunnel");
        assertThat(vm.rows()).allSatisfy(r -> assertThat(r.getStatus()).isEqualTo(switch (r.providerId()) {
            case "up" -> ProviderRow.Status.REACHABLE;
            case "down" -> ProviderRow.Status.UNREACHABLE;
            default -> ProviderRow.Status.UNKNOWN;
        }));
        ProviderRow up = vm.rows().stream().filter(r -> r.providerId().equals("up")).findFirst().orElseThrow();
        assertThat(up.surfaces()).isEqualTo("Chat");
        assertThat(up.modelCount()).isEqualTo(1);
        assertThat(vm.emptyProperty().get()).isFalse();
    }

    @Test
    void theDetailPaneSendsOnlyWhatChanged() {
        provider("edit-me", ollama.baseUrl(), "llama3.2");
        vm.load();
        vm.select("edit-me");
        assertThat(vm.editor().editNameProperty().get()).isEqualTo("edit-me server");
        assertThat(vm.editor().dirtyProperty().get()).isFalse();
        assertThat(vm.canSaveProperty().get()).isFalse();

        vm.editor().editNameProperty().set("Renamed");
        vm.editor().newModelIdProperty().set("qwen2.5:0.5b");
        vm.editor().addModel();
        vm.editor().editResponsesProperty().set(true);
        assertThat(vm.editor().pendingUpdate().toJson().toString()).isEqualTo("{\"name\":\"Renamed\",\"supportedApiSurfaces\":"
                + "[{\"format\":\"openai\",\"surface\":\"chat-completions\"},{\"format\":\"openai\",\"surface\":\"responses\"}],"
                + "\"models\":[{\"modelId\":\"llama3.2\"},{\"modelId\":\"qwen2.5:0.5b\"}]}");
        assertThat(vm.canSaveProperty().get()).isTrue();

        vm.save();

        Provider saved = client.providers().list().toList().get(0);
        assertThat(saved.name()).isEqualTo("Renamed");
        assertThat(saved.models()).extracting(m -> m.modelId()).containsExactly("llama3.2", "qwen2.5:0.5b");
        assertThat(saved.baseUrl()).isEqualTo(ollama.baseUrl());
        assertThat(vm.selectedProperty().get().name()).isEqualTo("Renamed");
        assertThat(vm.editor().dirtyProperty().get()).isFalse();
        assertThat(vm.detailNoticeProperty().get()).isEqualTo("Saved.");
    }

    @Test
    void theDetailPaneValidatesAsTyped() {
        provider("p", ollama.baseUrl(), "m");
        vm.load();
        vm.select("p");

        vm.editor().editBaseUrlProperty().set("http://example.com");
        assertThat(vm.editor().baseUrlValidator().getMessage()).startsWith("Use https://");
        assertThat(vm.canSaveProperty().get()).isFalse();
        vm.editor().editBaseUrlProperty().set("https://example.com");
        assertThat(vm.canSaveProperty().get()).isTrue();
        vm.editor().editChatProperty().set(false);
        assertThat(vm.canSaveProperty().get()).isFalse();
        vm.revert();
        assertThat(vm.editor().editBaseUrlProperty().get()).isEqualTo(ollama.baseUrl());
        assertThat(vm.editor().editChatProperty().get()).isTrue();
        assertThat(vm.editor().dirtyProperty().get()).isFalse();
    }

    @Test
    void deletingAnUnusedProviderAsksThenRemovesIt() {
        provider("gone", ollama.baseUrl(), "m");
        vm.load();
        vm.select("gone");

        vm.delete(vm.selectedProperty().get());

        assertThat(dialogs.shown).singleElement().asString().startsWith("confirm [Delete]: Delete provider gone?");
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.selectedProperty().get()).isNull();
        assertThat(client.providers().list().toList()).isEmpty();
    }

    @Test
    void sayingNoKeepsTheProvider() {
        provider("kept", ollama.baseUrl(), "m");
        vm.load();
        dialogs.answers.add(false);
        vm.delete(vm.rows().get(0));
        assertThat(vm.rows()).hasSize(1);
        assertThat(client.providers().list().toList()).hasSize(1);
    }

    @Test
    void deletingAReferencedProviderExplainsTheConflictAndOpensTheConfiguration() {
        provider("busy", ollama.baseUrl(), "m");
        client.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("team-x",
                new Access(new AllowList(List.of("busy")), null), null));
        client.providerKeys().create(ProviderKeyCreate.of("busy", "primary", "sk-1234567890"));
        vm.load();

        vm.delete(vm.rows().get(0));

        StillInUse use = vm.lastRefusalProperty().get();
        assertThat(use.configurations()).extracting(c -> c.name()).containsExactly("team-x");
        assertThat(use.explanation()).startsWith("busy is still used by configuration team-x. Remove it from that "
                + "configuration first, then delete it.\nbusy still has 1 provider key (primary). Delete it first.\n\nThe gateway said: ");
        assertThat(dialogs.shown.get(1)).startsWith("confirm [Open team-x]: Cannot delete busy: busy is still used by configuration team-x.");
        assertThat(navigated).containsExactly("access-keys");
        assertThat(vm.rows()).hasSize(1);
        assertThat(client.providers().list().toList()).hasSize(1);
    }

    @Test
    void theWizardOpensOnTheSameGatewayAndItsResultIsSelected() {
        vm.load();
        ProviderWizardViewModel wizard = vm.newWizard();
        wizard.kindProperty().set(ProviderWizardViewModel.Kind.LOCAL);
        for (int i = 0; i < 5; i++) {
            wizard.next();
        }
        wizard.access().createConfigurationProperty().set(false);
        wizard.next();
        wizard.next();
        assertThat(wizard.getPage()).isEqualTo(ProviderWizardViewModel.Page.DONE);

        vm.wizardFinished(wizard);

        assertThat(vm.rows()).extracting(ProviderRow::providerId).containsExactly("my-ollama");
        assertThat(vm.selectedProperty().get().providerId()).isEqualTo("my-ollama");
    }
}
