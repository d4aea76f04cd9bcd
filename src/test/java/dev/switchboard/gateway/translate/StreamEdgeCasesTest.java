package dev.switchboard.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.upstream.SseEvent;
import dev.switchboard.gateway.upstream.Surface;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamEdgeCasesTest {
    private static SseEvent chunk(String deltaJson, String finish) throws Exception {
        ObjectNode c = Fields.object().put("id", "chatcmpl-x").put("object", "chat.completion.chunk").put("created", 1).put("model", "m");
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        choice.set("delta", Json.mapper().readTree(deltaJson));
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return Events.data(c);
    }

    private static List<SseEvent> run(CrossSurfaceStream t, List<SseEvent> in) {
        List<SseEvent> out = new ArrayList<>();
        for (SseEvent e : in) {
            out.addAll(t.onEvent(e));
        }
        out.addAll(t.finish());
        return out;
    }

    private static List<String> types(List<SseEvent> events) {
        return events.stream().map(SseEvent::event).toList();
    }

    @Test
    void toolCallArgumentsSplitIntoSingleCharactersReassembleExactly() throws Exception {
        String arguments = "{\"path\": \"/tmp/a b.txt\", \"lines\": [1, 2, 3], \"note\": \"é ✓\"}";
        List<SseEvent> in = new ArrayList<>();
        in.add(chunk("{\"role\":\"assistant\"}", null));
        in.add(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"read\",\"arguments\":\"\"}}]}", null));
        for (char ch : arguments.toCharArray()) {
            ObjectNode delta = Fields.object();
            delta.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", String.valueOf(ch));
            in.add(chunk(Fields.write(delta), null));
        }
        in.add(chunk("{}", "tool_calls"));
        in.add(Events.DONE);

        List<SseEvent> messages = run(new MessagesViaChat().newStreamTranslator(), in);
        StringBuilder partial = new StringBuilder();
        for (SseEvent e : messages) {
            if ("content_block_delta".equals(e.event())) {
                assertThat(Events.json(e).path("index").asInt()).isZero();
                partial.append(Events.json(e).path("delta").path("partial_json").asText());
            }
        }
        assertThat(Json.mapper().readTree(partial.toString())).isEqualTo(Json.mapper().readTree(arguments));
        assertThat(types(messages)).startsWith("message_start", "content_block_start").endsWith("content_block_stop", "message_delta", "message_stop");
        assertThat(Events.json(messages.get(messages.size() - 2)).path("delta").path("stop_reason").asText()).isEqualTo("tool_use");

        CrossSurfaceAdapter responses = Translators.forPair(Surface.RESPONSES, Surface.CHAT_COMPLETIONS);
        responses.translateRequest((ObjectNode) Json.mapper().readTree("{\"model\":\"m\",\"input\":\"x\",\"stream\":true}"));
        List<SseEvent> events = run(responses.newStreamTranslator(), in);
        JsonNode done = events.stream().filter(e -> "response.function_call_arguments.done".equals(e.event())).findFirst().map(Events::json).orElseThrow();
        assertThat(done.path("arguments").asText()).isEqualTo(arguments);
        JsonNode completed = Events.json(events.get(events.size() - 1));
        assertThat(completed.path("type").asText()).isEqualTo("response.completed");
        assertThat(completed.path("response").path("output").path(0).path("arguments").asText()).isEqualTo(arguments);
    }

    @Test
    void anEmptyStreamStillEndsAsAWholeMessage() {
        List<SseEvent> messages = run(new MessagesViaChat().newStreamTranslator(), List.of());
        assertThat(types(messages)).containsExactly("message_start", "message_delta", "message_stop");

        List<SseEvent> responses = run(new ResponsesViaChat().newStreamTranslator(), List.of(Events.DONE));
        assertThat(types(responses)).containsExactly("response.created", "response.in_progress", "response.completed");
        assertThat(Events.json(responses.get(2)).path("response").path("output")).isEmpty();

        List<SseEvent> chat = run(Translators.forPair(Surface.CHAT_COMPLETIONS, Surface.MESSAGES).newStreamTranslator(), List.of());
        assertThat(Events.isDone(chat.get(chat.size() - 1))).isTrue();
    }

    @Test
    void emptyContentDeltasOpenNoBlock() throws Exception {
        List<SseEvent> messages = run(new MessagesViaChat().newStreamTranslator(),
                List.of(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null), chunk("{\"content\":\"\"}", "stop"), Events.DONE));
        assertThat(types(messages)).containsExactly("message_start", "message_delta", "message_stop");
    }

    @Test
    void interleavedToolCallArgumentsEndTheStreamWithAnErrorNotAScrambledAnswer() throws Exception {
        CrossSurfaceStream t = new MessagesViaChat().newStreamTranslator();
        t.onEvent(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{\"}}]}", null));
        t.onEvent(chunk("{\"tool_calls\":[{\"index\":1,\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"{\"}}]}", null));
        List<SseEvent> out = t.onEvent(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"}\"}}]}", null));
        assertThat(types(out)).containsExactly("error");
        assertThat(Events.json(out.get(0)).path("error").path("message").asText()).contains("interleaved");
        assertThat(t.finish()).isEmpty();

        CrossSurfaceStream r = new ResponsesViaChat().newStreamTranslator();
        List<SseEvent> bad = r.onEvent(SseEvent.data("not json"));
        assertThat(types(bad)).containsExactly("error");
        assertThat(r.finish()).isEmpty();
    }

    @Test
    void aBrokenStreamEndsWithTheClientSurfacesErrorEventAndNothingAfter() throws Exception {
        CrossSurfaceStream t = new MessagesViaChat().newStreamTranslator();
        t.onEvent(chunk("{\"content\":\"Hi\"}", null));
        List<SseEvent> failed = t.fail("upstream connection reset");
        assertThat(types(failed)).containsExactly("error");
        assertThat(Events.json(failed.get(0)).path("error").path("message").asText()).isEqualTo("upstream connection reset");
        assertThat(t.finish()).isEmpty();
        assertThat(t.onEvent(chunk("{\"content\":\"more\"}", null))).isEmpty();

        CrossSurfaceStream r = new ResponsesViaChat().newStreamTranslator();
        assertThat(Events.json(r.fail("boom").get(0)).path("type").asText()).isEqualTo("error");
        CrossSurfaceStream c = Translators.forPair(Surface.CHAT_COMPLETIONS, Surface.MESSAGES).newStreamTranslator();
        assertThat(Events.json(c.fail("boom").get(0)).path("error").path("message").asText()).isEqualTo("boom");
    }

    @Test
    void sequenceNumbersOfResponsesEventsCountUpFromZero() throws Exception {
        List<SseEvent> events = run(new ResponsesViaChat().newStreamTranslator(),
                List.of(chunk("{\"content\":\"a\"}", null), chunk("{\"content\":\"b\"}", "stop"), Events.DONE));
        for (int i = 0; i < events.size(); i++) {
            assertThat(Events.json(events.get(i)).path("sequence_number").asInt()).isEqualTo(i);
            assertThat(Events.json(events.get(i)).path("type").asText()).isEqualTo(events.get(i).event());
        }
    }

    @Test
    void sseEventsWriteAsOnTheWire() {
        assertThat(Events.named("ping", Fields.object().put("type", "ping")).toWire())
                .isEqualTo("event: ping\ndata: {\"type\":\"ping\"}\n\n");
        assertThat(Events.DONE.toWire()).isEqualTo("data: [DONE]\n\n");
        assertThat(SseText.parse("event: a\ndata: {\"x\":1}\n\ndata: [DONE]\n\n"))
                .containsExactly(SseEvent.named("a", "{\"x\":1}"), Events.DONE);
    }
}
