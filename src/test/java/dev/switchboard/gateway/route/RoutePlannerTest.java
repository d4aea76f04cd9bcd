package dev.switchboard.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.Access;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.GatewayConfig;
import dev.switchboard.api.ModelRef;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderModel;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.gateway.access.AccessPolicy;
import dev.switchboard.gateway.access.KeyAccess;
import dev.switchboard.gateway.route.GatewayCatalog.ProviderKeySecret;
import dev.switchboard.gateway.upstream.Surface;
import dev.switchboard.gateway.upstream.SurfaceTranslators;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutePlannerTest {
    private static Provider provider(String id, List<ApiSurface> surfaces, String... models) {
        return new Provider("aigp_" + id, null, null, null, null, null, null, null, id, id, "http://127.0.0.1:1/v1",
                surfaces, java.util.Arrays.stream(models).map(ProviderModel::of).toList());
    }

    private final RoutingTable table = new RoutingTable(
            List.of(provider("ollama", List.of(ApiSurface.openAiChat()), "llama3.2", "qwen2.5:0.5b", "shared"),
                    provider("vllm", List.of(ApiSurface.openAiChat(), ApiSurface.anthropicMessages()), "shared", "mistral"),
                    provider("keyed", List.of(), "gpt"),
                    provider("anthro", List.of(ApiSurface.anthropicMessages()), "claude")),
            List.of(new ProviderKeySecret("aigpk_1", "keyed", "sk-1"), new ProviderKeySecret("aigpk_2", "keyed", "sk-2"),
                    new ProviderKeySecret("aigpk_other", "vllm", "sk-v")),
            new GatewayConfig("30s", "500ms", 10L, null));
    private final RoutePlanner planner = new RoutePlanner(SurfaceTranslators.builtIn());
    private final KeyAccess allowAll = new KeyAccess("aigk_1", null, AccessPolicy.allowAll(), null);

    @Test
    void providerPrefixSplitsAtTheFirstColonAndModelIdsKeepTheirOwn() {
        assertThat(RoutePlanner.resolve("ollama:qwen2.5:0.5b", allowAll, table)).isEqualTo(new ModelRef("ollama", "qwen2.5:0.5b"));
        assertThat(RoutePlanner.resolve("qwen2.5:0.5b", allowAll, table)).isEqualTo(new ModelRef("ollama", "qwen2.5:0.5b"));
    }

    @Test
    void aBareIdNeedsExactlyOneAllowedProvider() {
        assertThat(RoutePlanner.resolve("mistral", allowAll, table)).isEqualTo(new ModelRef("vllm", "mistral"));
        assertThatThrownBy(() -> RoutePlanner.resolve("shared", allowAll, table))
                .hasFieldOrPropertyWithValue("code", DataPlaneError.NO_MATCHING_MODEL)
                .hasMessageContaining("ollama:shared").hasMessageContaining("vllm:shared");
        KeyAccess onlyOllama = new KeyAccess("aigk_2", "aigac_1",
                AccessPolicy.of(new Access(new AllowList(List.of("ollama")), null)), null);
        assertThat(RoutePlanner.resolve("shared", onlyOllama, table)).isEqualTo(new ModelRef("ollama", "shared"));
        assertThatThrownBy(() -> RoutePlanner.resolve("mistral", onlyOllama, table))
                .hasFieldOrPropertyWithValue("code", DataPlaneError.NOT_ALLOWED);
    }

    @Test
    void unknownProvidersAndModelsAre3804() {
        assertThatThrownBy(() -> RoutePlanner.resolve("nope:llama3.2", allowAll, table))
                .hasFieldOrPropertyWithValue("code", DataPlaneError.NO_MATCHING_MODEL).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> RoutePlanner.resolve("ollama:gpt-9", allowAll, table))
                .hasFieldOrPropertyWithValue("status", 422).hasMessageContaining("llama3.2");
    }

    @Test
    void theModelAllowlistIsCheckedAsProviderColonModel() {
        KeyAccess one = new KeyAccess("aigk_3", "aigac_2",
                AccessPolicy.of(new Access(null, new AllowList(List.of("ollama:llama3.2")))), null);
        assertThat(planner.plan(List.of("ollama:llama3.2"), one, table, Surface.CHAT_COMPLETIONS)).hasSize(1);
        assertThatThrownBy(() -> planner.plan(List.of("ollama:llama3.2", "vllm:mistral"), one, table, Surface.CHAT_COMPLETIONS))
                .hasFieldOrPropertyWithValue("code", DataPlaneError.NOT_ALLOWED).hasMessageContaining("vllm");
        KeyAccess none = new KeyAccess("aigk_4", "aigac_3", AccessPolicy.of(new Access(new AllowList(List.of()), null)), null);
        assertThatThrownBy(() -> planner.plan(List.of("ollama:llama3.2"), none, table, Surface.CHAT_COMPLETIONS))
                .hasFieldOrPropertyWithValue("code", DataPlaneError.NOT_ALLOWED);
    }

    @Test
    void candidatesAreModelsTimesStepsTimesKeysAndNeverAnotherProvidersKey() {
        Router router = new Router(List.of(new RouterRule("keyed", null, List.of(
                RouterStep.ordered(List.of(StepKey.existing("aigpk_2"), StepKey.existing("aigpk_other"))),
                RouterStep.ordered(List.of(StepKey.existing("aigpk_1")))))));
        KeyAccess access = new KeyAccess("aigk_5", "aigac_4", AccessPolicy.allowAll(), router);
        List<Candidate> plan = planner.plan(List.of("keyed:gpt", "ollama:llama3.2"), access, table, Surface.CHAT_COMPLETIONS);
        assertThat(plan).extracting(c -> c.ref() + "/" + c.providerKeyId())
                .containsExactly("keyed:gpt/aigpk_2", "keyed:gpt/aigpk_1", "ollama:llama3.2/null");
    }

    @Test
    void aProviderWithKeysButNoRuleIs3802AndAModelRuleWinsOverTheProviderRule() {
        assertThatThrownBy(() -> planner.plan(List.of("keyed:gpt"), allowAll, table, Surface.CHAT_COMPLETIONS))
                .hasFieldOrPropertyWithValue("code", DataPlaneError.NO_PROVIDER_KEY).hasFieldOrPropertyWithValue("status", 400);
        Router router = new Router(List.of(
                new RouterRule("keyed", null, List.of(RouterStep.ordered(List.of(StepKey.existing("aigpk_1"))))),
                new RouterRule("keyed", "keyed:gpt", List.of(RouterStep.ordered(List.of(StepKey.existing("aigpk_2")))))));
        KeyAccess access = new KeyAccess("aigk_6", "aigac_5", AccessPolicy.allowAll(), router);
        assertThat(planner.plan(List.of("keyed:gpt"), access, table, Surface.CHAT_COMPLETIONS))
                .extracting(Candidate::providerKeyId).containsExactly("aigpk_2");
    }

    @Test
    void aProviderLackingTheClientsSurfaceIsTranslatedOrElseRefusedNamingIt() {
        assertThat(planner.plan(List.of("anthro:claude"), allowAll, table, Surface.MESSAGES).get(0).upstreamSurface())
                .isEqualTo(Surface.MESSAGES);
        assertThat(planner.plan(List.of("ollama:llama3.2"), allowAll, table, Surface.MESSAGES).get(0).upstreamSurface())
                .isEqualTo(Surface.CHAT_COMPLETIONS);
        RoutePlanner withoutTranslators = new RoutePlanner(SurfaceTranslators.builder().build());
        assertThatThrownBy(() -> withoutTranslators.plan(List.of("ollama:llama3.2"), allowAll, table, Surface.MESSAGES))
                .hasFieldOrPropertyWithValue("status", 400).hasMessageContaining("messages");
    }

    @Test
    void upstreamUrlsAppendTheSurfacePathOnce() {
        assertThat(RoutingTable.upstreamUrl("http://127.0.0.1:11434", Surface.CHAT_COMPLETIONS))
                .isEqualTo("http://127.0.0.1:11434/v1/chat/completions");
        assertThat(RoutingTable.upstreamUrl("https://x.internal/v1/", Surface.MESSAGES)).isEqualTo("https://x.internal/v1/messages");
        assertThat(RoutingTable.upstreamUrl("https://x.internal/api", Surface.RESPONSES)).isEqualTo("https://x.internal/api/v1/responses");
    }

    @Test
    void limitsParseGoDurations() {
        assertThat(table.limits().totalTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(table.limits().perRequestTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(dev.switchboard.api.GoDurations.parseOr("1h2m3.5s", null)).isEqualTo(Duration.ofMillis(3_723_500));
    }
}
