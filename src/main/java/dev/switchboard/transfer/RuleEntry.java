package dev.switchboard.transfer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A routing rule for a provider or, with {@code model} ({@code provider:model}), for one model. Its steps
 * keep their order (they are tried in turn); step keys are names of the rule's provider's keys.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"provider", "model", "steps"})
public record RuleEntry(String provider, String model, List<StepEntry> steps) {
    public RuleEntry {
        if ((provider == null || provider.isBlank()) && (model == null || !model.contains(":"))) {
            throw new IllegalArgumentException("a routing rule needs a provider, or a model as provider:model");
        }
        if (provider == null && model != null) {
            provider = model.substring(0, model.indexOf(':'));
        }
        steps = Entries.copy(steps);
    }

    /** The provider whose keys the rule's steps name. */
    @JsonIgnore
    public String providerOfRule() {
        return provider;
    }
}
