package dev.switchboard.gateway.upstream;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The translators the gateway may use when a provider lacks the client's surface, keyed by
 * (client surface, upstream surface). A supplier makes a fresh adapter per request, since an adapter
 * remembers what it dropped.
 */
public final class SurfaceTranslators {

    /**
     * When a provider lacks the client's surface, upstream surfaces are tried in this order and the
     * first one the provider speaks and a translator covers is used.
     */
    private static final Map<Surface, List<Surface>> PREFERENCE = Map.of(
            // Same format first: Chat over Responses keeps response_format, penalties and logprobs that Messages drops.
            Surface.CHAT_COMPLETIONS, List.of(Surface.RESPONSES, Surface.MESSAGES),
            Surface.RESPONSES, List.of(Surface.CHAT_COMPLETIONS, Surface.MESSAGES),
            Surface.MESSAGES, List.of(Surface.CHAT_COMPLETIONS, Surface.RESPONSES));

    private final Map<Surface, Map<Surface, Supplier<SurfaceAdapter>>> adapters;

    private SurfaceTranslators(Map<Surface, Map<Surface, Supplier<SurfaceAdapter>>> adapters) {
        this.adapters = adapters;
    }

    /** The translators this build ships with. */
    public static SurfaceTranslators builtIn() {
        return dev.switchboard.gateway.translate.Translators.addTo(builder()).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Upstream surfaces to try, in order, for a client surface the provider lacks. */
    public static List<Surface> preferenceFor(Surface client) {
        return PREFERENCE.get(client);
    }

    /** A fresh adapter from {@code client} to {@code upstream}, if a translator exists for that pair. */
    public Optional<SurfaceAdapter> adapter(Surface client, Surface upstream) {
        Map<Surface, Supplier<SurfaceAdapter>> byUpstream = adapters.get(client);
        if (byUpstream == null) {
            return Optional.empty();
        }
        Supplier<SurfaceAdapter> supplier = byUpstream.get(upstream);
        return supplier == null ? Optional.empty() : Optional.of(supplier.get());
    }

    public boolean has(Surface client, Surface upstream) {
        Map<Surface, Supplier<SurfaceAdapter>> byUpstream = adapters.get(client);
        return byUpstream != null && byUpstream.containsKey(upstream);
    }

    public static final class Builder {
        private final Map<Surface, Map<Surface, Supplier<SurfaceAdapter>>> adapters = new EnumMap<>(Surface.class);

        public Builder add(Surface client, Surface upstream, Supplier<SurfaceAdapter> factory) {
            if (client == upstream) {
                throw new IllegalArgumentException("a surface is passed through, never translated to itself");
            }
            adapters.computeIfAbsent(client, k -> new EnumMap<>(Surface.class)).put(upstream, factory);
            return this;
        }

        public SurfaceTranslators build() {
            Map<Surface, Map<Surface, Supplier<SurfaceAdapter>>> copy = new EnumMap<>(Surface.class);
            adapters.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            return new SurfaceTranslators(copy);
        }
    }
}
