package dev.switchboard.viewmodel.accesskeys;

import static dev.switchboard.viewmodel.accesskeys.AccessKeyFixtures.access;
import static dev.switchboard.viewmodel.accesskeys.AccessKeyFixtures.provider;
import static dev.switchboard.viewmodel.accesskeys.AccessKeyFixtures.twoProviders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.Access;
import dev.switchboard.api.ModelRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessKeyAllowlistEditorTest {
    private final AllowlistEditor editor = new AllowlistEditor();

    private AllowlistNode node(String ref) {
        return editor.find(ref).orElseThrow();
    }

    @Test
    void accessLeftOutMeansBothSwitchesOnAndSavesAsLeftOut() {
        editor.load(null, twoProviders());

        assertThat(editor.allProvidersProperty().get()).isTrue();
        assertThat(editor.allModelsProperty().get()).isTrue();
        assertThat(node("my-ollama").isChecked()).isTrue();
        assertThat(node("my-ollama:llama3.2").isChecked()).isTrue();
        assertThat(node("my-ollama:llama3.2").isEditable()).isFalse();
        assertThat(editor.toAccess()).isNull();
        assertThat(editor.effectiveAccess()).hasSize(4);
        assertThat(editor.warnings()).isEmpty();
    }

    @Test
    void emptyAccessObjectRoundTripsAsEmptyObject() {
        editor.load(new Access(null, null), twoProviders());
        assertThat(editor.toAccess()).isEqualTo(new Access(null, null));
    }

    @Test
    void emptyAllowListsMeanNothingAllowedWithAWarning() {
        editor.load(access(List.of(), List.of()), twoProviders());

        assertThat(editor.allProvidersProperty().get()).isFalse();
        assertThat(editor.allModelsProperty().get()).isFalse();
        assertThat(editor.roots()).allSatisfy(r -> {
            assertThat(r.isChecked()).isFalse();
            assertThat(r.isIndeterminate()).isFalse();
        });
        assertThat(editor.toAccess()).isEqualTo(access(List.of(), List.of()));
        assertThat(editor.effectiveAccess()).isEmpty();
        assertThat(editor.warnings()).anyMatch(w -> w.contains("can call nothing"));
    }

    @Test
    void listsLoadWithPartialBranchAndSaveExactly() {
        Access saved = access(List.of("my-ollama"), List.of("my-ollama:llama3.2"));
        editor.load(saved, twoProviders());

        assertThat(node("my-ollama").isChecked()).isFalse();
        assertThat(node("my-ollama").isIndeterminate()).isTrue();
        assertThat(node("my-ollama:llama3.2").isChecked()).isTrue();
        assertThat(node("my-ollama:qwen2.5:0.5b").isChecked()).isFalse();
        assertThat(node("lm-studio").isChecked()).isFalse();
        assertThat(node("lm-studio").isIndeterminate()).isFalse();
        assertThat(editor.toAccess()).isEqualTo(saved);
        assertThat(editor.effectiveAccess()).containsExactly(new ModelRef("my-ollama", "llama3.2"));
    }

    @Test
    void onlyModelsRestrictedShowsBranchesFromTheirLeaves() {
        Access saved = access(null, List.of("lm-studio:phi-4", "lm-studio:gemma", "my-ollama:llama3.2"));
        editor.load(saved, twoProviders());

        assertThat(editor.allProvidersProperty().get()).isTrue();
        assertThat(node("lm-studio").isChecked()).isTrue();
        assertThat(node("my-ollama").isIndeterminate()).isTrue();
        assertThat(editor.toAccess()).isEqualTo(saved);

        editor.setChecked(node("my-ollama"), true);
        assertThat(node("my-ollama").isChecked()).isTrue();
        assertThat(editor.toAccess().models().allow())
                .containsExactly("lm-studio:phi-4", "lm-studio:gemma", "my-ollama:llama3.2", "my-ollama:qwen2.5:0.5b");
        assertThat(editor.toAccess().providers()).isNull();
    }

    @Test
    void tickingAModelTicksItsProviderAndUntickingTheLastUnticksIt() {
        editor.load(access(List.of(), List.of()), twoProviders());

        editor.setChecked(node("my-ollama:llama3.2"), true);
        assertThat(editor.toAccess()).isEqualTo(access(List.of("my-ollama"), List.of("my-ollama:llama3.2")));
        assertThat(node("my-ollama").isIndeterminate()).isTrue();

        editor.setChecked(node("my-ollama:llama3.2"), false);
        assertThat(editor.toAccess()).isEqualTo(access(List.of(), List.of()));
    }

    @Test
    void tickingAProviderTicksAllItsModels() {
        editor.load(access(List.of(), List.of()), twoProviders());
        editor.setChecked(node("lm-studio"), true);

        assertThat(node("lm-studio").isChecked()).isTrue();
        assertThat(node("lm-studio:gemma").isChecked()).isTrue();
        assertThat(editor.toAccess()).isEqualTo(access(List.of("lm-studio"), List.of("lm-studio:phi-4", "lm-studio:gemma")));
    }

    @Test
    void turningASwitchOffKeepsWhatWasAllowedTicked() {
        editor.load(null, twoProviders());

        editor.allProvidersProperty().set(false);
        assertThat(editor.toAccess()).isEqualTo(access(List.of("my-ollama", "lm-studio"), null));
        assertThat(editor.effectiveAccess()).hasSize(4);

        editor.setChecked(node("lm-studio"), false);
        editor.allModelsProperty().set(false);
        assertThat(editor.toAccess())
                .isEqualTo(access(List.of("my-ollama"), List.of("my-ollama:llama3.2", "my-ollama:qwen2.5:0.5b")));

        editor.allModelsProperty().set(true);
        editor.allProvidersProperty().set(true);
        assertThat(editor.toAccess()).isNull();
    }

    @Test
    void readOnlyRowsIgnoreClicksWhileTheSwitchIsOn() {
        editor.load(access(List.of("my-ollama"), null), twoProviders());

        editor.setChecked(node("lm-studio:gemma"), true);

        assertThat(node("lm-studio:gemma").isChecked()).isFalse();
        assertThat(node("my-ollama:llama3.2").isChecked()).isTrue();
        assertThat(editor.toAccess()).isEqualTo(access(List.of("my-ollama"), null));
    }

    @Test
    void deletedProviderAndModelAreShownAsMissingAndKept() {
        Access saved = access(List.of("gone", "my-ollama"), List.of("gone:big", "my-ollama:old-model", "my-ollama:llama3.2"));
        editor.load(saved, List.of(provider("my-ollama", "llama3.2")));

        AllowlistNode gone = node("gone");
        assertThat(gone.isMissing()).isTrue();
        assertThat(gone.label()).contains("missing");
        assertThat(node("gone:big").isMissing()).isTrue();
        assertThat(node("my-ollama:old-model").isMissing()).isTrue();
        assertThat(node("my-ollama:old-model").isChecked()).isTrue();
        assertThat(editor.toAccess()).isEqualTo(saved);
        assertThat(editor.warnings()).anyMatch(w -> w.contains("'gone'") && w.contains("no longer exists"))
                .anyMatch(w -> w.contains("my-ollama:old-model"));
        assertThat(editor.effectiveAccess()).containsExactly(new ModelRef("my-ollama", "llama3.2"));

        editor.setChecked(gone, false);
        editor.setChecked(node("my-ollama:old-model"), false);
        assertThat(editor.toAccess()).isEqualTo(access(List.of("my-ollama"), List.of("my-ollama:llama3.2")));
        assertThat(editor.roots()).extracting(AllowlistNode::providerId).contains("gone");
    }

    @Test
    void modelTickedWithoutItsProviderIsKeptAndExplained() {
        Access saved = access(List.of("lm-studio"), List.of("my-ollama:llama3.2", "lm-studio:gemma"));
        editor.load(saved, twoProviders());

        assertThat(node("my-ollama").isIndeterminate()).isTrue();
        assertThat(editor.toAccess()).isEqualTo(saved);
        assertThat(editor.warnings()).anyMatch(w -> w.contains("my-ollama:llama3.2") && w.contains("cannot be called"));
        assertThat(editor.effectiveAccess()).containsExactly(new ModelRef("lm-studio", "gemma"));
    }

    @Test
    void entriesThatAreNotProviderModelAreKeptUntilDropped() {
        editor.load(access(null, List.of("llama3.2", "my-ollama:llama3.2")), twoProviders());

        assertThat(editor.toAccess().models().allow()).containsExactly("llama3.2", "my-ollama:llama3.2");
        assertThat(editor.warnings()).anyMatch(w -> w.contains("'llama3.2' is not provider:model"));

        editor.dropUnrecognizedEntries();
        assertThat(editor.toAccess().models().allow()).containsExactly("my-ollama:llama3.2");
    }

    @Test
    void filterShowsProvidersThroughTheirModels() {
        editor.load(null, twoProviders());

        assertThat(editor.visibleRoots("phi")).extracting(AllowlistNode::providerId).containsExactly("lm-studio");
        assertThat(editor.visibleChildren(node("lm-studio"), "phi")).extracting(AllowlistNode::modelId).containsExactly("phi-4");
        assertThat(editor.visibleChildren(node("lm-studio"), "LM-")).hasSize(2);
        assertThat(editor.visibleRoots("")).hasSize(2);
    }

    @Test
    void tickOnlyAllowsExactlyTheGivenModels() {
        editor.load(null, twoProviders());
        editor.tickOnly(List.of("my-ollama:llama3.2"));

        assertThat(editor.toAccess()).isEqualTo(access(List.of("my-ollama"), List.of("my-ollama:llama3.2")));
        assertThat(editor.effectiveAccess()).containsExactly(new ModelRef("my-ollama", "llama3.2"));
    }
}
