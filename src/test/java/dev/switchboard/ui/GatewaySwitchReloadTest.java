package dev.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.GatewayConfigUpdate;
import dev.switchboard.api.Json;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.app.Console;
import dev.switchboard.app.EmbeddedGatewayStarter;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.Surface;
import dev.switchboard.discovery.ScriptedModelServer;
import dev.switchboard.ui.shell.Pages;
import dev.switchboard.viewmodel.ConnectionState;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.KeptTokens;
import dev.switchboard.viewmodel.accesskeys.AccessKeysViewModel;
import dev.switchboard.viewmodel.chat.ChatViewModel;
import dev.switchboard.viewmodel.gateway.GatewaySettingsViewModel;
import dev.switchboard.viewmodel.logs.LogsViewModel;
import dev.switchboard.viewmodel.providerkeys.ProviderKeysViewModel;
import dev.switchboard.viewmodel.providers.ProviderRequests;
import dev.switchboard.viewmodel.providers.ProvidersViewModel;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.settings.SettingsStore;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Two real embedded gateways with different providers, keys, provider keys, settings and logs: the console
 * shows the first on every page, switches to the second the way Settings does (save, reconnect), and every
 * page then shows only the second's data, with Chat's transcript and error gone.
 */
@ExtendWith(ApplicationExtension.class)
class GatewaySwitchReloadTest {
    private static final String MODEL = "qwen2.5-coder-32b-instruct-q4_K_M";
    private static final String FIRST = "my-workstation-vllm";
    private static final String SECOND = "team-gpu-box-llamacpp";

    @TempDir
    Path data;
    @TempDir
    Path secondData;

