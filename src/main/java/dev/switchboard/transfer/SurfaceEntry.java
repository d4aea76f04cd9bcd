package dev.switchboard.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** One API surface a provider speaks; {@code supportedParams} are parameter names, sorted. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"format", "surface", "supportedParams"})
public record SurfaceEntry(String format, String surface, List<String> supportedParams) {
    public SurfaceEntry {
        Entries.required(format, "a surface's format");
        supportedParams = Entries.sortedStrings(supportedParams);
    }
}
