package dev.switchboard.viewmodel.providerkeys;

import dev.switchboard.api.ProviderKey;
import dev.switchboard.viewmodel.ShortDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/** One line of the provider keys table: only the redacted value, never the key itself. */
public record ProviderKeyRow(ProviderKey key, String provider, String name, String keyRedacted, String lastUsed,
                             String created, List<ConfigurationLink> routedBy) {
    public ProviderKeyRow {
        routedBy = List.copyOf(routedBy);
    }

    static ProviderKeyRow of(ProviderKey key, KeyRoutes routes, ZoneId zone) {
        return new ProviderKeyRow(key, key.providerId(), key.name() == null || key.name().isBlank() ? "(unnamed)" : key.name(),
                key.keyRedacted(), ShortDate.of(key.lastUsed(), zone, "Never"),
                ShortDate.of(key.createdAt(), zone, ""), routes.of(key.id()));
    }

    public String id() {
        return key.id();
    }

    /** The configurations by name, comma-separated; "None" when no configuration routes through the key. */
    public String routedByText() {
        return routedBy.isEmpty() ? "None" : routedBy.stream().map(ConfigurationLink::label).collect(Collectors.joining(", "));
    }
}
