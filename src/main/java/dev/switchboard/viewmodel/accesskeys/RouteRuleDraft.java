package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.RouterRule;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A routing rule for a provider, or for one {@code provider:model} (which wins over the provider's rule). */
public final class RouteRuleDraft {
    private final String provider;
    private final String model;
    private final ObservableList<RouteStepDraft> steps = FXCollections.observableArrayList();

    RouteRuleDraft(String provider, String model, List<RouteStepDraft> initial) {
        this.provider = provider;
        this.model = model;
        steps.setAll(initial);
    }

    static RouteRuleDraft of(RouterRule rule) {
        List<RouteStepDraft> s = rule.steps() == null ? List.of() : rule.steps().stream().map(RouteStepDraft::of).toList();
        return new RouteRuleDraft(rule.provider(), rule.model(), s);
    }

    /** The provider this rule routes: its own field, or the part of {@code model} before the colon. */
    public String providerId() {
        if (provider != null) {
            return provider;
        }
        return dev.switchboard.api.ModelRef.parse(model).map(dev.switchboard.api.ModelRef::provider).orElse(model);
    }

    /** The {@code provider} field as it will be sent (may be null for a per-model rule). */
    public String provider() {
        return provider;
    }

    /** {@code provider:model} for a per-model rule, else null. */
    public String model() {
        return model;
    }

    public boolean isModelRule() {
        return model != null;
    }

    public String label() {
        return isModelRule() ? model + " (model rule)" : providerId();
    }

    public ObservableList<RouteStepDraft> steps() {
        return steps;
    }

    /** The first step, where keys are added; made when the rule has none. */
    public RouteStepDraft firstStep() {
        if (steps.isEmpty()) {
            steps.add(RouteStepDraft.ordered());
        }
        return steps.get(0);
    }

    RouterRule toRule(boolean redactValues) {
        return new RouterRule(provider, model, steps.stream().map(s -> s.toStep(redactValues)).toList());
    }

    @Override
    public String toString() {
        return "RouteRuleDraft[" + label() + "]";
    }
}
