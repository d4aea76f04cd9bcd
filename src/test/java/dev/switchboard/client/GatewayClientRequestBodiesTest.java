package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfigurationUpdate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.Json;
import dev.switchboard.api.ProviderUpdate;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PATCH bodies and data-plane request bodies, as they go on the wire. */
class GatewayClientRequestBodiesTest {

    @Test
    void updateBodiesCarryOnlyTheFieldsSetAndNullForCleared() throws Exception {
        ProviderUpdate update = ProviderUpdate.builder().name("x").clearDescription().modelIds(List.of()).build();
        assertThat(Json.mapper().writeValueAsString(update)).isEqualTo("{\"name\":\"x\",\"description\":null,\"models\":[]}");
        assertThat(update.has("baseUrl")).isFalse();
        assertThat(update.clears("description")).isTrue();
        assertThat(update.clears("name")).isFalse();
        assertThat(ProviderUpdate.builder().build().isEmpty()).isTrue();
        assertThat(update).isEqualTo(ProviderUpdate.builder().name("x").clearDescription().modelIds(List.of()).build());
        // The JSON handed out is a copy: changing it does not change the update.
        update.toJson().put("name", "changed");
        assertThat(update.toJson().get("name").asText()).isEqualTo("x");
        assertThatThrownBy(() -> ProviderUpdate.builder().name(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clearName()");
    }

    @Test
    void configurationUpdateToStringNamesFieldsButHidesRouterKeyValues() throws Exception {
        String secret = "sk-backup-value-123456";
        AccessKeyConfigurationUpdate update = AccessKeyConfigurationUpdate.builder()
                .access(new Access(new AllowList(List.of("my-ollama")), null))
                .router(new Router(List.of(new RouterRule("my-ollama", null,
                        List.of(RouterStep.ordered(List.of(StepKey.existing("aigpk_1"), StepKey.create("backup", secret))))))))
                .clearMetadata()
                .build();
        assertThat(update.toString()).isEqualTo("AccessKeyConfigurationUpdate[access, router, metadata=<clear>]")
                .doesNotContain(secret);
        assertThat(Json.mapper().writeValueAsString(update)).isEqualTo("{\"access\":{\"providers\":{\"allow\":[\"my-ollama\"]}},"
                + "\"router\":{\"rules\":[{\"provider\":\"my-ollama\",\"steps\":[{\"type\":\"user\",\"keys\":[{\"id\":\"aigpk_1\"},"
                + "{\"name\":\"backup\",\"value\":\"" + secret + "\"}],\"keySelectionStrategy\":\"ordered\"}]}]},\"metadata\":null}");
    }

    @Test
    void chatRequestRendersEachSurfacesShape() {
        ChatRequest request = ChatRequest.builder("p:m").fallbackModels(List.of("q:n")).user("Hi").assistant("Hello").user("More")
                .build();
        var chat = Surface.CHAT_COMPLETIONS.render(request, true);
        assertThat(chat.toString()).isEqualTo("{\"model\":\"p:m\",\"models\":[\"q:n\"],\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"Hello\"},{\"role\":\"user\",\"content\":\"More\"}],"
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        var messages = Surface.MESSAGES.render(request, false);
        assertThat(messages.get("max_tokens").asInt()).isEqualTo(ChatRequest.DEFAULT_MESSAGES_MAX_TOKENS);
        assertThat(messages.has("system")).isFalse();
        var responses = Surface.RESPONSES.render(request, false);
        assertThat(responses.get("input").size()).isEqualTo(3);
        assertThat(Surface.fromApiName("chat-completions")).isEqualTo(Surface.CHAT_COMPLETIONS);
        assertThatThrownBy(() -> ChatRequest.builder("p:m").build()).isInstanceOf(IllegalStateException.class);
    }
}
