package dev.switchboard.viewmodel.accesskeys;

import static dev.switchboard.viewmodel.accesskeys.AccessKeyFixtures.key;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ModelRef;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessKeyRoutingEditorTest {
    private final ProviderKey primary = key("aigpk_1", "my-ollama", "primary");
    private final ProviderKey backup = key("aigpk_2", "my-ollama", "backup");
    private final ProviderKey other = key("aigpk_3", "lm-studio", "studio");
    private final RoutingEditor editor = new RoutingEditor();

    @Test
    void loadsAndSavesRulesWithKeysInOrder() {
        Router saved = new Router(List.of(
                new RouterRule("my-ollama", null, List.of(RouterStep.ordered(List.of(StepKey.existing("aigpk_2"), StepKey.existing("aigpk_1"))))),
                new RouterRule("my-ollama", "my-ollama:llama3.2", List.of(RouterStep.ordered(List.of(StepKey.existing("aigpk_1")))))));
        editor.load(saved, List.of(primary, backup, other));

        assertThat(editor.rules()).hasSize(2);
        assertThat(editor.rules().get(1).isModelRule()).isTrue();
        assertThat(editor.rules().get(0).firstStep().keys()).extracting(RouteKeyDraft::id).containsExactly("aigpk_2", "aigpk_1");
        assertThat(editor.toRouter(false)).isEqualTo(saved);
    }

    @Test
    void reorderingChangesTheFailoverOrder() {
        editor.load(null, List.of(primary, backup));
        RouteRuleDraft rule = editor.ruleFor("my-ollama");
        editor.addExisting(rule, primary);
        editor.addExisting(rule, backup);
        int before = editor.changesProperty().get();

        rule.firstStep().moveDown(0);

        assertThat(editor.changesProperty().get()).isGreaterThan(before);
        assertThat(editor.toRouter(false).rules().get(0).steps().get(0).keys())
                .containsExactly(StepKey.existing("aigpk_2"), StepKey.existing("aigpk_1"));
        rule.firstStep().moveUp(1);
        rule.firstStep().moveUp(0);
        rule.firstStep().move(0, 5);
        assertThat(rule.firstStep().keys()).extracting(RouteKeyDraft::id).containsExactly("aigpk_1", "aigpk_2");
    }

    @Test
    void offersOnlyTheProvidersOwnUnusedKeys() {
        editor.load(null, List.of(primary, backup, other));
        RouteRuleDraft rule = editor.ruleFor("my-ollama");
        editor.addExisting(rule, primary);
        editor.addExisting(rule, primary);

        assertThat(editor.keysToAdd(rule)).containsExactly(backup);
        assertThat(rule.firstStep().keys()).hasSize(1);
        assertThat(editor.ruleFor("my-ollama")).isSameAs(rule);
    }

    @Test
    void newKeysAreSentAsNameAndValueAndRedactedInThePreview() {
        editor.load(null, List.of());
        RouteRuleDraft rule = editor.ruleFor("my-ollama");

        assertThat(editor.addNew(rule, " ", "x")).contains("Give the new key a name.");
        assertThat(editor.addNew(rule, "backup", "")).contains("Paste the key's value.");
        assertThat(editor.addNew(rule, "backup", "sk-secret-value")).isEmpty();

        assertThat(editor.toRouter(false).rules().get(0).steps().get(0).keys())
                .containsExactly(StepKey.create("backup", "sk-secret-value"));
        assertThat(editor.toRouter(true).rules().get(0).steps().get(0).keys().get(0).value())
                .doesNotContain("secret").contains("15 characters");
        assertThat(rule.firstStep().keys().get(0).toString()).doesNotContain("secret");
        assertThat(editor.label(rule.firstStep().keys().get(0))).contains("new");
    }

    @Test
    void deletedKeyIsShownAsMissingAndEmptyRuleIsAProblem() {
        editor.load(new Router(List.of(new RouterRule("my-ollama", null,
                List.of(RouterStep.ordered(List.of(StepKey.existing("aigpk_gone"))))))), List.of(primary));

        RouteRuleDraft rule = editor.rules().get(0);
        assertThat(editor.label(rule.firstStep().keys().get(0))).contains("missing");
        assertThat(editor.problems()).isEmpty();

        rule.firstStep().keys().clear();
        assertThat(editor.problems()).singleElement().asString().contains("no keys");
        editor.remove(rule);
        assertThat(editor.toRouter(false)).isEqualTo(new Router(List.of()));
    }

    @Test
    void perModelRuleIsItsOwnRule() {
        editor.load(null, List.of(primary, backup));
        RouteRuleDraft providerRule = editor.ruleFor("my-ollama");
        RouteRuleDraft modelRule = editor.ruleForModel(new ModelRef("my-ollama", "llama3.2"));
        editor.addExisting(providerRule, primary);
        editor.addExisting(modelRule, backup);

        assertThat(modelRule).isNotSameAs(providerRule);
        assertThat(modelRule.providerId()).isEqualTo("my-ollama");
        assertThat(editor.toRouter(false).rules()).extracting(RouterRule::model).containsExactly(null, "my-ollama:llama3.2");
        assertThat(editor.keysToAdd(modelRule)).containsExactly(primary);
    }

    @Test
    void noRulesKeepsARouterLeftOut() {
        editor.load(null, List.of());
        assertThat(editor.toRouter(false)).isNull();
    }
}
