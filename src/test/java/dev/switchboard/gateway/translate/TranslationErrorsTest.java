package dev.switchboard.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A request that cannot be expressed upstream fails with the offending field named, never a silent wrong answer. */
class TranslationErrorsTest {
    @ParameterizedTest(name = "{0} via {1}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            messages | chat-completions | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"text","data":"x"}}]}]} | messages[0].content[0].type
            messages | chat-completions | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"f"}}]}]} | messages[0].content[0].source.type
            messages | chat-completions | {"model":"m","max_tokens":5,"tools":[{"type":"web_search_20250305","name":"web_search"}],"messages":[{"role":"user","content":"hi"}]} | tools[0].type
            messages | chat-completions | {"model":"m","max_tokens":5,"messages":[{"role":"system","content":"hi"}]} | messages[0].role
            messages | chat-completions | {"model":"m","max_tokens":5,"system":[{"type":"image"}],"messages":[]} | system[0].type
            messages | chat-completions | {"model":"m","max_tokens":5} | messages
            messages | chat-completions | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"document"}]}]}]} | messages[0].content[0].content[0].type
            chat-completions | messages | {"model":"m","n":2,"messages":[{"role":"user","content":"hi"}]} | n
            chat-completions | messages | {"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"x","format":"wav"}}]}]} | messages[0].content[0].type
            chat-completions | messages | {"model":"m","messages":[{"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"not json"}}]}]} | messages[0].tool_calls[0].function.arguments
            chat-completions | messages | {"model":"m","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"ftp://x/y.png"}}]}]} | messages[0].content[0].image_url.url
            chat-completions | messages | {"model":"m","functions":[{"name":"f"}],"messages":[]} | functions
            chat-completions | responses | {"model":"m","n":3,"messages":[]} | n
            chat-completions | responses | {"model":"m","tools":[{"type":"custom","custom":{"name":"x"}}],"messages":[]} | tools[0].type
            responses | chat-completions | {"model":"m","input":"hi","previous_response_id":"resp_1"} | previous_response_id
            responses | chat-completions | {"model":"m","input":"hi","tools":[{"type":"web_search"}]} | tools[0].type
            responses | chat-completions | {"model":"m","input":[{"type":"input_image_ref"}]} | input[0].type
            responses | chat-completions | {"model":"m","input":[{"role":"user","content":[{"type":"input_image","file_id":"file_1"}]}]} | input[0].content[0].file_id
            responses | chat-completions | {"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_data":"x"}]}]} | input[0].content[0].type
            responses | chat-completions | {"model":"m"} | input
            responses | messages | {"model":"m","input":[{"type":"file_search_call","id":"x"}]} | input[0].type
            messages | responses | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"search_result"}]}]} | messages[0].content[0].type
            """)
    void untranslatableFieldIsNamed(String client, String upstream, String body, String field) throws Exception {
        CrossSurfaceAdapter adapter = Translators.forPair(GoldenFilesTest.surface(client), GoldenFilesTest.surface(upstream));
        ObjectNode request = (ObjectNode) Json.mapper().readTree(body);
        assertThatThrownBy(() -> adapter.translateRequest(request))
                .isInstanceOfSatisfying(TranslationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.reason()).isNotBlank();
                    assertThat(e.getMessage()).startsWith(field + ": ");
                });
    }
}
