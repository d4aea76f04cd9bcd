package dev.switchboard.gateway.translate;

import dev.switchboard.gateway.Echo;
import static dev.switchboard.gateway.translate.Fields.array;
import static dev.switchboard.gateway.translate.Fields.copy;
import static dev.switchboard.gateway.translate.Fields.object;
import static dev.switchboard.gateway.translate.Fields.present;
import static dev.switchboard.gateway.translate.Fields.requireArray;
import static dev.switchboard.gateway.translate.Fields.requireString;
import static dev.switchboard.gateway.translate.Fields.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/** An Anthropic Messages request as an OpenAI Chat Completions request. */
final class MessagesToChatRequest {
    /** Top-level Messages fields this mapping expresses; every other one is dropped and reported. */
    private static final Set<String> MAPPED = Set.of(
            "model", "messages", "system", "max_tokens", "stop_sequences", "temperature", "top_p",
            "stream", "tools", "tool_choice", "metadata");

    private MessagesToChatRequest() {
    }

    static ObjectNode translate(ObjectNode in, DroppedParams dropped) {
        ObjectNode out = object();
        copy(in, "model", out);
        ArrayNode messages = out.putArray("messages");
        system(in.get("system"), messages, dropped);
        ArrayNode inMessages = requireArray(in, "messages", "messages");
        for (int i = 0; i < inMessages.size(); i++) {
            message(inMessages.get(i), "messages[" + i + "]", messages, dropped);
        }
        copy(in, "max_tokens", out);
        if (present(in, "stop_sequences")) {
            out.set("stop", in.get("stop_sequences").deepCopy());
        }
        copy(in, "temperature", out);
        copy(in, "top_p", out);
        if (present(in, "tools")) {
            ArrayNode tools = requireArray(in, "tools", "tools");
            if (!tools.isEmpty()) {
                out.set("tools", tools(tools, dropped));
            }
        }
        // Chat servers refuse tool_choice and parallel_tool_calls without tools; without tools they mean nothing.
        if (present(in, "tool_choice") && out.has("tools")) {
            toolChoice(in.get("tool_choice"), out);
        }
        if (present(in, "metadata")) {
            for (Map.Entry<String, JsonNode> e : Fields.entries(in.get("metadata"))) {
                if (e.getKey().equals("user_id") && e.getValue().isTextual()) {
                    out.put("user", e.getValue().asText());
                } else if (!e.getValue().isNull()) {
                    dropped.add("metadata." + e.getKey());
                }
            }
        }
        if (in.path("stream").asBoolean(false)) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        for (Map.Entry<String, JsonNode> e : Fields.entries(in)) {
            if (!MAPPED.contains(e.getKey()) && !e.getValue().isNull()) {
                dropped.add(e.getKey());
            }
        }
        return out;
    }

