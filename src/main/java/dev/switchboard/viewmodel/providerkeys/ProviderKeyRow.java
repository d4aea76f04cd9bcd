package dev.switchboard.viewmodel.providerkeys;

import dev.switchboard.api.ProviderKey;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** One line of the provider keys table: only the redacted value, never the key itself. */
public record ProviderKeyRow(ProviderKey key, String provider, String name, String keyRedacted, String lastUsed,
                             String created, List<ConfigurationLink> routedBy) {
    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    public ProviderKeyRow {
        routedBy = List.copyOf(routedBy);
    }

    static ProviderKeyRow of(ProviderKey key, KeyRoutes routes, ZoneId zone) {
        return new ProviderKeyRow(key, key.providerId(), key.name() == null || key.name().isBlank() ? "(unnamed)" : key.name(),
                key.keyRedacted(), when(key.lastUsed(), zone, "Never"), when(key.createdAt(), zone, ""), routes.of(key.id()));
    }

    public String id() {
        return key.id();
    }

    /** The configurations by name, comma-separated; "None" when no configuration routes through the key. */
    public String routedByText() {
        return routedBy.isEmpty() ? "None" : routedBy.stream().map(ConfigurationLink::label).collect(Collectors.joining(", "));
    }

    private static String when(Instant instant, ZoneId zone, String none) {
        if (instant == null) {
            return none;
        }
        ZonedDateTime at = instant.atZone(zone);
        return (at.getYear() == ZonedDateTime.now(zone).getYear() ? THIS_YEAR : OTHER_YEAR).format(at);
    }
}
