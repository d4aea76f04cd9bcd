package dev.switchboard.gateway.access;

import dev.switchboard.api.Access;
import dev.switchboard.api.ModelRef;
import dev.switchboard.gateway.Echo;
import dev.switchboard.gateway.route.DataPlaneError;
import java.util.Set;

/**
 * A configuration's allowlist. A dimension that is null is unrestricted; an empty one allows nothing.
 * {@link #requireAllowed} is the one place the data plane checks a model before it goes upstream.
 */
public final class AccessPolicy {
    private static final AccessPolicy ALLOW_ALL = new AccessPolicy(null, null, false);
    private static final AccessPolicy DENY_ALL = new AccessPolicy(Set.of(), Set.of(), false);
    private static final AccessPolicy UNCONFIGURED = new AccessPolicy(Set.of(), Set.of(), true);

    private final Set<String> providers;
    private final Set<String> models;
    private final boolean unconfigured;

    private AccessPolicy(Set<String> providers, Set<String> models, boolean unconfigured) {
        this.providers = providers;
        this.models = models;
        this.unconfigured = unconfigured;
    }

    public static AccessPolicy allowAll() {
        return ALLOW_ALL;
    }

    /** For a key whose configuration has vanished: refuse everything rather than guess. */
    public static AccessPolicy denyAll() {
        return DENY_ALL;
    }

    /**
     * For a key with no configuration: it can call no custom provider (ngrok's rule: creating a provider
     * does not make every key able to call it; a configuration must allow it).
     */
    public static AccessPolicy unconfigured() {
        return UNCONFIGURED;
    }

    public static AccessPolicy of(Access access) {
        if (access == null) {
            return ALLOW_ALL;
        }
        Set<String> p = access.providers() == null || access.providers().allow() == null
                ? null : Set.copyOf(access.providers().allow());
        Set<String> m = access.models() == null || access.models().allow() == null
                ? null : Set.copyOf(access.models().allow());
        return new AccessPolicy(p, m, false);
    }

    /** Whether this is the policy of a key with no configuration. */
    public boolean isUnconfigured() {
        return unconfigured;
    }

    public boolean allowsProvider(String providerId) {
        return providers == null || providers.contains(providerId);
    }

    public boolean allows(ModelRef ref) {
        return allowsProvider(ref.provider()) && (models == null || models.contains(ref.toString()));
    }

    /** Returns the upstream's own model id for {@code ref}, or refuses with 422 ERR_NGROK_3803. */
    public String requireAllowed(ModelRef ref) {
        if (unconfigured) {
            throw DataPlaneError.notAllowed("This access key has no access key configuration, so it can call no custom"
                    + " provider. To call '" + ref.provider() + "': create an access key configuration whose"
                    + " access.providers.allow lists '" + ref.provider() + "' (or that leaves access out to allow"
                    + " everything), then assign it to this key (accessKeyConfigurationId).");
        }
        if (!allowsProvider(ref.provider())) {
            throw DataPlaneError.notAllowed("Provider '" + ref.provider()
                    + "' is not allowed by this access key's configuration. Allow it in the configuration's"
                    + " access.providers, or use a key whose configuration does.");
        }
        if (models != null && !models.contains(ref.toString())) {
            throw DataPlaneError.notAllowed("Model '" + Echo.of(ref.toString()) + "' is not allowed by this access key's configuration."
                    + " Add it to the configuration's access.models, or use a key whose configuration allows it.");
        }
        return ref.model();
    }
}
