package dev.switchboard.viewmodel.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.GatewayConfig;
import dev.switchboard.api.GatewayConfigUpdate;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.client.Completion;
import dev.switchboard.client.Surface;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.accesskeys.AccessKeyTestGateway;
import dev.switchboard.viewmodel.providerkeys.ScriptedModelServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Gateway settings page's view-model against the real embedded gateway (work runs on the calling thread). */
class GatewaySettingsViewModelTest {
    private static final String PROVIDER = "my-workstation-vllm";

    @TempDir
    Path dir;
    private AccessKeyTestGateway gw;
    private final AccessKeyTestGateway.RecordingDialogs dialogs = new AccessKeyTestGateway.RecordingDialogs();
    private GatewaySettingsViewModel vm;

    @BeforeEach
    void start() {
        gw = new AccessKeyTestGateway(dir);
        vm = new GatewaySettingsViewModel(() -> gw.admin, BackgroundTasks.direct(), dialogs);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void showsWhatTheGatewayHoldsEvenWhenItsDefaultsDiffer() {
        gw.admin.updateGatewayConfig(GatewayConfigUpdate.builder().totalTimeout("5m").perRequestTimeout("90s")
                .maxInputTokens(32_000).build());
        vm.load().join();

        assertThat(vm.totalTimeoutProperty().get()).isEqualTo("5m");
        assertThat(vm.perRequestTimeoutProperty().get()).isEqualTo("90s");
        assertThat(vm.maxInputTokensProperty().get()).isEqualTo("32000");
        assertThat(vm.maxOutputTokensProperty().get()).isEmpty();
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.canSaveProperty().get()).isFalse();

        vm.totalTimeoutProperty().set("10m");
        vm.maxInputTokensProperty().set("");
        assertThat(vm.dirtyProperty().get()).isTrue();
        vm.revert();
        assertThat(vm.totalTimeoutProperty().get()).isEqualTo("5m");
        assertThat(vm.maxInputTokensProperty().get()).isEqualTo("32000");
        assertThat(vm.dirtyProperty().get()).isFalse();
    }

