package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.AccessKeyConfiguration;
import java.util.ArrayList;
import java.util.List;

/** What a key can be given: a configuration, or none (then it can call no custom provider). */
public record ConfigurationChoice(AccessKeyConfiguration configuration) {
    public static final ConfigurationChoice NONE = new ConfigurationChoice(null);

    public String id() {
        return configuration == null ? null : configuration.id();
    }

    public String label() {
        return configuration == null ? "No configuration (can call no custom provider)" : configuration.name();
    }

    static List<ConfigurationChoice> all(List<AccessKeyConfiguration> configurations) {
        List<ConfigurationChoice> out = new ArrayList<>();
        out.add(NONE);
        configurations.forEach(c -> out.add(new ConfigurationChoice(c)));
        return out;
    }

    @Override
    public String toString() {
        return label();
    }
}
