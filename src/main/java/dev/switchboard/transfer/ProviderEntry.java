package dev.switchboard.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.List;

/** A custom provider; {@code providerId} names it everywhere else in the file. Models are model ids, sorted. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"providerId", "name", "baseUrl", "metadata", "supportedApiSurfaces", "models"})
public record ProviderEntry(String providerId, String name, String baseUrl, String metadata,
                           List<SurfaceEntry> supportedApiSurfaces, List<String> models) {
    public ProviderEntry {
        Entries.required(providerId, "a provider's providerId");
        Entries.required(name, "provider '" + providerId + "': name");
        Entries.required(baseUrl, "provider '" + providerId + "': baseUrl");
        supportedApiSurfaces = Entries.sorted(supportedApiSurfaces,
                Comparator.comparing(SurfaceEntry::format).thenComparing(s -> s.surface() == null ? "" : s.surface()));
        models = Entries.sortedStrings(models);
    }

    public ProviderEntry withBaseUrl(String newBaseUrl) {
        return new ProviderEntry(providerId, name, newBaseUrl, metadata, supportedApiSurfaces, models);
    }
}
