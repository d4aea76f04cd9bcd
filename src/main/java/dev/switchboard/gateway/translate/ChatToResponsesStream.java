package dev.switchboard.gateway.translate;

import static dev.switchboard.gateway.translate.Fields.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dev.switchboard.gateway.upstream.SseEvent;

/**
 * Chat Completions chunks re-emitted as Responses events: {@code response.created}, {@code response.in_progress},
 * per output item {@code output_item.added} … {@code output_item.done} (text parts with {@code output_text.delta}s,
 * function calls with {@code function_call_arguments.delta}s), then {@code response.completed} with usage.
 */
final class ChatToResponsesStream implements CrossSurfaceStream {
    private enum Item { NONE, REASONING, TEXT, TOOL }

    private final JsonNode request;
    private boolean started;
    private boolean finished;
    private long sequence;
    private String chatId = "";
    private ObjectNode response;
    private final ArrayNode output = Fields.array();
    private Item open = Item.NONE;
    private String openItemId;
    private final StringBuilder openText = new StringBuilder();
    private int openToolIndex = -1;
    private String openCallId;
    private String openName;
    private final Set<Integer> closedTools = new HashSet<>();
    private String finishReason;
    private JsonNode usage = object();

    ChatToResponsesStream(JsonNode request) {
        this.request = request;
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
                reasoning(reasoning, out);
            }
            JsonNode content = delta.get("content");
            if (content != null && content.isTextual() && !content.asText().isEmpty()) {
                text(content.asText(), out);
            }
            JsonNode calls = delta.path("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                toolCall(calls.get(i), i, out);
            }
            if (choice.path("finish_reason").isTextual()) {
                finishReason = choice.get("finish_reason").asText();
            }
        }
        return out;
    }

    private void start(JsonNode chunk, List<SseEvent> out) {
        if (started) {
            return;
        }
        started = true;
        chatId = chunk.path("id").asText("");
        response = ResponseObjects.envelope(request, ResponseObjects.responseId(chatId),
                chunk.path("created").asLong(0), chunk.path("model").asText(""), "in_progress");
        out.add(event("response.created", object().set("response", response.deepCopy())));
        out.add(event("response.in_progress", object().set("response", response.deepCopy())));
    }

    private void reasoning(String delta, List<SseEvent> out) {
        if (open != Item.REASONING) {
            close(out);
            int index = output.size();
            openItemId = ResponseObjects.reasoningItemId(chatId, index);
            ObjectNode added = object().put("output_index", index);
            added.set("item", ResponseObjects.reasoningItem(openItemId, null));
            out.add(event("response.output_item.added", added));
            output.addNull();
            open = Item.REASONING;
            openText.setLength(0);
        }
        openText.append(delta);
        out.add(event("response.reasoning_text.delta", object().put("item_id", openItemId)
                .put("output_index", output.size() - 1).put("content_index", 0).put("delta", delta)));
    }

    private void text(String delta, List<SseEvent> out) {
        if (open != Item.TEXT) {
            close(out);
            int index = output.size();
            openItemId = ResponseObjects.messageItemId(chatId) + (index == 0 ? "" : "_" + index);
            ObjectNode added = object().put("output_index", index);
            added.set("item", ResponseObjects.messageItem(openItemId, "in_progress"));
            out.add(event("response.output_item.added", added));
            ObjectNode part = object().put("item_id", openItemId).put("output_index", index).put("content_index", 0);
            part.set("part", ResponseObjects.outputText(""));
            out.add(event("response.content_part.added", part));
            output.addNull();
            open = Item.TEXT;
            openText.setLength(0);
        }
        openText.append(delta);
        ObjectNode d = object().put("item_id", openItemId).put("output_index", output.size() - 1)
                .put("content_index", 0).put("delta", delta);
        d.putArray("logprobs");
        out.add(event("response.output_text.delta", d));
    }

    private void toolCall(JsonNode call, int position, List<SseEvent> out) {
        int toolIndex = call.path("index").asInt(position);
        if (open != Item.TOOL || toolIndex != openToolIndex) {
            if (closedTools.contains(toolIndex)) {
                throw new TranslationException("stream", "the upstream interleaved the arguments of several tool calls");
            }
            close(out);
            int index = output.size();
            openToolIndex = toolIndex;
            openCallId = call.path("id").asText("call_" + chatId + "_" + toolIndex);
            openName = call.path("function").path("name").asText("");
            openItemId = ResponseObjects.functionCallItemId(openCallId);
            ObjectNode added = object().put("output_index", index);
            added.set("item", ResponseObjects.functionCallItem(openCallId, openName, "", "in_progress"));
            out.add(event("response.output_item.added", added));
            output.addNull();
            open = Item.TOOL;
            openText.setLength(0);
        }
        String arguments = call.path("function").path("arguments").asText("");
        if (!arguments.isEmpty()) {
            openText.append(arguments);
            out.add(event("response.function_call_arguments.delta", object().put("item_id", openItemId)
                    .put("output_index", output.size() - 1).put("delta", arguments)));
        }
    }

    private void close(List<SseEvent> out) {
        int index = output.size() - 1;
        String text = openText.toString();
        switch (open) {
            case NONE -> {
                return;
            }
            case REASONING -> {
                out.add(event("response.reasoning_text.done", object().put("item_id", openItemId)
                        .put("output_index", index).put("content_index", 0).put("text", text)));
                output.set(index, ResponseObjects.reasoningItem(openItemId, text));
            }
            case TEXT -> {
                ObjectNode done = object().put("item_id", openItemId).put("output_index", index)
                        .put("content_index", 0).put("text", text);
                done.putArray("logprobs");
                out.add(event("response.output_text.done", done));
                ObjectNode partDone = object().put("item_id", openItemId).put("output_index", index).put("content_index", 0);
                partDone.set("part", ResponseObjects.outputText(text));
                out.add(event("response.content_part.done", partDone));
                ObjectNode item = ResponseObjects.messageItem(openItemId, ResponseObjects.itemStatus(finishReason));
                ((ArrayNode) item.get("content")).add(ResponseObjects.outputText(text));
                output.set(index, item);
            }
            case TOOL -> {
                String arguments = text.isEmpty() ? "{}" : text;
                out.add(event("response.function_call_arguments.done", object().put("item_id", openItemId)
                        .put("output_index", index).put("name", openName).put("arguments", arguments)));
                output.set(index, ResponseObjects.functionCallItem(openCallId, openName, arguments, "completed"));
                closedTools.add(openToolIndex);
            }
        }
        ObjectNode itemDone = object().put("output_index", index);
        itemDone.set("item", output.get(index).deepCopy());
        out.add(event("response.output_item.done", itemDone));
        open = Item.NONE;
    }

    @Override
    public List<SseEvent> finish() {
        List<SseEvent> out = new ArrayList<>();
        if (finished) {
            return out;
        }
        start(object(), out);
        close(out);
        ObjectNode done = response.deepCopy();
        done.set("output", output.deepCopy());
        ResponseObjects.finish(done, finishReason);
        done.set("usage", ResponseObjects.usage(usage));
        String type = done.path("status").asText().equals("incomplete") ? "response.incomplete" : "response.completed";
        out.add(event(type, object().set("response", done)));
        finished = true;
        return out;
    }

    @Override
    public List<SseEvent> fail(String message) {
        finished = true;
        ObjectNode error = object().put("type", "error").put("sequence_number", sequence++);
        error.put("code", "upstream_error").put("message", message).putNull("param");
        return List.of(Events.named("error", error));
    }

    private SseEvent event(String type, ObjectNode body) {
        ObjectNode e = object().put("type", type).put("sequence_number", sequence++);
        e.setAll(body);
        return Events.named(type, e);
    }
}
