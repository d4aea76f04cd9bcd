package dev.switchboard.viewmodel.providerkeys;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which configurations route through which provider key, read from their router rules' steps. */
final class KeyRoutes {
    private final Map<String, Set<ConfigurationLink>> byKey = new LinkedHashMap<>();

    KeyRoutes(List<AccessKeyConfiguration> configurations) {
        for (AccessKeyConfiguration c : configurations) {
            if (c.router() == null || c.router().rules() == null) {
                continue;
            }
            ConfigurationLink link = new ConfigurationLink(c.id(), c.name());
            for (RouterRule rule : c.router().rules()) {
                for (RouterStep step : rule.steps() == null ? List.<RouterStep>of() : rule.steps()) {
                    for (StepKey key : step.keys() == null ? List.<StepKey>of() : step.keys()) {
                        if (key.id() != null) {
                            byKey.computeIfAbsent(key.id(), k -> new LinkedHashSet<>()).add(link);
                        }
                    }
                }
            }
        }
    }

    static final KeyRoutes NONE = new KeyRoutes(List.of());

    List<ConfigurationLink> of(String keyId) {
        return new ArrayList<>(byKey.getOrDefault(keyId, Set.of()));
    }
}
