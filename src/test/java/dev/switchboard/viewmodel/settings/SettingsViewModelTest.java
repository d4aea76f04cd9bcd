package dev.switchboard.viewmodel.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.ConnectionManager;
import dev.switchboard.app.EmbeddedGatewayStarter;
import dev.switchboard.app.ClientGatewayProbe;
import dev.switchboard.testing.ModelServers;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.ConnectionState;
import dev.switchboard.viewmodel.NotificationService;
import dev.switchboard.viewmodel.settings.SettingsViewModel.TestOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Settings view-model without a window: background work runs inline. */
class SettingsViewModelTest {
    @TempDir
    Path dir;

    private final BackgroundTasks tasks = BackgroundTasks.direct();
    private final List<String> notices = new ArrayList<>();
    private final NotificationService notifications = (kind, message) -> notices.add(kind + ": " + message);
    private final OkHttpClient http = new OkHttpClient();
    private final MockWebServer hosted = ModelServers.mockWebServer();
    private SettingsStore store;
    private ConnectionManager connections;

    @BeforeEach
    void setUp() throws Exception {
        store = new SettingsStore(dir);
        connections = new ConnectionManager(store, tasks, EmbeddedGatewayStarter.loopback(), http);
        hosted.start();
    }

    @AfterEach
    void tearDown() {
        connections.close();
        hosted.close();
        http.dispatcher().executorService().shutdown();
    }

    private SettingsViewModel newViewModel() {
        SettingsViewModel vm = new SettingsViewModel(store, tasks, connections, new ClientGatewayProbe(http), notifications,
                new Appearance(store, tasks, store.load().theme()));
        vm.load().join();
        return vm;
    }

