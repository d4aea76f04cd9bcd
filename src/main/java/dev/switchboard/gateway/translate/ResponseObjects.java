package dev.switchboard.gateway.translate;

import static dev.switchboard.gateway.translate.Fields.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;

/** Builds the pieces of an OpenAI Responses {@code response} object, whole or while streaming. */
final class ResponseObjects {
    private ResponseObjects() {
    }

    static String responseId(String chatId) {
        return Ids.responses(chatId);
    }

    static String messageItemId(String chatId) {
        return Ids.messages(chatId);
    }

    static String reasoningItemId(String chatId, int outputIndex) {
        return "rs_" + Ids.core(chatId) + (outputIndex == 0 ? "" : "_" + outputIndex);
    }

    /** A reasoning item carrying the model's reasoning text; {@code text} null while it is still streaming. */
    static ObjectNode reasoningItem(String id, String text) {
        ObjectNode item = object().put("id", id).put("type", "reasoning");
        item.putArray("summary");
        if (text != null) {
            item.putArray("content").addObject().put("type", "reasoning_text").put("text", text);
        }
        return item;
    }

    static String functionCallItemId(String callId) {
        return "fc_" + callId;
    }

    /**
     * The response envelope, echoing what the client asked for as the Responses API does.
     *
     * @param request the client's Responses request (never null; may be empty)
     */
    static ObjectNode envelope(JsonNode request, String id, long createdAt, String model, String status) {
        ObjectNode r = object();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", createdAt);
        r.put("status", status);
        r.put("background", false);
        r.putNull("error");
        r.putNull("incomplete_details");
        echo(request, "instructions", r, null);
        echo(request, "max_output_tokens", r, null);
        r.put("model", model);
        r.putArray("output");
        echo(request, "parallel_tool_calls", r, Json.mapper().getNodeFactory().booleanNode(true));
        r.putNull("previous_response_id");
        ObjectNode reasoning = r.putObject("reasoning");
        reasoning.set("effort", request.path("reasoning").path("effort").isTextual()
                ? request.get("reasoning").get("effort").deepCopy() : null);
        reasoning.putNull("summary");
        r.put("store", false);
        echo(request, "temperature", r, Json.mapper().getNodeFactory().numberNode(1.0));
        ObjectNode text = r.putObject("text");
        if (request.path("text").path("format").isObject()) {
            text.set("format", request.get("text").get("format").deepCopy());
        } else {
            text.putObject("format").put("type", "text");
        }
        echo(request, "tool_choice", r, Json.mapper().getNodeFactory().textNode("auto"));
        if (request.path("tools").isArray()) {
            r.set("tools", request.get("tools").deepCopy());
        } else {
            r.putArray("tools");
        }
        echo(request, "top_p", r, Json.mapper().getNodeFactory().numberNode(1.0));
        r.put("truncation", "disabled");
        r.putNull("usage");
        echo(request, "user", r, null);
        if (request.path("metadata").isObject()) {
            r.set("metadata", request.get("metadata").deepCopy());
        } else {
            r.putObject("metadata");
        }
        return r;
    }

    private static void echo(JsonNode request, String field, ObjectNode to, JsonNode fallback) {
        JsonNode v = request.get(field);
        if (v != null && !v.isNull()) {
            to.set(field, v.deepCopy());
        } else if (fallback != null) {
            to.set(field, fallback);
        } else {
            to.putNull(field);
        }
    }

    /** The status of a message item the answer ended in: cut short by the token cap, or complete. */
    static String itemStatus(String finishReason) {
        return "length".equals(finishReason) || "content_filter".equals(finishReason) ? "incomplete" : "completed";
    }

    /** Status and incomplete details for a Chat {@code finish_reason}. */
    static void finish(ObjectNode response, String finishReason) {
        if ("length".equals(finishReason)) {
            response.put("status", "incomplete");
            response.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else if ("content_filter".equals(finishReason)) {
            response.put("status", "incomplete");
            response.putObject("incomplete_details").put("reason", "content_filter");
        } else {
            response.put("status", "completed");
        }
    }

    static ObjectNode messageItem(String id, String status) {
        ObjectNode item = object();
        item.put("id", id);
        item.put("type", "message");
        item.put("status", status);
        item.put("role", "assistant");
        item.putArray("content");
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode functionCallItem(String callId, String name, String arguments, String status) {
        ObjectNode item = object();
        item.put("id", functionCallItemId(callId));
        item.put("type", "function_call");
        item.put("status", status);
        item.put("arguments", arguments);
        item.put("call_id", callId);
        item.put("name", name);
        return item;
    }

    /** Chat usage as Responses usage. */
    static ObjectNode usage(JsonNode chatUsage) {
        long input = Fields.longOr(chatUsage, "prompt_tokens", 0);
        long output = Fields.longOr(chatUsage, "completion_tokens", 0);
        ObjectNode u = object();
        u.put("input_tokens", input);
        u.putObject("input_tokens_details")
                .put("cached_tokens", Fields.longOr(chatUsage.path("prompt_tokens_details"), "cached_tokens", 0))
                .put("cache_write_tokens", 0);
        u.put("output_tokens", output);
        u.putObject("output_tokens_details")
                .put("reasoning_tokens", Fields.longOr(chatUsage.path("completion_tokens_details"), "reasoning_tokens", 0));
        u.put("total_tokens", Fields.longOr(chatUsage, "total_tokens", input + output));
        return u;
    }
}