    @Test
    void timeoutsAreValidatedAsTypedWithTheGatewaysGrammarAndLimits() {
        vm.load().join();
        var perRequest = vm.perRequestTimeoutValidator();
        for (String bad : List.of("5 minutes", "90", "1m30", "5d", "1.2.3s", "")) {
            vm.perRequestTimeoutProperty().set(bad);
            assertThat(perRequest.isValid()).as(bad).isFalse();
            assertThat(vm.canSaveProperty().get()).as(bad).isFalse();
        }
        vm.perRequestTimeoutProperty().set("5d");
        assertThat(perRequest.getMessage()).contains("unknown unit 'd'").contains("30s, 2m or 1m30s");
        vm.perRequestTimeoutProperty().set("0s");
        assertThat(perRequest.getMessage()).contains("longer than zero");
        vm.perRequestTimeoutProperty().set("0");
        assertThat(perRequest.getMessage()).contains("longer than zero");
        vm.perRequestTimeoutProperty().set("-5s");
        assertThat(perRequest.getMessage()).contains("longer than zero");
        vm.totalTimeoutProperty().set("25h");
        assertThat(vm.totalTimeoutValidator().getMessage()).contains("at most 24h");

        vm.totalTimeoutProperty().set("1m");
        vm.perRequestTimeoutProperty().set("1m30s");
        assertThat(perRequest.getMessage())
                .isEqualTo("The per-request timeout (1m30s) may not be longer than the total timeout (1m).");
        assertThat(vm.canSaveProperty().get()).isFalse();
        vm.totalTimeoutProperty().set("2m");
        assertThat(perRequest.isValid()).as("revalidated when the total changes").isTrue();
        assertThat(vm.canSaveProperty().get()).isTrue();

        vm.save().join();
        GatewayConfig held = gw.admin.gatewayConfig();
        assertThat(held.perRequestTimeout()).isEqualTo("1m30s");
        assertThat(held.totalTimeout()).isEqualTo("2m");
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).startsWith("Saved");
    }

    @Test
    void tokenCapsArePositiveWholeNumbersAndEmptyClearsThem() {
        gw.admin.updateGatewayConfig(GatewayConfigUpdate.builder().maxOutputTokens(2048).build());
        vm.load().join();
        for (String bad : List.of("0", "-3", "1.5", "4k", "1e6", "99999999999999999999")) {
            vm.maxInputTokensProperty().set(bad);
            assertThat(vm.maxInputTokensValidator().isValid()).as(bad).isFalse();
            assertThat(vm.maxInputTokensValidator().getMessage()).contains("whole number of at least 1");
            assertThat(vm.canSaveProperty().get()).isFalse();
        }
        vm.maxInputTokensProperty().set("8192");
        vm.maxOutputTokensProperty().set("");
        GatewayConfigUpdate update = vm.update();
        assertThat(update.toJson().toString()).isEqualTo("{\"maxInputTokens\":8192,\"maxOutputTokens\":null}");

        vm.save().join();
        GatewayConfig held = gw.admin.gatewayConfig();
        assertThat(held.maxInputTokens()).isEqualTo(8192L);
        assertThat(held.maxOutputTokens()).isNull();
        assertThat(vm.maxOutputTokensProperty().get()).isEmpty();
    }

    @Test
    void saveSendsOnlyWhatChangedSoAChangeMadeElsewhereIsKept() {
        vm.load().join();
        vm.perRequestTimeoutProperty().set("45s");
        gw.admin.updateGatewayConfig(GatewayConfigUpdate.builder().totalTimeout("3m").maxInputTokens(1000).build());

        assertThat(vm.update().toJson().toString()).isEqualTo("{\"perRequestTimeout\":\"45s\"}");
        vm.save().join();

        GatewayConfig held = gw.admin.gatewayConfig();
        assertThat(held.perRequestTimeout()).isEqualTo("45s");
        assertThat(held.totalTimeout()).as("changed elsewhere, not sent").isEqualTo("3m");
        assertThat(held.maxInputTokens()).isEqualTo(1000L);
        assertThat(vm.totalTimeoutProperty().get()).as("the page now shows what the gateway holds").isEqualTo("3m");
    }

    @Test
    void aRefusedSaveKeepsWhatWasTypedAndSaysWhy() {
        vm.load().join();
        vm.perRequestTimeoutProperty().set("90s");
        gw.admin.updateGatewayConfig(GatewayConfigUpdate.builder().totalTimeout("60s").perRequestTimeout("30s").build());
        vm.save().join();
        assertThat(vm.statusProperty().get()).startsWith("Not saved: ").contains("must not be longer than totalTimeout");
        assertThat(vm.perRequestTimeoutProperty().get()).isEqualTo("90s");
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(vm.confirmDiscard()).isTrue();
        assertThat(dialogs.confirmations).singleElement().asString().contains("not saved");
    }

    @Test
    void theDataPlaneHonoursASavedPerRequestTimeoutOnTheNextRequest() throws Exception {
        try (ScriptedModelServer models = new ScriptedModelServer()) {
            gw.provider(PROVIDER, models.baseUrl(), ScriptedModelServer.MODEL);
            ProviderKey slow = gw.providerKey(PROVIDER, "gpu-box-busy", "sk-slow-4a1f0c9e2b7d");
            ProviderKey fast = gw.providerKey(PROVIDER, "gpu-box-idle", "sk-fast-8c3e5a1d6f90");
            models.slow.add("sk-slow-4a1f0c9e2b7d");
            String token = ScriptedModelServer.accessKey(gw.admin, "laptop",
                    ScriptedModelServer.routeThrough(gw.admin, "team-vllm", PROVIDER, List.of(slow, fast)));

            vm.load().join();
            vm.perRequestTimeoutProperty().set("1s");
            vm.save().join();
            assertThat(gw.admin.gatewayConfig().perRequestTimeout()).isEqualTo("1s");

            long start = System.nanoTime();
            Completion answer = gw.admin.complete(token, Surface.CHAT_COMPLETIONS,
                    ChatRequest.builder(PROVIDER + ":" + ScriptedModelServer.MODEL).user("hi").build());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(answer.text()).isEqualTo("hello");
            assertThat(answer.trace().attempts()).isEqualTo(2);
            assertThat(models.authorizations).containsExactly("Bearer sk-slow-4a1f0c9e2b7d", "Bearer sk-fast-8c3e5a1d6f90");
            assertThat(took).as("failed over after about 1s, not after the slow key's 4s").isLessThan(Duration.ofMillis(3500));
        }
    }
}
