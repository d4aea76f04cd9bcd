package dev.switchboard.transfer;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.GatewayConfig;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderModel;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.api.SupportedParam;
import dev.switchboard.client.GatewayClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a gateway holds that a configuration file describes, read through its control plane
 * (every page of every list), with each resource's id kept beside its file entry so a plan can act on it.
 */
public record GatewaySnapshot(GatewayConfig gatewayConfig, List<Provider> providers, List<ProviderKey> providerKeys,
                              List<AccessKeyConfiguration> configurations) {

    public GatewaySnapshot {
        providers = List.copyOf(providers);
        providerKeys = List.copyOf(providerKeys);
        configurations = List.copyOf(configurations);
    }

    /** Reads the whole state; blocking (several calls, more with more than 100 items in a list). */
    public static GatewaySnapshot read(GatewayClient client) {
        return new GatewaySnapshot(client.gatewayConfig(), client.providers().list().toList(),
                client.providerKeys().list().toList(), client.accessKeyConfigurations().list().toList());
    }

    /** The state as a file, without secrets, sorted. */
    public ConfigFile toConfigFile() {
        GatewaySettings settings = gatewayConfig == null ? null : new GatewaySettings(gatewayConfig.totalTimeout(),
                gatewayConfig.perRequestTimeout(), gatewayConfig.maxInputTokens(), gatewayConfig.maxOutputTokens());
        Map<String, ProviderKey> keysById = new HashMap<>();
        providerKeys.forEach(k -> keysById.put(k.id(), k));
        return new ConfigFile(ConfigFile.VERSION, settings, providers.stream().map(GatewaySnapshot::entry).toList(),
                providerKeys.stream().map(GatewaySnapshot::entry).toList(),
                configurations.stream().map(c -> entry(c, keysById)).toList()).sorted();
    }

    static ProviderEntry entry(Provider p) {
        List<SurfaceEntry> surfaces = p.supportedApiSurfaces() == null ? List.of()
                : p.supportedApiSurfaces().stream().filter(Objects::nonNull).map(GatewaySnapshot::entry).toList();
        List<String> models = p.models() == null ? List.of()
                : p.models().stream().filter(Objects::nonNull).map(ProviderModel::modelId).toList();
        return new ProviderEntry(p.providerId(), p.name(), p.baseUrl(), p.metadata(), surfaces, models);
    }

    private static SurfaceEntry entry(ApiSurface s) {
        return new SurfaceEntry(s.format(), s.surface(), s.supportedParams() == null ? List.of()
                : s.supportedParams().stream().filter(Objects::nonNull).map(SupportedParam::name).toList());
    }

    static ProviderKeyEntry entry(ProviderKey k) {
        return new ProviderKeyEntry(k.providerId(), k.name(), k.description(), k.metadata(), null);
    }

    private static ConfigurationEntry entry(AccessKeyConfiguration c, Map<String, ProviderKey> keysById) {
        AccessEntry access = c.access() == null ? null
                : new AccessEntry(allow(c.access().providers()), allow(c.access().models()));
        List<RuleEntry> rules = new ArrayList<>();
        if (c.router() != null && c.router().rules() != null) {
            for (RouterRule rule : c.router().rules()) {
                rules.add(entry(rule, keysById));
            }
        }
        return new ConfigurationEntry(c.name(), c.description(), c.metadata(), access, new RouterEntry(rules));
    }

    private static RuleEntry entry(RouterRule rule, Map<String, ProviderKey> keysById) {
        List<StepEntry> steps = new ArrayList<>();
        if (rule.steps() != null) {
            for (RouterStep step : rule.steps()) {
                List<String> names = step.keys() == null ? List.of()
                        : step.keys().stream().filter(Objects::nonNull).map(k -> keyName(k, keysById)).toList();
                steps.add(new StepEntry(step.type(), step.keySelectionStrategy(), names));
            }
        }
        return new RuleEntry(rule.provider(), rule.model(), steps);
    }

    private static AccessEntry.Allow allow(AllowList list) {
        return list == null ? null : new AccessEntry.Allow(list.allow());
    }

    /** A router step key's name: from the key list by id (a read-back may carry only the id). */
    private static String keyName(StepKey key, Map<String, ProviderKey> keysById) {
        ProviderKey known = keysById.get(key.id());
        if (known != null) {
            return known.name();
        }
        return key.name() != null ? key.name() : key.id();
    }
}
