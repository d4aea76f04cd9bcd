package dev.switchboard.gateway.route;

import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.GatewayConfig;
import dev.switchboard.api.GoDurations;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderModel;
import dev.switchboard.gateway.route.GatewayCatalog.ProviderKeySecret;
import dev.switchboard.gateway.upstream.Surface;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable snapshot of everything routing needs besides the access key: providers (with their
 * upstream URLs), provider keys, and the gateway's limits. Rebuilt after any change in the store.
 */
public final class RoutingTable {

    /** A provider as routing sees it. {@code surfaces} empty means the provider did not say, so any surface is passed through. */
    public record ProviderRoute(Provider provider, Set<Surface> surfaces, Set<String> models, Map<Surface, String> urls,
                                Map<Surface, URI> uris) {
        public String providerId() {
            return provider.providerId();
        }

        public boolean speaks(Surface s) {
            return surfaces.isEmpty() || surfaces.contains(s);
        }

        public String url(Surface s) {
            return urls.get(s);
        }

        /** {@link #url} parsed once per routing table rather than once per request; null when it is no URI. */
        public URI uri(Surface s) {
            return uris.get(s);
        }
    }

    /** The gateway config, parsed. A null cap means no cap. */
    public record Limits(Duration totalTimeout, Duration perRequestTimeout, Long maxInputTokens, Long maxOutputTokens) {
    }

    private final Map<String, ProviderRoute> providers;
    private final Map<String, ProviderKeySecret> keys;
    private final Set<String> providersWithKeys;
    private final Map<String, List<String>> providersByModel;
    private final Limits limits;

    public RoutingTable(List<Provider> providers, List<ProviderKeySecret> keys, GatewayConfig config) {
        Map<String, ProviderRoute> byId = new TreeMap<>();
        Map<String, List<String>> byModel = new HashMap<>();
        for (Provider p : providers) {
            ProviderRoute route = route(p);
            byId.put(p.providerId(), route);
            for (String m : route.models()) {
                byModel.computeIfAbsent(m, k -> new ArrayList<>()).add(p.providerId());
            }
        }
        Map<String, ProviderKeySecret> keyById = new HashMap<>();
        Set<String> withKeys = new java.util.HashSet<>();
        for (ProviderKeySecret k : keys) {
            keyById.put(k.id(), k);
            withKeys.add(k.providerId());
        }
        GatewayConfig c = config == null ? GatewayConfig.defaults() : config;
        this.providers = Collections.unmodifiableMap(byId);
        this.keys = Map.copyOf(keyById);
        this.providersWithKeys = Set.copyOf(withKeys);
        this.providersByModel = byModel;
        this.limits = new Limits(
                GoDurations.parseOr(c.totalTimeout(), Duration.ofSeconds(120)),
                GoDurations.parseOr(c.perRequestTimeout(), Duration.ofSeconds(60)),
                c.maxInputTokens(), c.maxOutputTokens());
    }

    public static RoutingTable load(GatewayCatalog catalog) {
        return new RoutingTable(catalog.providers(), catalog.providerKeys(), catalog.gatewayConfig());
    }

    private static ProviderRoute route(Provider p) {
        Set<Surface> surfaces = EnumSet.noneOf(Surface.class);
        if (p.supportedApiSurfaces() != null) {
            for (ApiSurface s : p.supportedApiSurfaces()) {
                Surface.of(s).ifPresent(surfaces::add);
            }
        }
        Set<String> models = new LinkedHashSet<>();
        if (p.models() != null) {
            for (ProviderModel m : p.models()) {
                if (m != null && m.modelId() != null) {
                    models.add(m.modelId());
                }
            }
        }
        Map<Surface, String> urls = new EnumMap<>(Surface.class);
        Map<Surface, URI> uris = new EnumMap<>(Surface.class);
        for (Surface s : Surface.values()) {
            String url = upstreamUrl(p.baseUrl(), s);
            urls.put(s, url);
            try {
                uris.put(s, URI.create(url));
            } catch (IllegalArgumentException e) {
                // left out: the attempt parses the URL itself and fails as before
            }
        }
        return new ProviderRoute(p, Collections.unmodifiableSet(surfaces), Collections.unmodifiableSet(models), urls, uris);
    }

    /** The surface path appended to {@code baseUrl}; a {@code baseUrl} ending in {@code /v1} does not get it twice. */
    public static String upstreamUrl(String baseUrl, Surface surface) {
        String base = baseUrl == null ? "" : baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!base.endsWith("/v1")) {
            base = base + "/v1";
        }
        return base + surface.path();
    }

    public ProviderRoute provider(String providerId) {
        return providers.get(providerId);
    }

    /** Providers in {@code providerId} order. */
    public Iterable<ProviderRoute> providers() {
        return providers.values();
    }

    public ProviderKeySecret key(String providerKeyId) {
        return keys.get(providerKeyId);
    }

    /** Whether any provider key exists for the provider, i.e. it is one that needs a key. */
    public boolean needsKey(String providerId) {
        return providersWithKeys.contains(providerId);
    }

    /** Providers (by id) whose model list holds {@code modelId}. */
    public List<String> providersListing(String modelId) {
        return providersByModel.getOrDefault(modelId, List.of());
    }

    public Limits limits() {
        return limits;
    }
}
