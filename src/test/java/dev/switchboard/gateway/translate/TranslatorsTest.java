package dev.switchboard.gateway.translate;

import static dev.switchboard.gateway.upstream.Surface.CHAT_COMPLETIONS;
import static dev.switchboard.gateway.upstream.Surface.MESSAGES;
import static dev.switchboard.gateway.upstream.Surface.RESPONSES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.gateway.upstream.Surface;
import dev.switchboard.gateway.upstream.SurfaceAdapter;
import dev.switchboard.gateway.upstream.SurfaceTranslators;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TranslatorsTest {
    @Test
    void aProviderListingTheClientsSurfaceGetsItUnchanged() {
        for (Surface s : Surface.values()) {
            assertThat(Translators.chooseUpstream(s, Set.of(CHAT_COMPLETIONS, RESPONSES, MESSAGES))).contains(s);
            assertThatThrownBy(() -> Translators.forPair(s, s)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void otherwiseTheSameFormatWinsThenChatCompletions() {
        assertThat(Translators.chooseUpstream(RESPONSES, List.of(MESSAGES, CHAT_COMPLETIONS))).contains(CHAT_COMPLETIONS);
        assertThat(Translators.chooseUpstream(RESPONSES, List.of(MESSAGES))).contains(MESSAGES);
        assertThat(Translators.chooseUpstream(CHAT_COMPLETIONS, List.of(MESSAGES, RESPONSES))).contains(RESPONSES);
        assertThat(Translators.chooseUpstream(MESSAGES, List.of(RESPONSES, CHAT_COMPLETIONS))).contains(CHAT_COMPLETIONS);
        assertThat(Translators.chooseUpstream(MESSAGES, List.of(RESPONSES))).contains(RESPONSES);
        assertThat(Translators.chooseUpstream(MESSAGES, List.of())).isEmpty();
    }

    @Test
    void theChoiceDoesNotDependOnTheOrderTheProviderListsItsSurfaces() {
        for (Surface client : Surface.values()) {
            assertThat(Translators.chooseUpstream(client, List.of(CHAT_COMPLETIONS, RESPONSES)))
                    .isEqualTo(Translators.chooseUpstream(client, List.of(RESPONSES, CHAT_COMPLETIONS)));
            assertThat(Translators.chooseUpstream(client, List.of(MESSAGES, RESPONSES)))
                    .isEqualTo(Translators.chooseUpstream(client, List.of(RESPONSES, MESSAGES)));
        }
    }

    @Test
    void everyPairOfDifferentSurfacesIsRegisteredFacingTheRightWay() {
        SurfaceTranslators registry = SurfaceTranslators.builtIn();
        for (Surface client : Surface.values()) {
            for (Surface upstream : Surface.values()) {
                if (client == upstream) {
                    continue;
                }
                assertThat(registry.has(client, upstream)).as(client + " via " + upstream).isTrue();
                SurfaceAdapter adapter = registry.adapter(client, upstream).orElseThrow();
                assertThat(adapter).isInstanceOf(CrossSurfaceAdapter.class);
                assertThat(adapter.clientSurface()).isEqualTo(client);
                assertThat(adapter.upstreamSurface()).isEqualTo(upstream);
                assertThat(registry.adapter(client, upstream).orElseThrow()).as("a fresh adapter per exchange").isNotSameAs(adapter);
            }
        }
    }
}