    private Console console;
    private Stage stage;
    private ScriptedModelServer vllm;
    private EmbeddedGatewayStarter.RunningGateway second;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        vllm = ScriptedModelServer.openAi("vllm", MODEL);
        vllm.route("POST /v1/chat/completions", ScriptedModelServer.json(200,
                ScriptedModelServer.chatCompletion(MODEL, "Hello from the workstation.")));
        second = EmbeddedGatewayStarter.loopback().start(secondData, 0);
        console = TestConsole.open(stage, data);
    }

    @Stop
    void stop() throws Exception {
        console.close();
        second.stopper().close();
        vllm.close();
    }

    @Test
    void everyPageShowsOnlyTheNewGatewayAfterASwitch(FxRobot robot) {
        GatewayConnection first = TestConsole.awaitConnected(console);
        String firstToken = seed(first.client(), FIRST, "laptop-first", "first-routes", "openai-first", "5m", 3);
        String secondToken = seed(new GatewayConnection(GatewayMode.HOSTED, second.baseUrl(), second.baseUrl(), second.adminKey()).client(),
                SECOND, "ci-runner-second", "second-routes", "openai-second", "3m", 2);
        LayoutViews views = new LayoutViews(robot, console, stage, vllm.port(), data.resolve("imports"));

        views.show(Pages.PROVIDERS);
        ProvidersViewModel providers = viewModel(robot, "#providers-view");
        robot.interact(providers::load);
        views.show(Pages.ACCESS_KEYS);
        AccessKeysViewModel keys = viewModel(robot, "#accesskeys-view");
        robot.interact(keys::refresh);
        LayoutTest.awaitTrue(() -> keys.configurations().size() == 1);
        robot.interact(() -> keys.open(keys.configurations().get(0)));
        views.show(Pages.PROVIDER_KEYS);
        ProviderKeysViewModel providerKeys = viewModel(robot, "#provider-keys-view");
        views.show(Pages.GATEWAY_SETTINGS);
        GatewaySettingsViewModel gatewaySettings = viewModel(robot, "#gateway-settings-view");
        views.show(Pages.LOGS);
        LogsViewModel logs = viewModel(robot, "#logs-view");
        robot.interact(logs::reload);
        views.show(Pages.CHAT);
        ChatViewModel chat = viewModel(robot, "#chat-view");
        robot.interact(() -> {
            chat.pastedTokenProperty().set(firstToken);
            chat.usePastedToken();
            chat.modelProperty().set(FIRST + ":" + MODEL);
            chat.draftProperty().set("Say hello.");
            chat.send();
        });
        LayoutTest.awaitTrue(() -> chat.primary().turns().size() == 2 && !chat.isBusy());
        robot.interact(() -> {
            chat.temperatureProperty().set("very hot");
            chat.draftProperty().set("Again, please.");
            chat.send();
        });
        String chatError = onFx(() -> chat.statusProperty().get());
        assertThat(chatError).as("Chat shows an error").isNotEmpty();

        robot.interact(logs::reload);
        LayoutTest.awaitTrue(() -> providerIds(providers).equals(List.of(FIRST, FIRST + "-keyed"))
                && logs.visibleRows().size() >= 3 && keys.editor().savedProperty().get() != null
                && "5m".equals(gatewaySettings.totalTimeoutProperty().get())
                && providerKeys.rows().size() == 1);

        // the one store holds both gateways' tokens: Chat lists only those whose key the gateway has
        KeptTokens.of(data).keep(keyId(first.client(), "laptop-first"), "laptop-first", firstToken);
        KeptTokens.of(data).keep(keyId(new GatewayConnection(GatewayMode.HOSTED, second.baseUrl(), second.baseUrl(),
                second.adminKey()).client(), "ci-runner-second"), "ci-runner-second", secondToken);
        SettingsStore store = new SettingsStore(data);
        store.update(s -> s.withConnection(GatewayMode.HOSTED, second.baseUrl(), second.baseUrl()));
        store.saveApiKey(second.adminKey());
        robot.interact(() -> console.connections().reconnect());
        LayoutTest.awaitTrue(() -> {
            ConnectionState s = console.connections().stateProperty().get();
            return s.phase() == ConnectionState.Phase.READY && s.connection().controlPlaneUrl().equals(second.baseUrl());
        });

        try {
            LayoutTest.awaitTrue(() -> providerIds(providers).equals(List.of(SECOND, SECOND + "-keyed"))
                    && logs.visibleRows().size() == 2 && !logs.loadingProperty().get()
                    && keys.keys().size() == 1 && keys.configurations().size() == 1
                    && "3m".equals(gatewaySettings.totalTimeoutProperty().get())
                    && providerKeys.rows().size() == 1
                    && chat.models().stream().anyMatch(m -> m.id().equals(SECOND + ":" + MODEL)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(onFx(() -> "providers " + providerIds(providers) + ", logs " + logs.visibleRows().size()
                    + ", keys " + keys.keys().size() + ", configurations " + keys.configurations().size()
                    + ", timeout " + gatewaySettings.totalTimeoutProperty().get() + ", provider keys " + providerKeys.rows().size()
                    + ", chat models " + chat.models() + ", chat status " + chat.statusProperty().get()), e);
        }
        onFx(() -> {
            assertThat(chat.primary().turns()).isEmpty();
            assertThat(chat.statusProperty().get()).isNotEqualTo(chatError).doesNotContain("Cannot", "not accept");
            assertThat(chat.keys()).extracting(k -> k.token()).containsExactly(secondToken);
            assertThat(chat.models()).noneMatch(m -> m.id().startsWith(FIRST));
            assertThat(logs.visibleRows()).allSatisfy(r -> assertThat(r.provider()).isEqualTo(SECOND));
            assertThat(logs.chartsProperty().get()).isNotNull();
            assertThat(keys.keys()).extracting(r -> r.name()).containsExactly("ci-runner-second");
            assertThat(keys.configurations()).extracting(r -> r.configuration().name()).containsExactly("second-routes");
            assertThat(keys.openConfigurationProperty().get()).isNull();
            assertThat(keys.editor().nameProperty().get()).isEmpty();
            assertThat(keys.statusProperty().get()).doesNotContain("Could not");
            assertThat(providerKeys.rows()).extracting(r -> r.name()).containsExactly("openai-second");
            return null;
        });
    }

    private static String keyId(GatewayClient client, String name) {
        return client.accessKeys().list().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow().id();
    }

    /** One provider on the scripted server, a configuration and key for it, a provider key, a timeout, and logged requests. */
    private String seed(GatewayClient client, String provider, String keyName, String configName, String providerKey,
                        String timeout, int requests) {
        client.providers().create(ProviderRequests.create(provider, provider, vllm.baseUrl(),
                List.of(ApiSurface.openAiChat()), List.of(MODEL)));
        String config = client.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of(configName,
                new Access(new AllowList(List.of(provider)), null), null)).id();
        String token = client.accessKeys().create(AccessKeyCreate.of(keyName, config)).token();
        client.providers().create(ProviderRequests.create(provider + "-keyed", provider + " (keyed)", vllm.baseUrl(),
                List.of(ApiSurface.openAiChat()), List.of(MODEL)));
        client.providerKeys().create(ProviderKeyCreate.of(provider + "-keyed", providerKey, "sk-test-" + providerKey));
        client.updateGatewayConfig(GatewayConfigUpdate.builder().totalTimeout(timeout).build());
        for (int i = 0; i < requests; i++) {
            ObjectNode body = Json.mapper().createObjectNode().put("model", provider + ":" + MODEL);
            body.putArray("messages").addObject().put("role", "user").put("content", "Say hello.");
            client.complete(token, Surface.CHAT_COMPLETIONS, body);
        }
        return token;
    }

    private static List<String> providerIds(ProvidersViewModel vm) {
        return vm.rows().stream().map(r -> r.providerId()).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> T viewModel(FxRobot robot, String viewId) {
        return (T) robot.lookup(viewId).query().getUserData();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
