package dev.switchboard.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** One step of a rule: the names of provider keys to try in order. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "keySelectionStrategy", "keys"})
public record StepEntry(String type, String keySelectionStrategy, List<String> keys) {
    public static final String USER = "user";
    public static final String ORDERED = "ordered";

    public StepEntry {
        type = type == null ? USER : type;
        keySelectionStrategy = keySelectionStrategy == null && USER.equals(type) ? ORDERED : keySelectionStrategy;
        keys = Entries.copy(keys);
    }

    /** A step with the person's own provider keys (a hosted gateway also has {@code ngrok} steps, with none). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isUser() {
        return USER.equals(type);
    }
}
