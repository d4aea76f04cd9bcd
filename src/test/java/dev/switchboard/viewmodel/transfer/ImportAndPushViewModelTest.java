package dev.switchboard.viewmodel.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.gateway.store.StoredKeyValues;
import dev.switchboard.transfer.Change;
import dev.switchboard.transfer.ConfigFile;
import dev.switchboard.transfer.GatewaySnapshot;
import dev.switchboard.transfer.ProviderEntry;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.ConnectionState;
import dev.switchboard.viewmodel.Connections;
import dev.switchboard.viewmodel.DialogService;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.GatewayProbe;
import dev.switchboard.viewmodel.ProbeResult;
import dev.switchboard.viewmodel.accesskeys.LineDiff;
import dev.switchboard.viewmodel.settings.Appearance;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.settings.SettingsStore;
import dev.switchboard.viewmodel.settings.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Export…, Import… and "Copy to another gateway…" view-models over real embedded gateways, no toolkit. */
class ImportAndPushViewModelTest {
    private static final String KEY_VALUE = "sk-ollama-proxy-5e7a2c91d0b4";

    @TempDir
    Path tmp;
    private EmbeddedGateway console;
    private EmbeddedGateway other;
    private GatewayClient consoleAdmin;
    private GatewayClient otherAdmin;
    private AppContext context;

