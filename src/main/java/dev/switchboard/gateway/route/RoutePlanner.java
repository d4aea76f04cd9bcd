package dev.switchboard.gateway.route;

import dev.switchboard.api.ModelRef;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.gateway.Echo;
import dev.switchboard.gateway.access.KeyAccess;
import dev.switchboard.gateway.route.GatewayCatalog.ProviderKeySecret;
import dev.switchboard.gateway.route.RoutingTable.ProviderRoute;
import dev.switchboard.gateway.upstream.Surface;
import dev.switchboard.gateway.upstream.SurfaceTranslators;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns what the client asked for ({@code model} then the {@code models} fallbacks) into the ordered
 * list of upstream attempts: fallback models × router steps × keys. Everything is resolved and
 * checked here, before anything is sent upstream.
 */
public final class RoutePlanner {
    private final SurfaceTranslators translators;

    public RoutePlanner(SurfaceTranslators translators) {
        this.translators = translators;
    }

    public List<Candidate> plan(List<String> requested, KeyAccess access, RoutingTable table, Surface clientSurface) {
        List<Candidate> out = new ArrayList<>();
        for (String name : requested) {
            ModelRef ref = resolve(name, access, table);
            ProviderRoute provider = table.provider(ref.provider());
            Surface upstream = upstreamSurface(provider, clientSurface);
            RouterRule rule = access.ruleFor(ref);
            List<ProviderKeySecret> keys = keys(ref, rule, table);
            if (rule == null) {
                if (table.needsKey(ref.provider())) {
                    throw DataPlaneError.noProviderKey("Provider '" + ref.provider() + "' needs a key and this access key's"
                            + " configuration gives it none. Add a router rule for '" + ref.provider()
                            + "' with a provider key to the configuration.");
                }
                out.add(new Candidate(ref, provider, null, upstream));
                continue;
            }
            if (keys.isEmpty()) {
                throw DataPlaneError.noProviderKey("The router rule for '" + (rule.model() != null ? rule.model() : ref.provider())
                        + "' in this access key's configuration lists no usable provider key for '" + ref.provider()
                        + "'. Add one of its provider keys to the rule's steps.");
            }
            keys.forEach(secret -> out.add(new Candidate(ref, provider, secret, upstream)));
        }
        return out;
    }

    /**
     * Whether a request for {@code ref} would get past the allowlist and routing checks: what
     * {@code GET /v1/models} lists for the key.
     */
    public static boolean callable(ModelRef ref, KeyAccess access, RoutingTable table) {
        if (!access.policy().allows(ref)) {
            return false;
        }
        RouterRule rule = access.ruleFor(ref);
        return rule == null ? !table.needsKey(ref.provider()) : !keys(ref, rule, table).isEmpty();
    }

    /** The rule's provider keys for {@code ref}'s provider, in order (none when there is no rule). */
    private static List<ProviderKeySecret> keys(ModelRef ref, RouterRule rule, RoutingTable table) {
        if (rule == null || rule.steps() == null) {
            return List.of();
        }
        List<ProviderKeySecret> out = new ArrayList<>();
        for (RouterStep step : rule.steps()) {
            if (step == null || step.keys() == null
                    || (step.type() != null && !RouterStep.TYPE_USER.equals(step.type()))) {
                continue;
            }
            for (StepKey k : step.keys()) {
                ProviderKeySecret secret = k == null || k.id() == null ? null : table.key(k.id());
                // A key of another provider is never sent to this one.
                if (secret != null && ref.provider().equals(secret.providerId())) {
                    out.add(secret);
                }
            }
        }
        return out;
    }

    /** Resolves one requested name to {@code provider:model}, checked against the allowlist. */
    public static ModelRef resolve(String name, KeyAccess access, RoutingTable table) {
        if (name == null || name.isEmpty()) {
            throw DataPlaneError.badRequest("'model' must be a non-empty string such as \"my-provider:model-id\".");
        }
        int colon = name.indexOf(':');
        if (colon > 0) {
            ProviderRoute provider = table.provider(name.substring(0, colon));
            if (provider != null) {
                String model = name.substring(colon + 1);
                if (model.isEmpty()) {
                    throw DataPlaneError.noMatchingModel("'" + Echo.of(name) + "' names no model: write it as \""
                            + provider.providerId() + ":<model id>\".");
                }
                ModelRef ref = new ModelRef(provider.providerId(), model);
                access.policy().requireAllowed(ref);
                if (!provider.models().isEmpty() && !provider.models().contains(model)) {
                    throw DataPlaneError.noMatchingModel("Provider '" + provider.providerId() + "' has no model '" + Echo.of(model)
                            + "'. Its models are: " + listed(provider.models()) + ".");
                }
                return ref;
            }
        }
        // A bare model id (which may itself hold ':', like qwen2.5:0.5b).
        List<String> listing = table.providersListing(name);
        List<ModelRef> allowed = listing.stream().map(p -> new ModelRef(p, name))
                .filter(access.policy()::allows).collect(Collectors.toList());
        if (allowed.size() == 1) {
            access.policy().requireAllowed(allowed.get(0));
            return allowed.get(0);
        }
        if (allowed.size() > 1) {
            throw DataPlaneError.noMatchingModel("Model '" + Echo.of(name) + "' is served by several providers ("
                    + allowed.stream().map(ModelRef::toString).collect(Collectors.joining(", "))
                    + "): write it as provider:model to pick one.");
        }
        if (!listing.isEmpty()) {
            if (access.policy().isUnconfigured()) {
                access.policy().requireAllowed(new ModelRef(listing.get(0), name));
            }
            throw DataPlaneError.notAllowed("Model '" + Echo.of(name) + "' is not allowed by this access key's configuration."
                    + " Add it (as provider:model) to the configuration's access.models, or use a key that allows it.");
        }
        if (colon > 0) {
            throw DataPlaneError.noMatchingModel("No provider is named '" + Echo.of(name.substring(0, colon))
                    + "' and no provider lists a model '" + Echo.of(name) + "'. Check the provider id in \"provider:model\".");
        }
        throw DataPlaneError.noMatchingModel("No provider lists a model '" + Echo.of(name)
                + "'. Write it as \"provider:model\", or add the model to its provider's model list.");
    }

    private Surface upstreamSurface(ProviderRoute provider, Surface client) {
        if (provider.speaks(client)) {
            return client;
        }
        for (Surface s : SurfaceTranslators.preferenceFor(client)) {
            if (provider.speaks(s) && translators.has(client, s)) {
                return s;
            }
        }
        throw new DataPlaneError(400, DataPlaneError.BAD_REQUEST, DataPlaneError.Kind.INVALID_REQUEST,
                "Provider '" + provider.providerId() + "' does not speak the " + client.surfaceName()
                        + " surface (it lists: " + provider.surfaces().stream().map(Surface::surfaceName)
                        .collect(Collectors.joining(", ")) + ") and the gateway cannot translate "
                        + client.surfaceName() + " to those. Call it on one of its own surfaces.");
    }

    private static String listed(java.util.Collection<String> items) {
        return items.stream().limit(20).collect(Collectors.joining(", ")) + (items.size() > 20 ? ", ..." : "");
    }
}
