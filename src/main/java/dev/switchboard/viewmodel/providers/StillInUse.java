package dev.switchboard.viewmodel.providers;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.RouterRule;
import dev.switchboard.client.ConflictException;
import dev.switchboard.client.GatewayClient;
import java.util.List;

/** What the user saw after a refused delete: the explanation, and the configurations and keys still using the provider. */
public record StillInUse(String explanation, List<AccessKeyConfiguration> configurations, List<ProviderKey> keys) {

    /** Asks the gateway what still uses {@code providerId} after it refused the delete with {@code conflict}. */
    static StillInUse find(GatewayClient client, String providerId, ConflictException conflict) {
        Object referencedBy = conflict.details().get("referencedBy");
        // the schema's details are strings ("id1,id2"); older gateways sent a list
        List<?> ids = referencedBy instanceof List<?> l ? l
                : referencedBy instanceof String s && !s.isBlank() ? List.of(s.split(",")) : List.of();
        List<AccessKeyConfiguration> configurations = client.accessKeyConfigurations().list().stream()
                .filter(c -> ids.contains(c.id()) || refersTo(c, providerId)).toList();
        List<ProviderKey> keys = client.providerKeys().listForProvider(providerId).toList();
        StringBuilder s = new StringBuilder();
        if (!configurations.isEmpty()) {
            s.append(providerId).append(" is still used by configuration")
                    .append(configurations.size() == 1 ? " " : "s ")
                    .append(String.join(", ", configurations.stream().map(StillInUse::nameOf).toList()))
                    .append(". Remove it from ").append(configurations.size() == 1 ? "that configuration" : "those configurations")
                    .append(" first, then delete it.");
        }
        if (!keys.isEmpty()) {
            if (!s.isEmpty()) {
                s.append("\n");
            }
            s.append(providerId).append(" still has ").append(keys.size()).append(keys.size() == 1 ? " provider key (" : " provider keys (")
                    .append(String.join(", ", keys.stream().map(ProviderKey::name).toList()))
                    .append("). Delete ").append(keys.size() == 1 ? "it" : "them").append(" first.");
        }
        if (s.isEmpty()) {
            s.append(providerId).append(" is still in use.");
        }
        s.append("\n\nThe gateway said: ").append(conflict.getMessage());
        return new StillInUse(s.toString(), configurations, keys);
    }

    static boolean refersTo(AccessKeyConfiguration c, String providerId) {
        String prefix = providerId + ":";
        if (c.access() != null) {
            if (c.access().providers() != null && c.access().providers().allow() != null
                    && c.access().providers().allow().contains(providerId)) {
                return true;
            }
            if (c.access().models() != null && c.access().models().allow() != null
                    && c.access().models().allow().stream().anyMatch(m -> m.startsWith(prefix))) {
                return true;
            }
        }
        if (c.router() != null && c.router().rules() != null) {
            for (RouterRule rule : c.router().rules()) {
                if (providerId.equals(rule.provider()) || (rule.model() != null && rule.model().startsWith(prefix))) {
                    return true;
                }
            }
        }
        return false;
    }

    static String nameOf(AccessKeyConfiguration c) {
        return c.name() == null || c.name().isBlank() ? c.id() : c.name();
    }
}
