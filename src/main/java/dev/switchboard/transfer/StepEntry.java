package dev.switchboard.transfer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** One step of a rule: the names of provider keys to try in order. */
@JsonPropertyOrder({"type", "keySelectionStrategy", "keys"})
public record StepEntry(String type, String keySelectionStrategy, List<String> keys) {
    public static final String USER = "user";
    public static final String ORDERED = "ordered";

    public StepEntry {
        type = type == null ? USER : type;
        keySelectionStrategy = keySelectionStrategy == null ? ORDERED : keySelectionStrategy;
        keys = Entries.copy(keys);
    }
}
