package dev.switchboard.gateway.translate;

import static dev.switchboard.gateway.translate.Fields.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** An OpenAI Chat Completions answer as an Anthropic Messages answer. */
final class ChatToMessagesResponse {
    private ChatToMessagesResponse() {
    }

    /**
     * @param stopSequences the request's stop sequences, to tell a stop sequence from a natural end when the
     *                      upstream names the one it met (vLLM's {@code stop_reason})
     */
    static ObjectNode translate(ObjectNode chat, List<String> stopSequences) {
        JsonNode choice = chat.path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode out = object();
        out.put("id", messageId(chat.path("id").asText("")));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", chat.path("model").asText(""));
        ArrayNode content = out.putArray("content");
        String reasoning = reasoning(message);
        if (!reasoning.isEmpty()) {
            content.addObject().put("type", "thinking").put("thinking", reasoning).put("signature", "");
        }
        String text = chatText(message.get("content"));
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        JsonNode toolCalls = message.path("tool_calls");
        for (int i = 0; i < toolCalls.size(); i++) {
            JsonNode call = toolCalls.get(i);
            ObjectNode block = content.addObject().put("type", "tool_use");
            block.put("id", call.path("id").asText());
            block.put("name", call.path("function").path("name").asText());
            block.set("input", Fields.parseArguments(call.path("function").path("arguments").asText(null),
                    "choices[0].message.tool_calls[" + i + "].function.arguments"));
        }
        String finish = choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : null;
        String matched = matchedStopSequence(choice, finish, stopSequences);
        if (matched != null) {
            out.put("stop_reason", "stop_sequence");
            out.put("stop_sequence", matched);
        } else {
            out.put("stop_reason", StopReasons.toMessages(finish, toolCalls.size() > 0));
            out.putNull("stop_sequence");
        }
        out.set("usage", usage(chat.path("usage")));
        return out;
    }

    static String messageId(String upstreamId) {
        return Ids.messages(upstreamId);
    }

    static String matchedStopSequence(JsonNode choice, String finish, List<String> stopSequences) {
        JsonNode reason = choice.path("stop_reason");
        if ("stop".equals(finish) && reason.isTextual() && stopSequences.contains(reason.asText())) {
            return reason.asText();
        }
        return null;
    }

    /**
     * The reasoning a local reasoning model sends beside its answer ({@code reasoning_content} from llama.cpp,
     * vLLM and DeepSeek; {@code reasoning} from Ollama and LM Studio), or empty.
     */
    static String reasoning(JsonNode messageOrDelta) {
        for (String field : new String[] {"reasoning_content", "reasoning"}) {
            JsonNode r = messageOrDelta.path(field);
            if (r.isTextual() && !r.asText().isEmpty()) {
                return r.asText();
            }
        }
        return "";
    }

    /** Chat message content (a string, or text/refusal parts) as plain text. */
    static String chatText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                sb.append(part.get("text").asText());
            } else if (part.has("refusal")) {
                sb.append(part.get("refusal").asText());
            }
        }
        return sb.toString();
    }

    /** Chat usage as Messages usage: Chat's prompt_tokens include cached tokens, Messages' input_tokens do not. */
    static ObjectNode usage(JsonNode usage) {
        long prompt = Fields.longOr(usage, "prompt_tokens", 0);
        long cached = Fields.longOr(usage.path("prompt_tokens_details"), "cached_tokens", 0);
        ObjectNode out = object();
        out.put("input_tokens", Math.max(0, prompt - cached));
        out.put("cache_creation_input_tokens", 0);
        out.put("cache_read_input_tokens", cached);
        out.put("output_tokens", Fields.longOr(usage, "completion_tokens", 0));
        return out;
    }
}
