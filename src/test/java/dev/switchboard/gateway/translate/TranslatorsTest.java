package dev.switchboard.gateway.translate;

import static dev.switchboard.gateway.translate.Surface.CHAT_COMPLETIONS;
import static dev.switchboard.gateway.translate.Surface.MESSAGES;
import static dev.switchboard.gateway.translate.Surface.RESPONSES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ApiSurface;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TranslatorsTest {
    @Test
    void aProviderListingTheClientsSurfaceGetsItUnchanged() {
        for (Surface s : Surface.values()) {
            assertThat(Translators.chooseUpstream(s, Set.of(CHAT_COMPLETIONS, RESPONSES, MESSAGES))).contains(s);
            SurfaceAdapter adapter = Translators.forPair(s, s);
            var body = Fields.object().put("model", "m");
            assertThat(adapter.translateRequest(body)).isSameAs(body);
            assertThat(adapter.droppedParams()).isEmpty();
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
        assertThat(Translators.chooseUpstream(MESSAGES, List.of(CHAT_COMPLETIONS, RESPONSES)))
                .isEqualTo(Translators.chooseUpstream(MESSAGES, List.of(RESPONSES, CHAT_COMPLETIONS)));
    }

    @Test
    void aProviderWithNoSurfacesListedIsTakenToSpeakChatCompletions() {
        assertThat(Translators.chooseUpstreamFor(MESSAGES, null)).contains(CHAT_COMPLETIONS);
        assertThat(Translators.chooseUpstreamFor(MESSAGES, List.of())).contains(CHAT_COMPLETIONS);
        assertThat(Translators.chooseUpstreamFor(CHAT_COMPLETIONS, List.of(ApiSurface.anthropicMessages()))).contains(MESSAGES);
        assertThat(Translators.chooseUpstreamFor(MESSAGES, List.of(ApiSurface.openAiResponses(), ApiSurface.anthropicMessages())))
                .contains(MESSAGES);
    }

    @Test
    void everyPairHasAnAdapterFacingTheRightWay() {
        for (Surface client : Surface.values()) {
            for (Surface upstream : Surface.values()) {
                assertThat(Translators.supports(client, upstream)).isTrue();
                SurfaceAdapter adapter = Translators.forPair(client, upstream);
                assertThat(adapter.clientSurface()).isEqualTo(client);
                assertThat(adapter.upstreamSurface()).isEqualTo(upstream);
            }
        }
    }

    @Test
    void surfacesAreNamedAsInTheProviderApi() {
        assertThat(Surface.ofName("chat-completions")).contains(CHAT_COMPLETIONS);
        assertThat(Surface.ofName("responses")).contains(RESPONSES);
        assertThat(Surface.of(ApiSurface.anthropicMessages())).contains(MESSAGES);
        assertThat(Surface.ofName("completions")).isEmpty();
        assertThat(MESSAGES.path()).isEqualTo("/messages");
    }
}
