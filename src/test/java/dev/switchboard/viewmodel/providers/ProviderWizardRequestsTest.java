package dev.switchboard.viewmodel.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.Json;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.discovery.ScanTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the wizard's Access step changes in configurations, and the commands it shows. */
class ProviderWizardRequestsTest {

    private static AccessKeyConfiguration config(Access access, Router router) {
        return new AccessKeyConfiguration("aigac_1", null, null, null, null, null, null, null, "team", access, router);
    }

    private static String json(Object o) throws Exception {
        return Json.mapper().writeValueAsString(o);
    }

    @Test
    void aConfigurationThatAllowsEverythingNeedsNoChangeWithoutAKey() {
        assertThat(ProviderRequests.addProvider(config(null, null), "my-ollama", List.of("llama3.2"), null)).isEmpty();
        assertThat(ProviderRequests.addProvider(config(new Access(null, null), null), "my-ollama", List.of("llama3.2"), null)).isEmpty();
        assertThat(ProviderRequests.allowsEveryProvider(config(null, null))).isTrue();
    }

    @Test
    void theProviderJoinsTheProviderAllowlistAndItsModelsTheModelAllowlist() throws Exception {
        Access access = new Access(new AllowList(List.of("other")), new AllowList(List.of("other:m")));

        var update = ProviderRequests.addProvider(config(access, null), "my-ollama", List.of("llama3.2", "qwen2.5:0.5b"), null);

        assertThat(json(update.orElseThrow())).isEqualTo("{\"access\":{\"providers\":{\"allow\":[\"other\",\"my-ollama\"]},"
                + "\"models\":{\"allow\":[\"other:m\",\"my-ollama:llama3.2\",\"my-ollama:qwen2.5:0.5b\"]}}}");
    }

    @Test
    void anUnrestrictedModelDimensionStaysUnrestricted() throws Exception {
        Access access = new Access(new AllowList(List.of()), null);
        var update = ProviderRequests.addProvider(config(access, null), "p", List.of("m"), null);
        assertThat(json(update.orElseThrow())).isEqualTo("{\"access\":{\"providers\":{\"allow\":[\"p\"]}}}");
    }

    @Test
    void alreadyAllowedMeansNoChange() {
        Access access = new Access(new AllowList(List.of("p")), new AllowList(List.of("p:m")));
        assertThat(ProviderRequests.addProvider(config(access, null), "p", List.of("m"), null)).isEmpty();
    }

    @Test
    void theProviderKeyBecomesTheFirstKeyOfANewRule() throws Exception {
        Router router = new Router(List.of(new RouterRule("other", null, List.of(RouterStep.ordered(List.of(StepKey.existing("aigpk_o")))))));

        var update = ProviderRequests.addProvider(config(null, router), "p", List.of("m"), "aigpk_new");

        assertThat(json(update.orElseThrow())).isEqualTo("{\"router\":{\"rules\":["
                + "{\"provider\":\"other\",\"steps\":[{\"type\":\"user\",\"keys\":[{\"id\":\"aigpk_o\"}],\"keySelectionStrategy\":\"ordered\"}]},"
                + "{\"provider\":\"p\",\"steps\":[{\"type\":\"user\",\"keys\":[{\"id\":\"aigpk_new\"}],\"keySelectionStrategy\":\"ordered\"}]}]}}");
    }

    @Test
    void theProviderKeyGoesFirstInAnExistingRule() {
        Router router = new Router(List.of(
                new RouterRule("p", "p:m", List.of(RouterStep.ordered(List.of(StepKey.existing("aigpk_model"))))),
                new RouterRule("p", null, List.of(RouterStep.ordered(List.of(StepKey.existing("aigpk_old"), StepKey.existing("aigpk_new")))))));

        Router next = ProviderRequests.withFirstKey(router, "p", "aigpk_new");

        assertThat(next.rules().get(0)).isEqualTo(router.rules().get(0));
        assertThat(next.rules().get(1).steps().get(0).keys()).extracting(StepKey::id).containsExactly("aigpk_new", "aigpk_old");
    }

    @Test
    void aNewConfigurationAllowsOnlyTheProvider() throws Exception {
        AccessKeyConfigurationCreate withKey = ProviderRequests.newConfiguration(" only-ollama ", "my-ollama", "aigpk_1");
        assertThat(json(withKey)).isEqualTo("{\"name\":\"only-ollama\",\"access\":{\"providers\":{\"allow\":[\"my-ollama\"]}},"
                + "\"router\":{\"rules\":[{\"provider\":\"my-ollama\",\"steps\":[{\"type\":\"user\",\"keys\":[{\"id\":\"aigpk_1\"}],"
                + "\"keySelectionStrategy\":\"ordered\"}]}]}}");
        assertThat(json(ProviderRequests.newConfiguration("c", "p", null)))
                .isEqualTo("{\"name\":\"c\",\"access\":{\"providers\":{\"allow\":[\"p\"]}}}");
    }

    @Test
    void ngrokCommands() {
        assertThat(ProviderRequests.ngrokCommand(new ScanTarget("127.0.0.1", 11434), "my-ollama"))
                .isEqualTo("ngrok http 11434 --url https://my-ollama.internal");
        assertThat(ProviderRequests.ngrokCommand(new ScanTarget("localhost", 1234), "lm"))
                .isEqualTo("ngrok http 1234 --url https://lm.internal");
        assertThat(ProviderRequests.ngrokCommand(new ScanTarget("10.0.0.5", 8000), "gpu-box"))
                .isEqualTo("ngrok http 10.0.0.5:8000 --url https://gpu-box.internal");
    }

    @Test
    void curlQuotesSingleQuotesInTheBody() {
        var body = ProviderRequests.create("p", "Bob's server", "https://x.example.com", List.of(), List.of("m"));
        assertThat(ProviderRequests.curl("https://api.ngrok.ai/", "/providers", body))
                .contains("curl -X POST https://api.ngrok.ai/providers")
                .contains("\"name\":\"Bob'\\''s server\"");
    }
}
