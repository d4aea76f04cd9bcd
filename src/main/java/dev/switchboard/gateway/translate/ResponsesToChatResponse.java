package dev.switchboard.gateway.translate;

import static dev.switchboard.gateway.translate.Fields.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An OpenAI Responses {@code response} object as an OpenAI Chat Completions answer. */
final class ResponsesToChatResponse {
    private ResponsesToChatResponse() {
    }

    static ObjectNode translate(ObjectNode response) {
        ObjectNode out = object();
        out.put("id", MessagesToChatResponse.completionId(response.path("id").asText("")));
        out.put("object", "chat.completion");
        out.put("created", response.path("created_at").asLong(0));
        out.put("model", response.path("model").asText(""));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode m = choice.putObject("message").put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode toolCalls = Fields.array();
        for (JsonNode item : response.path("output")) {
            switch (item.path("type").asText()) {
                case "message" -> {
                    for (JsonNode part : item.path("content")) {
                        if (part.has("text")) {
                            text.append(part.get("text").asText());
                        } else if (part.has("refusal")) {
                            text.append(part.get("refusal").asText());
                        }
                    }
                }
                case "reasoning" -> {
                    for (JsonNode part : item.path("content")) {
                        reasoning.append(part.path("text").asText(""));
                    }
                }
                case "function_call" -> {
                    ObjectNode call = toolCalls.addObject().put("id", item.path("call_id").asText()).put("type", "function");
                    call.putObject("function").put("name", item.path("name").asText())
                            .put("arguments", item.path("arguments").asText("{}"));
                }
                default -> {
                    // hosted-tool items have no Chat Completions form
                }
            }
        }
        if (text.length() > 0 || toolCalls.isEmpty()) {
            m.put("content", text.toString());
        } else {
            m.putNull("content");
        }
        if (reasoning.length() > 0) {
            m.put("reasoning_content", reasoning.toString());
        }
        m.putNull("refusal");
        if (!toolCalls.isEmpty()) {
            m.set("tool_calls", toolCalls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(response, !toolCalls.isEmpty()));
        out.set("usage", usage(response.path("usage")));
        return out;
    }

    static String finishReason(JsonNode response, boolean calledTools) {
        String reason = response.path("incomplete_details").path("reason").asText("");
        if ("incomplete".equals(response.path("status").asText())) {
            return reason.equals("content_filter") ? "content_filter" : "length";
        }
        return calledTools ? "tool_calls" : "stop";
    }

    static ObjectNode usage(JsonNode usage) {
        long input = Fields.longOr(usage, "input_tokens", 0);
        long output = Fields.longOr(usage, "output_tokens", 0);
        ObjectNode out = object();
        out.put("prompt_tokens", input);
        out.put("completion_tokens", output);
        out.put("total_tokens", Fields.longOr(usage, "total_tokens", input + output));
        out.putObject("prompt_tokens_details")
                .put("cached_tokens", Fields.longOr(usage.path("input_tokens_details"), "cached_tokens", 0));
        out.putObject("completion_tokens_details")
                .put("reasoning_tokens", Fields.longOr(usage.path("output_tokens_details"), "reasoning_tokens", 0));
        return out;
    }
}
