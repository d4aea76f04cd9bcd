package dev.switchboard.gateway.translate;

import static dev.switchboard.gateway.translate.Fields.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dev.switchboard.gateway.upstream.SseEvent;

/**
 * Chat Completions chunks re-emitted as Messages events: {@code message_start}, then per content block
 * {@code content_block_start}, {@code content_block_delta}s, {@code content_block_stop}, then
 * {@code message_delta} (stop reason, usage) and {@code message_stop}.
 */
final class ChatToMessagesStream implements CrossSurfaceStream {
    private enum Block { NONE, THINKING, TEXT, TOOL }

    private final List<String> stopSequences;
    private boolean started;
    private boolean finished;
    private String id = "";
    private String model = "";
    private int nextIndex;
    private Block open = Block.NONE;
    private int openToolIndex = -1;
    private final Set<Integer> closedTools = new HashSet<>();
    private String finishReason;
    private String matchedStop;
    private JsonNode usage = object();

    ChatToMessagesStream(List<String> stopSequences) {
        this.stopSequences = stopSequences;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstream) {
        List<SseEvent> out = new ArrayList<>();
        if (finished) {
            return out;
        }
        if (Events.isDone(upstream)) {
            return finish();
        }
        ObjectNode chunk = Events.json(upstream);
        if (chunk.has("error")) {
            return fail(chunk.path("error").path("message").asText("upstream error"));
        }
        start(chunk, out);
        if (chunk.path("usage").isObject()) {
            usage = chunk.get("usage");
        }
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue;
            }
            JsonNode delta = choice.path("delta");
            String reasoning = ChatToMessagesResponse.reasoning(delta);
            if (!reasoning.isEmpty()) {
                if (open != Block.THINKING) {
                    closeBlock(out);
                    openBlock(out, object().put("type", "thinking").put("thinking", "").put("signature", ""));
                    open = Block.THINKING;
                }
                ObjectNode d = object().put("type", "thinking_delta").put("thinking", reasoning);
                out.add(event("content_block_delta", object().put("index", nextIndex - 1), "delta", d));
            }
            JsonNode content = delta.get("content");
            if (content != null && content.isTextual() && !content.asText().isEmpty()) {
                if (open != Block.TEXT) {
                    closeBlock(out);
                    ObjectNode block = object().put("type", "text").put("text", "");
                    openBlock(out, block);
                    open = Block.TEXT;
                }
                ObjectNode d = object().put("type", "text_delta").put("text", content.asText());
                out.add(event("content_block_delta", object().put("index", nextIndex - 1), "delta", d));
            }
            JsonNode calls = delta.path("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                toolCallDelta(calls.get(i), i, out);
            }
            if (choice.path("finish_reason").isTextual()) {
                finishReason = choice.get("finish_reason").asText();
                matchedStop = ChatToMessagesResponse.matchedStopSequence(choice, finishReason, stopSequences);
            }
        }
        return out;
    }

    private void toolCallDelta(JsonNode call, int position, List<SseEvent> out) {
        int toolIndex = call.path("index").asInt(position);
        if (open != Block.TOOL || toolIndex != openToolIndex) {
            if (closedTools.contains(toolIndex)) {
                throw new TranslationException("stream",
                        "the upstream interleaved the arguments of several tool calls");
            }
            closeBlock(out);
            ObjectNode block = object().put("type", "tool_use");
            block.put("id", call.path("id").asText("toolu_" + id + "_" + toolIndex));
            block.put("name", call.path("function").path("name").asText(""));
            block.putObject("input");
            openBlock(out, block);
            open = Block.TOOL;
            openToolIndex = toolIndex;
        }
        String arguments = call.path("function").path("arguments").asText("");
        if (!arguments.isEmpty()) {
            ObjectNode d = object().put("type", "input_json_delta").put("partial_json", arguments);
            out.add(event("content_block_delta", object().put("index", nextIndex - 1), "delta", d));
        }
    }

    private void start(JsonNode chunk, List<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        id = chunk.path("id").asText("");
        model = chunk.path("model").asText("");
        ObjectNode message = object();
        message.put("id", ChatToMessagesResponse.messageId(id));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        ObjectNode u = ChatToMessagesResponse.usage(chunk.path("usage"));
        u.put("output_tokens", 0);
        message.set("usage", u);
        out.add(event("message_start", object(), "message", message));
    }

    private void openBlock(List<SseEvent> out, ObjectNode block) {
        out.add(event("content_block_start", object().put("index", nextIndex), "content_block", block));
        nextIndex++;
    }

    private void closeBlock(List<SseEvent> out) {
        if (open == Block.NONE) {
            return;
        }
        if (open == Block.TOOL) {
            closedTools.add(openToolIndex);
        }
        out.add(event("content_block_stop", object().put("index", nextIndex - 1), null, null));
        open = Block.NONE;
    }

    @Override
    public List<SseEvent> finish() {
        List<SseEvent> out = new ArrayList<>();
        if (finished) {
            return out;
        }
        start(object(), out);
        closeBlock(out);
        ObjectNode delta = object();
        if (matchedStop != null) {
            delta.put("stop_reason", "stop_sequence").put("stop_sequence", matchedStop);
        } else {
            delta.put("stop_reason", StopReasons.toMessages(finishReason, !closedTools.isEmpty())).putNull("stop_sequence");
        }
        ObjectNode messageDelta = event(object(), "message_delta", "delta", delta);
        messageDelta.set("usage", ChatToMessagesResponse.usage(usage));
        out.add(Events.named("message_delta", messageDelta));
        out.add(event("message_stop", object(), null, null));
        finished = true;
        return out;
    }

    @Override
    public List<SseEvent> fail(String message) {
        finished = true;
        ObjectNode error = object().put("type", "error");
        error.putObject("error").put("type", "api_error").put("message", message);
        return List.of(Events.named("error", error));
    }

    private static SseEvent event(String type, ObjectNode base, String field, JsonNode value) {
        return Events.named(type, event(base, type, field, value));
    }

    private static ObjectNode event(ObjectNode base, String type, String field, JsonNode value) {
        ObjectNode e = object().put("type", type);
        e.setAll(base);
        if (field != null) {
            e.set(field, value);
        }
        return e;
    }
}
