package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One step of a router rule: {@code type} is {@code user}; its keys are tried in order. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouterStep(String type, List<StepKey> keys, String keySelectionStrategy) {
    public static final String TYPE_USER = "user";
    public static final String ORDERED = "ordered";

    public static RouterStep ordered(List<StepKey> keys) {
        return new RouterStep(TYPE_USER, keys, ORDERED);
    }
}
