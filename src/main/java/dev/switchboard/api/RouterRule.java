package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A routing rule for a provider, or (with {@code model} set, as {@code provider:model})
 * for one model, which wins over the provider's rule.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouterRule(String provider, String model, List<RouterStep> steps) {
}
