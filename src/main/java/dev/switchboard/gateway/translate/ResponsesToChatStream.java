package dev.switchboard.gateway.translate;

import static dev.switchboard.gateway.translate.Fields.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.switchboard.gateway.upstream.SseEvent;

/** Responses events re-emitted as Chat Completions chunks, ending with the finish chunk, usage (if asked) and {@code [DONE]}. */
final class ResponsesToChatStream implements CrossSurfaceStream {
    private final boolean includeUsage;
    private boolean started;
    private boolean finished;
    private String id = "chatcmpl-translated";
    private String model = "";
    private long created;
    /** Function-call item id → Chat tool-call index, and whether arguments were streamed for it. */
    private final Map<String, Integer> toolIndexByItem = new HashMap<>();
    private final Map<String, Boolean> argumentsSent = new HashMap<>();

    ResponsesToChatStream(boolean includeUsage, long created) {
        this.includeUsage = includeUsage;
        this.created = created;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstream) {
        List<SseEvent> out = new ArrayList<>();
        if (finished || upstream.data() == null || upstream.data().isBlank() || Events.isDone(upstream)) {
            return out;
        }
        ObjectNode event = Events.json(upstream);
        String type = event.path("type").asText(upstream.event() == null ? "" : upstream.event());
        switch (type) {
            case "response.created" -> {
                JsonNode response = event.path("response");
                id = MessagesToChatResponse.completionId(response.path("id").asText(""));
                model = response.path("model").asText("");
                created = response.path("created_at").asLong(created);
                start(out);
            }
            case "response.output_item.added" -> {
                start(out);
                JsonNode item = event.path("item");
                if (item.path("type").asText().equals("function_call")) {
                    int toolIndex = toolIndexByItem.size();
                    String itemId = item.path("id").asText("output_" + event.path("output_index").asInt());
                    toolIndexByItem.put(itemId, toolIndex);
                    ObjectNode call = object().put("index", toolIndex).put("id", item.path("call_id").asText())
                            .put("type", "function");
                    String arguments = item.path("arguments").asText("");
                    call.putObject("function").put("name", item.path("name").asText()).put("arguments", arguments);
                    argumentsSent.put(itemId, !arguments.isEmpty());
                    out.add(toolCallChunk(call));
                }
            }
            case "response.output_text.delta", "response.refusal.delta" -> {
                start(out);
                out.add(chunk(object().put("content", event.path("delta").asText("")), null));
            }
            case "response.reasoning_text.delta" -> {
                start(out);
                out.add(chunk(object().put("reasoning_content", event.path("delta").asText("")), null));
            }
            case "response.function_call_arguments.delta" -> {
                start(out);
                String itemId = event.path("item_id").asText("output_" + event.path("output_index").asInt());
                Integer toolIndex = toolIndexByItem.get(itemId);
                String delta = event.path("delta").asText("");
                if (toolIndex != null && !delta.isEmpty()) {
                    argumentsSent.put(itemId, true);
                    ObjectNode call = object().put("index", toolIndex);
                    call.putObject("function").put("arguments", delta);
                    out.add(toolCallChunk(call));
                }
            }
            case "response.output_item.done" -> {
                JsonNode item = event.path("item");
                String itemId = item.path("id").asText("");
                Integer toolIndex = toolIndexByItem.get(itemId);
                if (toolIndex != null && !argumentsSent.getOrDefault(itemId, false)
                        && !item.path("arguments").asText("").isEmpty()) {
                    argumentsSent.put(itemId, true);
                    ObjectNode call = object().put("index", toolIndex);
                    call.putObject("function").put("arguments", item.get("arguments").asText());
                    out.add(toolCallChunk(call));
                }
            }
            case "response.completed", "response.incomplete" -> out.addAll(end(event.path("response")));
            case "response.failed" -> out.addAll(fail(event.path("response").path("error").path("message")
                    .asText("the upstream response failed")));
            case "error" -> out.addAll(fail(event.path("message").asText(ErrorBodies.message(event))));
            default -> {
                // in_progress, content parts, text done: nothing new for Chat Completions
            }
        }
        return out;
    }

    private List<SseEvent> end(JsonNode response) {
        List<SseEvent> out = new ArrayList<>();
        start(out);
        out.add(chunk(object(), ResponsesToChatResponse.finishReason(response, !toolIndexByItem.isEmpty())));
        if (includeUsage) {
            ObjectNode c = base();
            c.putArray("choices");
            c.set("usage", ResponsesToChatResponse.usage(response.path("usage")));
            out.add(Events.data(c));
        }
        out.add(Events.DONE);
        finished = true;
        return out;
    }

    private void start(List<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        out.add(chunk(object().put("role", "assistant").put("content", ""), null));
    }

    private SseEvent toolCallChunk(ObjectNode call) {
        ObjectNode delta = object();
        delta.putArray("tool_calls").add(call);
        return chunk(delta, null);
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
        if (finished) {
            return List.of();
        }
        return end(object());
    }

    @Override
    public List<SseEvent> fail(String message) {
        finished = true;
        ObjectNode error = object();
        error.putObject("error").put("message", message).put("type", "server_error").putNull("param").putNull("code");
        return List.of(Events.data(error));
    }
}
