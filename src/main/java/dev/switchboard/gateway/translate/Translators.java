package dev.switchboard.gateway.translate;

import dev.switchboard.gateway.upstream.Surface;
import dev.switchboard.gateway.upstream.SurfaceTranslators;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;

/**
 * The cross-surface adapters this package provides, one per (client, upstream) pair of different surfaces:
 * Messages and Responses over Chat Completions, Chat Completions over Messages and over Responses, and
 * Responses over Messages / Messages over Responses by way of Chat Completions.
 */
public final class Translators {
    private Translators() {
    }

    /** Registers every pair with the data plane's registry. */
    public static SurfaceTranslators.Builder addTo(SurfaceTranslators.Builder builder) {
        for (Surface client : Surface.values()) {
            for (Surface upstream : Surface.values()) {
                if (client != upstream) {
                    builder.add(client, upstream, () -> forPair(client, upstream));
                }
            }
        }
        return builder;
    }

    /** A fresh, single-use adapter for one exchange. */
    public static CrossSurfaceAdapter forPair(Surface client, Surface upstream) {
        return forPair(client, upstream, Clock.systemUTC());
    }

    /** As {@link #forPair(Surface, Surface)}, with the clock that stamps answers lacking a time of their own. */
    public static CrossSurfaceAdapter forPair(Surface client, Surface upstream, Clock clock) {
        return switch (client) {
            case MESSAGES -> switch (upstream) {
                case CHAT_COMPLETIONS -> new MessagesViaChat();
                case RESPONSES -> new ComposedAdapter(new MessagesViaChat(), new ChatViaResponses(clock));
                case MESSAGES -> throw same(client);
            };
            case RESPONSES -> switch (upstream) {
                case CHAT_COMPLETIONS -> new ResponsesViaChat();
                case MESSAGES -> new ComposedAdapter(new ResponsesViaChat(), new ChatViaMessages(clock));
                case RESPONSES -> throw same(client);
            };
            case CHAT_COMPLETIONS -> switch (upstream) {
                case MESSAGES -> new ChatViaMessages(clock);
                case RESPONSES -> new ChatViaResponses(clock);
                case CHAT_COMPLETIONS -> throw same(client);
            };
        };
    }

    /**
     * The surface to call a provider on: the client's own when the provider lists it (no translation), else the
     * first listed one in {@link SurfaceTranslators#preferenceFor} order; empty when none can serve the client.
     */
    public static Optional<Surface> chooseUpstream(Surface client, Collection<Surface> offered) {
        if (offered.contains(client)) {
            return Optional.of(client);
        }
        return SurfaceTranslators.preferenceFor(client).stream().filter(offered::contains).findFirst();
    }

    private static IllegalArgumentException same(Surface surface) {
        return new IllegalArgumentException(surface.surfaceName() + " is passed through, never translated to itself");
    }
}