    @BeforeEach
    void start() {
        console = EmbeddedGateway.start(GatewayOptions.loopback(tmp.resolve("console")), null);
        other = EmbeddedGateway.start(GatewayOptions.loopback(tmp.resolve("other")), null);
        consoleAdmin = GatewayClient.builder().embedded(console.baseUrl().toString()).apiKey(console.adminKey()).build();
        otherAdmin = GatewayClient.builder().embedded(other.baseUrl().toString()).apiKey(other.adminKey()).build();
        consoleAdmin.providers().create(ProviderCreate.of("my-ollama", "Local Ollama", "http://127.0.0.1:11434",
                List.of(ApiSurface.openAiChat()), List.of("llama3.2", "qwen2.5-coder:7b")));
        consoleAdmin.providerKeys().create(ProviderKeyCreate.of("my-ollama", "proxy", KEY_VALUE));
        BackgroundTasks tasks = BackgroundTasks.direct();
        SettingsStore settings = new SettingsStore(tmp.resolve("console"));
        GatewayConnection connection = GatewayConnection.embedded(console.baseUrl().toString(), console.adminKey());
        SimpleObjectProperty<ConnectionState> state = new SimpleObjectProperty<>(ConnectionState.ready(connection));
        Connections connections = new Connections() {
            @Override
            public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
                return state;
            }

            @Override
            public void reconnect() {
            }
        };
        context = new AppContext(tmp.resolve("console"), settings, tasks, new SilentDialogs(), (kind, message) -> { },
                connections, new UnusedProbe(), new Appearance(settings, tasks, Theme.LIGHT));
        context.setStoredKeyValues(StoredKeyValues::read);
    }

    @AfterEach
    void stop() {
        consoleAdmin.close();
        otherAdmin.close();
        console.close();
        other.close();
    }

    @Test
    void copyShowsThePlanAsADiffAsksForTheInternalUrlAndAppliesWithProgressAndTheNgrokCommand() {
        CopyViewModel copy = new CopyViewModel(context, Runnable::run);
        TransferViewModel t = copy.transfer();
        copy.targetUrlProperty().set("ftp://example.com");
        assertThat(copy.targetUrlErrorProperty().get()).isEqualTo("Use an http:// or https:// URL.");
        copy.targetUrlProperty().set(other.baseUrl().toString());
        copy.apiKeyProperty().set(other.adminKey());
        copy.plan();

        assertThat(t.phaseProperty().get()).isEqualTo(TransferViewModel.Phase.REVIEW);
        assertThat(t.localProviders()).singleElement().satisfies(p -> {
            assertThat(p.providerId()).isEqualTo("my-ollama");
            assertThat(p.internalUrlProperty().get()).isEqualTo("https://my-ollama.internal");
        });
        assertThat(t.changes()).extracting(Change::describe).containsExactly("create provider my-ollama",
                "create provider key my-ollama/proxy");
        assertThat(t.missingSecrets()).as("the value comes from the embedded store").isEmpty();
        assertThat(t.diff()).extracting(LineDiff.Line::render).contains("+ baseUrl: https://my-ollama.internal");

        t.localProviders().get(0).internalUrlProperty().set("https://my-ollama.example.com");
        assertThat(t.localProviders().get(0).errorProperty().get()).contains("ngrok internal endpoint");
        assertThat(t.canApplyProperty().get()).isFalse();
        t.localProviders().get(0).internalUrlProperty().set("https://ollama-box.internal");
        assertThat(t.canApplyProperty().get()).isTrue();

        t.apply();
        assertThat(t.phaseProperty().get()).isEqualTo(TransferViewModel.Phase.DONE);
        assertThat(t.failedProperty().get()).isFalse();
        assertThat(t.progressProperty().get()).isEqualTo(1.0);
        assertThat(t.summaryProperty().get()).contains("Applied all 2 changes.");
        assertThat(t.ngrokCommandsProperty().get()).isEqualTo("ngrok http 11434 --url https://ollama-box.internal");
        assertThat(GatewaySnapshot.read(otherAdmin).toConfigFile().providers()).extracting(ProviderEntry::baseUrl)
                .containsExactly("https://ollama-box.internal");
        assertThat(StoredKeyValues.read(tmp.resolve("other")).values()).containsExactly(KEY_VALUE);
        copy.close();
    }

    @Test
    void importShowsAFileProblemWithItsLineAndAsksForAMissingKeyValue() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "version: 1\nproviders:\n  - providerId: other-vllm\n    name: Other vLLM\n"
                + "    baseUrl: https://vllm.example.com\n    modles: [qwen2.5-coder-32b-instruct-q4_K_M]\n");
        ImportViewModel broken = new ImportViewModel(context, Runnable::run);
        broken.load(bad);
        assertThat(broken.transfer().failedProperty().get()).isTrue();
        assertThat(broken.transfer().statusProperty().get()).contains("bad.yaml, line 6, column ").contains("unknown field 'modles'");

        Path file = tmp.resolve("gateway.yaml");
        ExportViewModel export = new ExportViewModel(context);
        export.exportTo(file);
        assertThat(export.statusProperty().get()).contains("Exported 1 providers, 1 provider keys")
                .contains("without provider-key values");
        assertThat(Files.readString(file)).doesNotContain(KEY_VALUE);

        // import it into the other gateway, as the console connected to it would
        context = contextOn(other);
        ImportViewModel importer = new ImportViewModel(context, Runnable::run);
        importer.load(file);
        TransferViewModel t = importer.transfer();
        assertThat(t.phaseProperty().get()).isEqualTo(TransferViewModel.Phase.REVIEW);
        assertThat(t.missingSecrets()).extracting(SecretInput::label).containsExactly("my-ollama/proxy");
        assertThat(t.changes()).extracting(Change::describe).containsExactly("create provider my-ollama");
        t.missingSecrets().get(0).valueProperty().set("sk-typed-in-the-dialog-77");
        assertThat(t.changes()).extracting(Change::describe).containsExactly("create provider my-ollama",
                "create provider key my-ollama/proxy");
        t.apply();
        assertThat(t.summaryProperty().get()).contains("Applied all 2 changes.");
        ConfigFile state = GatewaySnapshot.read(otherAdmin).toConfigFile();
        assertThat(state.providerKeys()).extracting(k -> k.label()).containsExactly("my-ollama/proxy");
    }

    private AppContext contextOn(EmbeddedGateway gateway) {
        GatewayConnection c = GatewayConnection.embedded(gateway.baseUrl().toString(), gateway.adminKey());
        SimpleObjectProperty<ConnectionState> state = new SimpleObjectProperty<>(ConnectionState.ready(c));
        return new AppContext(context.dataFolder(), context.settings(), context.tasks(), context.dialogs(),
                context.notifications(), new Connections() {
                    @Override
                    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
                        return state;
                    }

                    @Override
                    public void reconnect() {
                    }
                }, context.probe(), context.appearance());
    }

    private static final class SilentDialogs implements DialogService {
        @Override
        public void showError(String title, String message) {
        }

        @Override
        public void showInformation(String title, String message) {
        }

        @Override
        public boolean confirm(String title, String message, String confirmLabel) {
            return false;
        }
    }

    private static final class UnusedProbe implements GatewayProbe {
        @Override
        public ProbeResult probe(GatewayConnection connection) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProbeResult probe(GatewayMode mode, String controlPlaneUrl, String dataPlaneUrl, String apiKey) {
            throw new UnsupportedOperationException();
        }
    }
}
