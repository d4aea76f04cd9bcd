package dev.switchboard.gateway.translate;

import dev.switchboard.api.ApiSurface;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of surface adapters, and the rule that picks a provider's surface for a client.
 *
 * <p>Rule: a provider that lists the client's surface gets the request unchanged. Otherwise the first of the
 * provider's surfaces that can be translated to, in this order: the client's own format (openai/anthropic),
 * then {@code chat-completions}, then the rest in {@link Surface} order.
 */
public final class Translators {
    private Translators() {
    }

    /** True when a client on {@code client} can be served by an upstream on {@code upstream}, with or without translation. */
    public static boolean supports(Surface client, Surface upstream) {
        if (client == upstream) {
            return true;
        }
        return switch (client) {
            case MESSAGES -> upstream == Surface.CHAT_COMPLETIONS || upstream == Surface.RESPONSES;
            case RESPONSES -> upstream == Surface.CHAT_COMPLETIONS || upstream == Surface.MESSAGES;
            case CHAT_COMPLETIONS -> upstream == Surface.MESSAGES || upstream == Surface.RESPONSES;
        };
    }

    /** A fresh, single-use adapter for one exchange; {@link PassThrough} when the surfaces are the same. */
    public static SurfaceAdapter forPair(Surface client, Surface upstream) {
        return forPair(client, upstream, Clock.systemUTC());
    }

    /** As {@link #forPair(Surface, Surface)}, with the clock that stamps answers lacking a time of their own. */
    public static SurfaceAdapter forPair(Surface client, Surface upstream, Clock clock) {
        if (client == upstream) {
            return new PassThrough(client);
        }
        return switch (client) {
            case MESSAGES -> switch (upstream) {
                case CHAT_COMPLETIONS -> new MessagesViaChat();
                case RESPONSES -> new ComposedAdapter(new MessagesViaChat(), new ChatViaResponses(clock));
                default -> throw unsupported(client, upstream);
            };
            case RESPONSES -> switch (upstream) {
                case CHAT_COMPLETIONS -> new ResponsesViaChat();
                case MESSAGES -> new ComposedAdapter(new ResponsesViaChat(), new ChatViaMessages(clock));
                default -> throw unsupported(client, upstream);
            };
            case CHAT_COMPLETIONS -> switch (upstream) {
                case MESSAGES -> new ChatViaMessages(clock);
                case RESPONSES -> new ChatViaResponses(clock);
                default -> throw unsupported(client, upstream);
            };
        };
    }

    /**
     * The surface to call a provider on, or empty when none of its surfaces can serve the client.
     *
     * @param offered the provider's surfaces; order does not matter (the choice is deterministic)
     */
    public static Optional<Surface> chooseUpstream(Surface client, Collection<Surface> offered) {
        Set<Surface> set = offered.isEmpty() ? EnumSet.noneOf(Surface.class) : EnumSet.copyOf(offered);
        if (set.contains(client)) {
            return Optional.of(client);
        }
        List<Surface> preference = new ArrayList<>();
        for (Surface s : Surface.values()) {
            if (s.format().equals(client.format())) {
                preference.add(s);
            }
        }
        preference.add(Surface.CHAT_COMPLETIONS);
        preference.addAll(List.of(Surface.values()));
        for (Surface s : preference) {
            if (set.contains(s) && supports(client, s)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * As {@link #chooseUpstream(Surface, Collection)} for a provider's {@code supportedApiSurfaces}; a provider that
     * lists none is taken to speak {@code chat-completions}, as most local model servers do.
     */
    public static Optional<Surface> chooseUpstreamFor(Surface client, List<ApiSurface> supportedApiSurfaces) {
        List<Surface> offered = new ArrayList<>();
        if (supportedApiSurfaces != null) {
            for (ApiSurface a : supportedApiSurfaces) {
                Surface.of(a).ifPresent(offered::add);
            }
        }
        if (offered.isEmpty()) {
            offered.add(Surface.CHAT_COMPLETIONS);
        }
        return chooseUpstream(client, offered);
    }

    private static IllegalArgumentException unsupported(Surface client, Surface upstream) {
        return new IllegalArgumentException("no translation from " + client.surfaceName() + " to " + upstream.surfaceName());
    }
}
