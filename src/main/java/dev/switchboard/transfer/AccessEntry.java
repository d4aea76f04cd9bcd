package dev.switchboard.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The allowlist, as on the API: a dimension left out is unrestricted, {@code allow: []} allows nothing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"providers", "models"})
public record AccessEntry(Allow providers, Allow models) {

    /** {@code {allow: [...]}}, entries sorted. */
    public record Allow(@JsonInclude(JsonInclude.Include.ALWAYS) List<String> allow) {
        public Allow {
            allow = Entries.sortedStrings(allow);
        }
    }
}
