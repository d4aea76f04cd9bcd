package dev.switchboard.gateway.translate;

import static dev.switchboard.gateway.translate.Fields.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An Anthropic Messages answer as an OpenAI Chat Completions answer. */
final class MessagesToChatResponse {
    private MessagesToChatResponse() {
    }

    static ObjectNode translate(ObjectNode message, long created) {
        ObjectNode out = object();
        out.put("id", completionId(message.path("id").asText("")));
        out.put("object", "chat.completion");
        out.put("created", created);
        out.put("model", message.path("model").asText(""));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode m = choice.putObject("message");
        m.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode toolCalls = Fields.array();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "thinking" -> reasoning.append(block.path("thinking").asText());
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject();
                    call.put("id", block.path("id").asText());
                    call.put("type", "function");
                    call.putObject("function").put("name", block.path("name").asText())
                            .put("arguments", Fields.write(block.path("input").isObject() ? block.get("input") : object()));
                }
                default -> {
                    // server-tool blocks have no Chat Completions form
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
        choice.put("finish_reason", StopReasons.toChat(message.path("stop_reason").asText(null)));
        out.set("usage", usage(message.path("usage")));
        return out;
    }

    static String completionId(String messageId) {
        return Ids.chat(messageId);
    }

    /** Messages usage as Chat usage: Chat's prompt_tokens count cached and cache-written input too. */
    static ObjectNode usage(JsonNode usage) {
        long cacheRead = Fields.longOr(usage, "cache_read_input_tokens", 0);
        long prompt = Fields.longOr(usage, "input_tokens", 0) + cacheRead
                + Fields.longOr(usage, "cache_creation_input_tokens", 0);
        long completion = Fields.longOr(usage, "output_tokens", 0);
        ObjectNode out = object();
        out.put("prompt_tokens", prompt);
        out.put("completion_tokens", completion);
        out.put("total_tokens", prompt + completion);
        out.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
        return out;
    }
}
