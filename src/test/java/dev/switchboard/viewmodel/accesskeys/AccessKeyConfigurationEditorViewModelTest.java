package dev.switchboard.viewmodel.accesskeys;

import static dev.switchboard.viewmodel.accesskeys.AccessKeyFixtures.access;
import static dev.switchboard.viewmodel.accesskeys.AccessKeyFixtures.key;
import static dev.switchboard.viewmodel.accesskeys.AccessKeyFixtures.twoProviders;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.Json;
import dev.switchboard.api.ModelRef;
import dev.switchboard.api.Ref;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessKeyConfigurationEditorViewModelTest {
    private final AccessKeyConfigurationEditorViewModel vm = new AccessKeyConfigurationEditorViewModel();

    private static AccessKeyConfiguration saved() {
        return new AccessKeyConfiguration("aigac_1", null, null, null, null, null, "for the team", null, "team-local",
                access(List.of("my-ollama"), List.of("my-ollama:llama3.2")),
                new Router(List.of(new RouterRule("my-ollama", null, List.of(RouterStep.ordered(
                        List.of(StepKey.existing("aigpk_1"), StepKey.existing("aigpk_2"))))))));
    }

    private static AccessKey keyWith(String id, String configId) {
        return new AccessKey(id, null, null, null, null, null, null, null, id, null, "ng-***", null,
                configId == null ? null : new Ref(configId, null, null));
    }

    @Test
    void loadedConfigurationIsCleanAndItsPreviewIsTheSavedJson() throws Exception {
        vm.load(saved(), twoProviders(), List.of(key("aigpk_1", "my-ollama", "a"), key("aigpk_2", "my-ollama", "b")));

        assertThat(vm.isDirty()).isFalse();
        assertThat(vm.canSaveProperty().get()).isFalse();
        assertThat(LineDiff.hasChanges(vm.diffProperty().get())).isFalse();
        JsonNode json = Json.mapper().readTree(vm.previewProperty().get());
        assertThat(json.at("/access/models/allow/0").asText()).isEqualTo("my-ollama:llama3.2");
        assertThat(json.at("/router/rules/0/steps/0/keys/1/id").asText()).isEqualTo("aigpk_2");
        assertThat(json.get("description").asText()).isEqualTo("for the team");
    }

    @Test
    void tickingMakesItDirtyAndTheDiffShowsTheNewEntry() {
        vm.load(saved(), twoProviders(), List.of());

        vm.allowlist().setChecked(vm.allowlist().find("my-ollama:qwen2.5:0.5b").orElseThrow(), true);

        assertThat(vm.isDirty()).isTrue();
        assertThat(vm.canSaveProperty().get()).isTrue();
        assertThat(vm.diffProperty().get()).filteredOn(l -> l.kind() != LineDiff.Kind.SAME)
                .extracting(LineDiff.Line::render)
                .anySatisfy(l -> assertThat(l).startsWith("+").contains("\"my-ollama:qwen2.5:0.5b\""));

        vm.allowlist().setChecked(vm.allowlist().find("my-ollama:qwen2.5:0.5b").orElseThrow(), false);
        assertThat(vm.isDirty()).isFalse();
    }

    @Test
    void reorderingKeysIsAnUnsavedChange() {
        vm.load(saved(), twoProviders(), List.of());
        vm.routing().rules().get(0).firstStep().moveUp(1);

        assertThat(vm.isDirty()).isTrue();
        assertThat(vm.request(false).router().rules().get(0).steps().get(0).keys())
                .containsExactly(StepKey.existing("aigpk_2"), StepKey.existing("aigpk_1"));
    }

    @Test
    void switchingToAllModelsSendsNullOnUpdateSoTheDimensionIsCleared() throws Exception {
        vm.load(saved(), twoProviders(), List.of());
        vm.allowlist().allModelsProperty().set(true);
        vm.allowlist().allProvidersProperty().set(true);

        JsonNode json = Json.mapper().readTree(vm.previewProperty().get());
        assertThat(json.has("access")).isTrue();
        assertThat(json.get("access").isNull()).isTrue();
        assertThat(vm.isDirty()).isTrue();
    }

    @Test
    void newConfigurationNeedsANameAndLeavesOutWhatIsNotSet() throws Exception {
        vm.startNew(twoProviders(), List.of());

        assertThat(vm.isDirty()).isFalse();
        assertThat(vm.nameErrorProperty().get()).isEqualTo("A name is required.");
        vm.nameProperty().set("only-llama");
        assertThat(vm.nameErrorProperty().get()).isNull();
        assertThat(vm.canSaveProperty().get()).isTrue();
        assertThat(Json.mapper().readTree(vm.previewProperty().get()).toString()).isEqualTo("{\"name\":\"only-llama\"}");

        vm.allowlist().tickOnly(List.of("my-ollama:llama3.2"));
        JsonNode json = Json.mapper().readTree(vm.previewProperty().get());
        assertThat(json.at("/access/providers/allow").toString()).isEqualTo("[\"my-ollama\"]");
        assertThat(json.at("/access/models/allow").toString()).isEqualTo("[\"my-ollama:llama3.2\"]");
        assertThat(vm.diffProperty().get()).allMatch(l -> l.kind() == LineDiff.Kind.ADDED);
    }

    @Test
    void previewHidesNewKeyValuesButTheRequestCarriesThem() {
        vm.startNew(twoProviders(), List.of());
        vm.nameProperty().set("x");
        vm.routing().addNew(vm.routing().ruleFor("my-ollama"), "backup", "sk-very-secret");

        assertThat(vm.previewProperty().get()).doesNotContain("sk-very-secret").contains("write-only");
        assertThat(vm.request(false).router().rules().get(0).steps().get(0).keys().get(0).value()).isEqualTo("sk-very-secret");
    }

    @Test
    void emptyRuleBlocksSaving() {
        vm.load(saved(), twoProviders(), List.of());
        vm.routing().ruleFor("lm-studio");

        assertThat(vm.isDirty()).isTrue();
        assertThat(vm.problems()).hasSize(1);
        assertThat(vm.canSaveProperty().get()).isFalse();
    }

    @Test
    void effectiveAccessForKeysUsesTheDraftForThisConfigurationAndSavedOnesForOthers() {
        AccessKeyConfiguration other = new AccessKeyConfiguration("aigac_2", null, null, null, null, null, null, null,
                "studio", access(List.of("lm-studio"), null), null);
        vm.load(saved(), twoProviders(), List.of());
        vm.allowlist().setChecked(vm.allowlist().find("my-ollama:qwen2.5:0.5b").orElseThrow(), true);
        List<AccessKeyConfiguration> configs = List.of(saved(), other);

        assertThat(vm.effectiveAccessFor(keyWith("aigk_1", "aigac_1"), configs))
                .containsExactly(new ModelRef("my-ollama", "llama3.2"), new ModelRef("my-ollama", "qwen2.5:0.5b"));
        assertThat(vm.effectiveAccessFor(keyWith("aigk_2", "aigac_2"), configs))
                .containsExactly(new ModelRef("lm-studio", "phi-4"), new ModelRef("lm-studio", "gemma"));
        assertThat(vm.effectiveAccessFor(keyWith("aigk_3", null), configs)).as("no configuration: no custom provider").isEmpty();
        assertThat(vm.keysUsingThis(List.of(keyWith("aigk_1", "aigac_1"), keyWith("aigk_2", "aigac_2"))))
                .extracting(AccessKey::id).containsExactly("aigk_1");
    }

    @Test
    void warnsWhenAnAllowedProviderWithKeysHasNoRoutingRule() {
        vm.startNew(twoProviders(), List.of(key("aigpk_1", "my-ollama", "primary")));
        vm.nameProperty().set("x");

        assertThat(vm.warnings()).singleElement().asString().contains("'my-ollama'").contains("no routing rule");
        vm.allowlist().tickOnly(List.of("lm-studio:phi-4"));
        assertThat(vm.warnings()).isEmpty();
        vm.allowlist().tickOnly(List.of("my-ollama:llama3.2"));
        vm.routing().addExisting(vm.addRule("my-ollama"), key("aigpk_1", "my-ollama", "primary"));
        assertThat(vm.warnings()).isEmpty();
    }

    @Test
    void effectiveAccessNamesTheKeysTriedForEachModel() {
        vm.load(saved(), twoProviders(), List.of(key("aigpk_1", "my-ollama", "a"), key("aigpk_2", "my-ollama", "b"),
                key("aigpk_9", "lm-studio", "s")));
        vm.allowlist().allProvidersProperty().set(true);
        vm.allowlist().allModelsProperty().set(true);
        vm.routing().ruleForModel(new ModelRef("my-ollama", "qwen2.5:0.5b")).firstStep().keys()
                .add(RouteKeyDraft.existing("aigpk_2"));

        assertThat(vm.effectiveModels()).extracting(AccessKeyConfigurationEditorViewModel.EffectiveModel::credentials)
                .containsExactly("keys in order: a  sk-***aigpk_1  →  b  sk-***aigpk_2", "keys in order: b  sk-***aigpk_2",
                        "no provider key: refused (ERR_NGROK_3802)", "no provider key: refused (ERR_NGROK_3802)");
    }
}
