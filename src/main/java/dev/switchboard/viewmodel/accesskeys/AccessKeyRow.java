package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.viewmodel.ShortDate;
import java.time.ZoneId;
import java.util.List;

/** One row of the access keys table, as the user reads it. */
public record AccessKeyRow(AccessKey key, String name, String keyRedacted, String configuration, String lastUsed,
                           String created) {
    public static final String NO_CONFIGURATION = "None";

    static AccessKeyRow of(AccessKey key, List<AccessKeyConfiguration> configurations, ZoneId zone) {
        String config;
        if (key.accessKeyConfiguration() == null) {
            config = NO_CONFIGURATION;
        } else {
            String id = key.accessKeyConfiguration().id();
            config = configurations.stream().filter(c -> id.equals(c.id())).map(AccessKeyConfiguration::name).findFirst()
                    .orElse(key.accessKeyConfiguration().name() != null ? key.accessKeyConfiguration().name() : id);
        }
        return new AccessKeyRow(key, key.name(), key.keyRedacted(), config,
                ShortDate.of(key.lastUsed(), zone, "Never"), ShortDate.of(key.createdAt(), zone, ""));
    }
}
