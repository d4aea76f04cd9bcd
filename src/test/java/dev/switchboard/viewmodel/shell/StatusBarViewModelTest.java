package dev.switchboard.viewmodel.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.ClientGatewayProbe;
import dev.switchboard.app.ConnectionManager;
import dev.switchboard.app.EmbeddedGatewayStarter;
import dev.switchboard.testing.ModelServers;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.settings.Settings;
import dev.switchboard.viewmodel.settings.SettingsStore;
import dev.switchboard.viewmodel.shell.StatusBarViewModel.Health;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status bar's view-model against a scripted hosted control plane, background work inline. */
class StatusBarViewModelTest {
    @TempDir
    Path dir;

    private final MockWebServer hosted = ModelServers.mockWebServer();
    private final OkHttpClient http = new OkHttpClient();
    private final BackgroundTasks tasks = BackgroundTasks.direct();
    private ConnectionManager connections;
    private SettingsStore store;

    @BeforeEach
    void setUp() throws Exception {
        hosted.start();
        store = new SettingsStore(dir);
        connections = new ConnectionManager(store, tasks, EmbeddedGatewayStarter.loopback(), http);
    }

    @AfterEach
    void tearDown() {
        connections.close();
        hosted.close();
        http.dispatcher().executorService().shutdown();
    }

    private String url() {
        String u = hosted.url("/").toString();
        return u.substring(0, u.length() - 1);
    }

    @Test
    void saysWhichHostedGatewayAndThatItAnswers() {
        store.save(Settings.defaults().withConnection(GatewayMode.HOSTED, url(), "https://gateway.example.com"));
        store.saveApiKey("sk-1");
        hosted.enqueue(new MockResponse.Builder().code(200).body("{\"totalTimeout\":\"120s\"}").build());
        hosted.enqueue(new MockResponse.Builder().code(503)
                .body("{\"errorCode\":\"ERR_NGROK_1\",\"statusCode\":503,\"msg\":\"Down for maintenance.\"}").build());

        StatusBarViewModel vm = new StatusBarViewModel(connections, new ClientGatewayProbe(http), tasks);
        connections.connect();
        assertThat(vm.healthProperty().get()).isEqualTo(Health.CONNECTED);
        assertThat(vm.textProperty().get()).isEqualTo("Hosted · " + url() + " · connected");

        vm.checkNow();
        assertThat(vm.healthProperty().get()).isEqualTo(Health.NOT_ANSWERING);
        assertThat(vm.textProperty().get()).isEqualTo("Hosted · " + url() + " · not answering");
        assertThat(vm.detailProperty().get()).contains("503");
        vm.close();
    }

    @Test
    void startsTheEmbeddedGatewayAndSaysWhereItListens() {
        store.save(Settings.defaults().withEmbeddedPort(0));
        StatusBarViewModel vm = new StatusBarViewModel(connections, new ClientGatewayProbe(http), tasks);
        connections.connect();
        String url = connections.current().controlPlaneUrl();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(vm.healthProperty().get()).isEqualTo(Health.CONNECTED);
        assertThat(vm.textProperty().get()).isEqualTo("Embedded · " + url + " · connected");

        connections.close();
        vm.checkNow();
        assertThat(vm.healthProperty().get()).isEqualTo(Health.NOT_ANSWERING);
        assertThat(vm.detailProperty().get()).contains("Could not reach");
    }

    @Test
    void hostedWithoutAKeyFailsWithWhatToDo() {
        store.save(Settings.defaults().withConnection(GatewayMode.HOSTED, url(), "https://gateway.example.com"));
        StatusBarViewModel vm = new StatusBarViewModel(connections, new ClientGatewayProbe(http), tasks);
        connections.connect();
        assertThat(vm.healthProperty().get()).isEqualTo(Health.FAILED);
        assertThat(vm.textProperty().get()).contains("No API key", "Settings");
    }
}