    private String hostedUrl() {
        String u = hosted.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    @Test
    void startsWithTheDefaults() {
        SettingsViewModel vm = newViewModel();
        assertThat(vm.modeProperty().get()).isEqualTo(GatewayMode.EMBEDDED);
        assertThat(vm.controlPlaneUrlProperty().get()).isEqualTo("https://api.ngrok.ai");
        assertThat(vm.dataPlaneUrlProperty().get()).isEqualTo("https://gateway.ngrok.ai");
        assertThat(vm.saveCommand().isExecutable()).isTrue();
    }

    @Test
    void refusesBadUrlsWithAMessageAndDisablesSave() {
        SettingsViewModel vm = newViewModel();
        vm.modeProperty().set(GatewayMode.HOSTED);
        vm.apiKeyProperty().set("key-1");
        assertThat(vm.saveCommand().isExecutable()).isTrue();

        vm.controlPlaneUrlProperty().set("ftp://x");
        assertThat(vm.controlPlaneUrlValidator().isValid()).isFalse();
        assertThat(vm.controlPlaneUrlValidator().getMessage()).contains("Only http:// and https://");
        assertThat(vm.saveCommand().isExecutable()).isFalse();
        assertThat(vm.testConnectionCommand().isExecutable()).isFalse();

        vm.controlPlaneUrlProperty().set("not a url");
        assertThat(vm.controlPlaneUrlValidator().isValid()).isFalse();
        assertThat(vm.controlPlaneUrlValidator().getMessage()).isNotBlank();
        assertThat(vm.saveCommand().isExecutable()).isFalse();

        vm.dataPlaneUrlProperty().set("gateway.ngrok.ai");
        assertThat(vm.dataPlaneUrlValidator().isValid()).isFalse();

        vm.controlPlaneUrlProperty().set("https://api.ngrok.ai");
        vm.dataPlaneUrlProperty().set("https://gateway.ngrok.ai");
        assertThat(vm.controlPlaneUrlValidator().isValid()).isTrue();
        assertThat(vm.saveCommand().isExecutable()).isTrue();
    }

    @Test
    void hostedNeedsAnApiKeyEmbeddedDoesNot() {
        SettingsViewModel vm = newViewModel();
        vm.modeProperty().set(GatewayMode.HOSTED);
        assertThat(vm.apiKeyValidator().isValid()).isFalse();
        assertThat(vm.apiKeyValidator().getMessage()).contains("API key");
        assertThat(vm.saveCommand().isExecutable()).isFalse();
        vm.modeProperty().set(GatewayMode.EMBEDDED);
        assertThat(vm.saveCommand().isExecutable()).isTrue();
    }

    @Test
    void savedChoiceSurvivesANewViewModelAndReconnects() throws Exception {
        hosted.enqueue(new MockResponse.Builder().code(200).body("{\"totalTimeout\":\"120s\"}").build());
        SettingsViewModel vm = newViewModel();
        vm.modeProperty().set(GatewayMode.HOSTED);
        vm.controlPlaneUrlProperty().set(hostedUrl());
        vm.dataPlaneUrlProperty().set("https://gateway.example.com");
        vm.apiKeyProperty().set("sk-test-42");
        vm.save().join();

        assertThat(notices).contains("SUCCESS: Settings saved.");
        ConnectionState state = connections.stateProperty().get();
        assertThat(state.phase()).isEqualTo(ConnectionState.Phase.READY);
        assertThat(state.connection().mode()).isEqualTo(GatewayMode.HOSTED);
        assertThat(state.connection().controlPlaneUrl()).isEqualTo(hostedUrl());
        assertThat(state.connection().toString()).doesNotContain("sk-test-42");
        // The app's client for the new connection carries the saved key.
        state.connection().client().gatewayConfig();
        RecordedRequest r = hosted.takeRequest(2, TimeUnit.SECONDS);
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test-42");

        SettingsViewModel again = newViewModel();
        assertThat(again.modeProperty().get()).isEqualTo(GatewayMode.HOSTED);
        assertThat(again.controlPlaneUrlProperty().get()).isEqualTo(hostedUrl());
        assertThat(again.dataPlaneUrlProperty().get()).isEqualTo("https://gateway.example.com");
        assertThat(again.apiKeyProperty().get()).isEqualTo("sk-test-42");
        assertThat(java.nio.file.Files.readString(store.settingsFile())).doesNotContain("sk-test-42");
    }

    @Test
    void revertPutsBackWhatWasSaved() {
        SettingsViewModel vm = newViewModel();
        vm.modeProperty().set(GatewayMode.HOSTED);
        vm.controlPlaneUrlProperty().set("ftp://x");
        vm.revert();
        assertThat(vm.modeProperty().get()).isEqualTo(GatewayMode.EMBEDDED);
        assertThat(vm.controlPlaneUrlProperty().get()).isEqualTo("https://api.ngrok.ai");
    }

    @Test
    void testConnectionCallsTheHostedControlPlaneWithTheKey() throws Exception {
        hosted.enqueue(new MockResponse.Builder().code(200)
                .body("{\"totalTimeout\":\"120s\",\"perRequestTimeout\":\"60s\"}").build());
        SettingsViewModel vm = newViewModel();
        vm.modeProperty().set(GatewayMode.HOSTED);
        vm.controlPlaneUrlProperty().set(hostedUrl());
        vm.apiKeyProperty().set("sk-live");
        vm.testConnection().join();

        RecordedRequest r = hosted.takeRequest(2, TimeUnit.SECONDS);
        assertThat(r).isNotNull();
        assertThat(r.getTarget()).isEqualTo("/gateway-config");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer sk-live");
        assertThat(vm.testOutcomeProperty().get()).isEqualTo(TestOutcome.SUCCEEDED);
        assertThat(vm.testMessageProperty().get()).contains("answered");
    }

    @Test
    void testConnectionReportsARefusedKey() {
        hosted.enqueue(new MockResponse.Builder().code(401)
                .body("{\"errorCode\":\"ERR_NGROK_401\",\"statusCode\":401,\"msg\":\"Invalid API key.\"}").build());
        SettingsViewModel vm = newViewModel();
        vm.modeProperty().set(GatewayMode.HOSTED);
        vm.controlPlaneUrlProperty().set(hostedUrl());
        vm.apiKeyProperty().set("wrong");
        vm.testConnection().join();
        assertThat(vm.testOutcomeProperty().get()).isEqualTo(TestOutcome.FAILED);
        assertThat(vm.testMessageProperty().get()).contains("refused the API key", "401");
        assertThat(vm.testMessageProperty().get()).doesNotContain("wrong");
    }

    @Test
    void testConnectionReportsNothingListening() throws Exception {
        String url = hostedUrl();
        hosted.close();
        SettingsViewModel vm = newViewModel();
        vm.modeProperty().set(GatewayMode.HOSTED);
        vm.controlPlaneUrlProperty().set(url);
        vm.apiKeyProperty().set("k");
        vm.testConnection().join();
        assertThat(vm.testOutcomeProperty().get()).isEqualTo(TestOutcome.FAILED);
        assertThat(vm.testMessageProperty().get()).isNotBlank();
    }

    @Test
    void themeIsSavedAsSoonAsItChanges() {
        SettingsViewModel vm = newViewModel();
        vm.themeProperty().set(Theme.DARK);
        assertThat(store.load().theme()).isEqualTo(Theme.DARK);
        assertThat(newViewModel().themeProperty().get()).isEqualTo(Theme.DARK);
    }
}
