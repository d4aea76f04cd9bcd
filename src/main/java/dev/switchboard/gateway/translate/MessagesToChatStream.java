package dev.switchboard.gateway.translate;

import static dev.switchboard.gateway.translate.Fields.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.switchboard.gateway.upstream.SseEvent;

/**
 * Messages events re-emitted as Chat Completions chunks: a role chunk, content and tool-call deltas,
 * a chunk with {@code finish_reason}, the usage chunk when the client asked for it, then {@code [DONE]}.
 */
final class MessagesToChatStream implements CrossSurfaceStream {
    private final boolean includeUsage;
    private final long created;
    private boolean started;
    private boolean finished;
    private String id = "chatcmpl-translated";
    private String model = "";
    /** Messages content-block index → Chat tool-call index, for tool_use blocks. */
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private String stopReason;
    private final ObjectNode usage = object();

    MessagesToChatStream(boolean includeUsage, long created) {
        this.includeUsage = includeUsage;
        this.created = created;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstream) {
        List<SseEvent> out = new ArrayList<>();
        if (finished || upstream.data() == null || upstream.data().isBlank()) {
            return out;
        }
        ObjectNode event = Events.json(upstream);
        String type = event.path("type").asText(upstream.event() == null ? "" : upstream.event());
        switch (type) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                id = MessagesToChatResponse.completionId(message.path("id").asText(""));
                model = message.path("model").asText("");
                mergeUsage(message.path("usage"));
                start(out);
            }
            case "content_block_start" -> {
                start(out);
                JsonNode block = event.path("content_block");
                String blockType = block.path("type").asText();
                if (blockType.equals("text") && !block.path("text").asText("").isEmpty()) {
                    out.add(chunk(object().put("content", block.get("text").asText()), null));
                } else if (blockType.equals("tool_use")) {
                    int toolIndex = toolIndexByBlock.size();
                    toolIndexByBlock.put(event.path("index").asInt(), toolIndex);
                    ObjectNode call = object().put("index", toolIndex).put("id", block.path("id").asText()).put("type", "function");
                    call.putObject("function").put("name", block.path("name").asText()).put("arguments", "");
                    ObjectNode delta = object();
                    delta.putArray("tool_calls").add(call);
                    out.add(chunk(delta, null));
                }
            }
            case "content_block_delta" -> {
                start(out);
                JsonNode delta = event.path("delta");
                switch (delta.path("type").asText()) {
                    case "text_delta" -> out.add(chunk(object().put("content", delta.path("text").asText()), null));
                    case "thinking_delta" -> out.add(chunk(object().put("reasoning_content", delta.path("thinking").asText()), null));
                    case "input_json_delta" -> {
                        Integer toolIndex = toolIndexByBlock.get(event.path("index").asInt());
                        String partial = delta.path("partial_json").asText("");
                        if (toolIndex != null && !partial.isEmpty()) {
                            ObjectNode call = object().put("index", toolIndex);
                            call.putObject("function").put("arguments", partial);
                            ObjectNode d = object();
                            d.putArray("tool_calls").add(call);
                            out.add(chunk(d, null));
                        }
                    }
                    default -> {
                        // signature and citation deltas have no Chat Completions form
                    }
                }
            }
            case "message_delta" -> {
                if (event.path("delta").path("stop_reason").isTextual()) {
                    stopReason = event.get("delta").get("stop_reason").asText();
                }
                mergeUsage(event.path("usage"));
            }
            case "message_stop" -> out.addAll(finish());
            case "error" -> out.addAll(fail(ErrorBodies.message(event)));
            default -> {
                // ping, content_block_stop: nothing to say in Chat Completions
            }
        }
        return out;
    }

    private void mergeUsage(JsonNode u) {
        for (String field : List.of("input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens")) {
            if (u.path(field).isNumber()) {
                usage.put(field, u.get(field).asLong());
            }
        }
    }

    private void start(List<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        out.add(chunk(object().put("role", "assistant").put("content", ""), null));
    }

    private SseEvent chunk(ObjectNode delta, String finishReason) {
        ObjectNode c = base();
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return Events.data(c);
    }

    private ObjectNode base() {
        return object().put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
    }

    @Override
    public List<SseEvent> finish() {
        List<SseEvent> out = new ArrayList<>();
        if (finished) {
            return out;
        }
        start(out);
        out.add(chunk(object(), StopReasons.toChat(stopReason)));
        if (includeUsage) {
            ObjectNode c = base();
            c.putArray("choices");
            c.set("usage", MessagesToChatResponse.usage(usage));
            out.add(Events.data(c));
        }
        out.add(Events.DONE);
        finished = true;
        return out;
    }

    @Override
    public List<SseEvent> fail(String message) {
        finished = true;
        ObjectNode error = object();
        error.putObject("error").put("message", message).put("type", "server_error").putNull("param").putNull("code");
        return List.of(Events.data(error));
    }
}