    private static void system(JsonNode system, ArrayNode messages, DroppedParams dropped) {
        if (system == null || system.isNull()) {
            return;
        }
        String text;
        if (system.isTextual()) {
            text = system.asText();
        } else if (system.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < system.size(); i++) {
                JsonNode block = system.get(i);
                String path = "system[" + i + "]";
                if (!"text".equals(string(block, "type", path + ".type"))) {
                    throw new TranslationException(path + ".type", "only text blocks can be a system prompt");
                }
                if (present(block, "cache_control")) {
                    dropped.add("cache_control");
                }
                if (sb.length() > 0) {
                    sb.append("\n\n");
                }
                sb.append(requireString(block, "text", path + ".text"));
            }
            text = sb.toString();
        } else {
            throw new TranslationException("system", "must be a string or an array of text blocks");
        }
        if (!text.isEmpty()) {
            messages.addObject().put("role", "system").put("content", text);
        }
    }

    private static void message(JsonNode message, String path, ArrayNode out, DroppedParams dropped) {
        String role = requireString(message, "role", path + ".role");
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            throw new TranslationException(path + ".content", "is required");
        }
        switch (role) {
            case "user" -> userMessage(content, path, out, dropped);
            case "assistant" -> assistantMessage(content, path, out, dropped);
            default -> throw new TranslationException(path + ".role", "must be user or assistant, not " + role);
        }
    }

    private static void userMessage(JsonNode content, String path, ArrayNode out, DroppedParams dropped) {
        if (content.isTextual()) {
            out.addObject().put("role", "user").put("content", content.asText());
            return;
        }
        if (!content.isArray()) {
            throw new TranslationException(path + ".content", "must be a string or an array of blocks");
        }
        ArrayNode parts = array();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String blockPath = path + ".content[" + j + "]";
            String type = requireString(block, "type", blockPath + ".type");
            if (present(block, "cache_control")) {
                dropped.add("cache_control");
            }
            switch (type) {
                case "text" -> parts.addObject().put("type", "text").put("text", requireString(block, "text", blockPath + ".text"));
                case "image" -> parts.add(imagePart(block, blockPath));
                case "tool_result" -> toolResult(block, blockPath, out, parts, dropped);
                default -> throw new TranslationException(blockPath + ".type",
                        "a " + Echo.of(type) + " block cannot be expressed in Chat Completions");
            }
        }
        if (!parts.isEmpty()) {
            ObjectNode user = out.addObject().put("role", "user");
            if (parts.size() == 1 && parts.get(0).path("type").asText().equals("text")) {
                user.put("content", parts.get(0).get("text").asText());
            } else {
                user.set("content", parts);
            }
        }
    }

    /** A tool_result becomes a role=tool message; images in it follow in the user message (tool messages carry text only). */
    private static void toolResult(JsonNode block, String path, ArrayNode out, ArrayNode userParts, DroppedParams dropped) {
        ObjectNode tool = out.addObject().put("role", "tool")
                .put("tool_call_id", requireString(block, "tool_use_id", path + ".tool_use_id"));
        if (block.path("is_error").asBoolean(false)) {
            dropped.add("tool_result.is_error");
        }
        JsonNode content = block.get("content");
        if (content == null || content.isNull()) {
            tool.put("content", "");
        } else if (content.isTextual()) {
            tool.put("content", content.asText());
        } else if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < content.size(); k++) {
                JsonNode inner = content.get(k);
                String innerPath = path + ".content[" + k + "]";
                String type = requireString(inner, "type", innerPath + ".type");
                switch (type) {
                    case "text" -> {
                        if (text.length() > 0) {
                            text.append('\n');
                        }
                        text.append(requireString(inner, "text", innerPath + ".text"));
                    }
                    case "image" -> userParts.add(imagePart(inner, innerPath));
                    default -> throw new TranslationException(innerPath + ".type",
                            "a " + Echo.of(type) + " block in a tool result cannot be expressed in Chat Completions");
                }
            }
            tool.put("content", text.toString());
        } else {
            throw new TranslationException(path + ".content", "must be a string or an array of blocks");
        }
    }

    static ObjectNode imagePart(JsonNode block, String path) {
        JsonNode source = block.get("source");
        if (source == null || !source.isObject()) {
            throw new TranslationException(path + ".source", "is required");
        }
        String kind = requireString(source, "type", path + ".source.type");
        String url = switch (kind) {
            case "base64" -> "data:" + requireString(source, "media_type", path + ".source.media_type")
                    + ";base64," + requireString(source, "data", path + ".source.data");
            case "url" -> requireString(source, "url", path + ".source.url");
            default -> throw new TranslationException(path + ".source.type",
                    "an image source of type " + kind + " cannot be expressed in Chat Completions");
        };
        ObjectNode part = object().put("type", "image_url");
        part.putObject("image_url").put("url", url);
        return part;
    }

    private static void assistantMessage(JsonNode content, String path, ArrayNode out, DroppedParams dropped) {
        ObjectNode assistant = object().put("role", "assistant");
        if (content.isTextual()) {
            assistant.put("content", content.asText());
            out.add(assistant);
            return;
        }
        if (!content.isArray()) {
            throw new TranslationException(path + ".content", "must be a string or an array of blocks");
        }
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = array();
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String blockPath = path + ".content[" + j + "]";
            String type = requireString(block, "type", blockPath + ".type");
            switch (type) {
                case "text" -> text.append(requireString(block, "text", blockPath + ".text"));
                case "tool_use" -> {
                    ObjectNode call = toolCalls.addObject();
                    call.put("id", requireString(block, "id", blockPath + ".id"));
                    call.put("type", "function");
                    JsonNode input = block.get("input");
                    call.putObject("function")
                            .put("name", requireString(block, "name", blockPath + ".name"))
                            .put("arguments", input == null || input.isNull() ? "{}" : Fields.write(input));
                }
                case "thinking", "redacted_thinking" -> dropped.add("thinking");
                default -> throw new TranslationException(blockPath + ".type",
                        "a " + Echo.of(type) + " block cannot be expressed in Chat Completions");
            }
        }
        if (text.length() > 0 || toolCalls.isEmpty()) {
            assistant.put("content", text.toString());
        } else {
            assistant.putNull("content");
        }
        if (!toolCalls.isEmpty()) {
            assistant.set("tool_calls", toolCalls);
        }
        out.add(assistant);
    }

    private static ArrayNode tools(ArrayNode tools, DroppedParams dropped) {
        ArrayNode out = array();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String path = "tools[" + i + "]";
            String type = string(tool, "type", path + ".type");
            if (type != null && !type.equals("custom")) {
                throw new TranslationException(path + ".type",
                        "the Anthropic tool " + type + " cannot be expressed in Chat Completions");
            }
            if (present(tool, "cache_control")) {
                dropped.add("cache_control");
            }
            ObjectNode function = object().put("name", requireString(tool, "name", path + ".name"));
            copy(tool, "description", function);
            JsonNode schema = tool.get("input_schema");
            if (schema == null || !schema.isObject()) {
                throw new TranslationException(path + ".input_schema", "is required");
            }
            function.set("parameters", schema.deepCopy());
            ObjectNode wrapped = out.addObject().put("type", "function");
            wrapped.set("function", function);
        }
        return out;
    }

    private static void toolChoice(JsonNode choice, ObjectNode out) {
        String type = requireString(choice, "type", "tool_choice.type");
        switch (type) {
            case "auto" -> out.put("tool_choice", "auto");
            case "any" -> out.put("tool_choice", "required");
            case "none" -> out.put("tool_choice", "none");
            case "tool" -> {
                ObjectNode named = out.putObject("tool_choice").put("type", "function");
                named.putObject("function").put("name", requireString(choice, "name", "tool_choice.name"));
            }
            default -> throw new TranslationException("tool_choice.type", "unknown tool choice " + Echo.of(type));
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            out.put("parallel_tool_calls", false);
        }
    }
}
