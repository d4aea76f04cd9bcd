package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderKey;
import java.util.List;

/** One consistent read of what the Access keys page shows: keys, configurations, providers and their keys. */
public record AccessKeysSnapshot(List<AccessKey> keys, List<AccessKeyConfiguration> configurations,
                                 List<Provider> providers, List<ProviderKey> providerKeys) {
    public static final AccessKeysSnapshot EMPTY = new AccessKeysSnapshot(List.of(), List.of(), List.of(), List.of());

    /** The keys that use a configuration. */
    public List<AccessKey> keysUsing(String configurationId) {
        return keys.stream()
                .filter(k -> k.accessKeyConfiguration() != null && configurationId.equals(k.accessKeyConfiguration().id()))
                .toList();
    }
}
