package dev.switchboard.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Comparator;
import java.util.List;

/**
 * A gateway's configuration as a file: what {@code switchboard export} writes and {@code import} reads.
 * No ids, no timestamps, every list sorted, so two exports of the same state are byte-identical and a
 * change reads as a small diff. Provider keys are named by provider and name; their values appear only
 * in a file exported with secrets.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"version", "gateway", "providers", "providerKeys", "accessKeyConfigurations"})
public record ConfigFile(Integer version, GatewaySettings gateway, List<ProviderEntry> providers,
                         List<ProviderKeyEntry> providerKeys, List<ConfigurationEntry> accessKeyConfigurations) {
    public static final int VERSION = 1;

    public ConfigFile {
        version = version == null ? VERSION : version;
        if (version != VERSION) {
            throw new IllegalArgumentException("version " + version + " is not one this Switchboard reads (it reads "
                    + VERSION + ")");
        }
        providers = Entries.copy(providers);
        providerKeys = Entries.copy(providerKeys);
        accessKeyConfigurations = Entries.copy(accessKeyConfigurations);
    }

    /** Every list in its file order (by providerId, provider and name, name; rules by provider and model). */
    public ConfigFile sorted() {
        return new ConfigFile(version, gateway,
                Entries.sorted(providers, Comparator.comparing(ProviderEntry::providerId)),
                Entries.sorted(providerKeys, Comparator.comparing(ProviderKeyEntry::provider)
                        .thenComparing(ProviderKeyEntry::name)),
                Entries.sorted(accessKeyConfigurations.stream().map(ConfigurationEntry::sorted).toList(),
                        Comparator.comparing(ConfigurationEntry::name)));
    }

    /** The same configuration with each provider key's value taken from {@code secrets} where it has one. */
    public ConfigFile withValues(SecretSource secrets) {
        return new ConfigFile(version, gateway, providers, providerKeys.stream()
                .map(k -> secrets.value(k.provider(), k.name()).map(k::withValue).orElse(k)).toList(),
                accessKeyConfigurations);
    }

    /** The problems that would make this file unreadable (names used twice, references to nothing). */
    public List<String> problems() {
        return ConfigCheck.problems(this).stream().map(ConfigCheck.Problem::message).toList();
    }

    public boolean hasSecrets() {
        return providerKeys.stream().anyMatch(k -> k.value() != null);
    }
}
