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

/** An OpenAI Chat Completions request as an Anthropic Messages request. */
final class ChatToMessagesRequest {
    /** Messages requires {@code max_tokens}; a Chat request may leave it out. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private static final Set<String> MAPPED = Set.of(
            "model", "messages", "max_tokens", "max_completion_tokens", "stop", "temperature", "top_p", "stream",
            "stream_options", "tools", "tool_choice", "parallel_tool_calls", "user", "n");

    private ChatToMessagesRequest() {
    }

    static ObjectNode translate(ObjectNode in, DroppedParams dropped) {
        if (in.path("n").isNumber() && in.get("n").asInt() != 1) {
            throw new TranslationException("n", "Anthropic Messages returns one choice; n must be 1");
        }
        if (present(in, "functions") || present(in, "function_call")) {
            throw new TranslationException(present(in, "functions") ? "functions" : "function_call",
                    "legacy function calling cannot be translated; use tools");
        }
        ObjectNode out = object();
        copy(in, "model", out);
        ArrayNode system = array();
        ArrayNode messages = array();
        ArrayNode inMessages = requireArray(in, "messages", "messages");
        for (int i = 0; i < inMessages.size(); i++) {
            message(inMessages.get(i), "messages[" + i + "]", system, messages, dropped);
        }
        if (system.size() == 1) {
            out.set("system", system.get(0).get("text"));
        } else if (!system.isEmpty()) {
            out.set("system", system);
        }
        out.set("messages", messages);
        if (present(in, "max_completion_tokens")) {
            out.set("max_tokens", in.get("max_completion_tokens").deepCopy());
        } else if (present(in, "max_tokens")) {
            out.set("max_tokens", in.get("max_tokens").deepCopy());
        } else {
            out.put("max_tokens", DEFAULT_MAX_TOKENS);
        }
        JsonNode stop = in.get("stop");
        if (stop != null && stop.isTextual()) {
            out.putArray("stop_sequences").add(stop.asText());
        } else if (stop != null && stop.isArray() && !stop.isEmpty()) {
            out.set("stop_sequences", stop.deepCopy());
        }
        copy(in, "temperature", out);
        copy(in, "top_p", out);
        if (present(in, "tools")) {
            ArrayNode tools = tools(requireArray(in, "tools", "tools"), dropped);
            if (!tools.isEmpty()) {
                out.set("tools", tools);
            }
        }
        toolChoice(in, out);
        if (present(in, "user")) {
            out.putObject("metadata").set("user_id", in.get("user").deepCopy());
        }
        if (in.path("stream").asBoolean(false)) {
            out.put("stream", true);
        }
        for (Map.Entry<String, JsonNode> e : Fields.entries(in)) {
            if (!MAPPED.contains(e.getKey()) && !e.getValue().isNull()) {
                dropped.add(e.getKey());
            }
        }
        return out;
    }

    private static void message(JsonNode message, String path, ArrayNode system, ArrayNode out, DroppedParams dropped) {
        String role = requireString(message, "role", path + ".role");
        JsonNode content = message.get("content");
        switch (role) {
            case "system", "developer" -> {
                String text = textOnly(content, path + ".content");
                if (!text.isEmpty()) {
                    system.addObject().put("type", "text").put("text", text);
                }
            }
            case "user" -> append(out, "user", userBlocks(content, path + ".content", dropped));
            case "assistant" -> append(out, "assistant", assistantBlocks(message, path));
            case "tool" -> {
                ObjectNode result = object().put("type", "tool_result")
                        .put("tool_use_id", requireString(message, "tool_call_id", path + ".tool_call_id"));
                result.put("content", textOnly(content, path + ".content"));
                ArrayNode blocks = array();
                blocks.add(result);
                append(out, "user", blocks);
            }
            default -> throw new TranslationException(path + ".role",
                    "a " + Echo.of(role) + " message cannot be expressed in Anthropic Messages");
        }
    }

    /** Adds blocks as a turn, joining them to the previous turn of the same role (tool results and the user's next words). */
    private static void append(ArrayNode out, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        if (!out.isEmpty()) {
            JsonNode last = out.get(out.size() - 1);
            if (role.equals(last.path("role").asText())) {
                ((ArrayNode) last.get("content")).addAll(blocks);
                return;
            }
        }
        ObjectNode turn = out.addObject().put("role", role);
        turn.set("content", blocks);
    }

    private static String textOnly(JsonNode content, String path) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw new TranslationException(path, "must be a string or an array of text parts");
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < content.size(); k++) {
            JsonNode part = content.get(k);
            String type = requireString(part, "type", path + "[" + k + "].type");
            if (!type.equals("text")) {
                throw new TranslationException(path + "[" + k + "].type",
                        "only text parts can be expressed here in Anthropic Messages");
            }
            sb.append(requireString(part, "text", path + "[" + k + "].text"));
        }
        return sb.toString();
    }

    private static ArrayNode userBlocks(JsonNode content, String path, DroppedParams dropped) {
        ArrayNode blocks = array();
        if (content == null || content.isNull()) {
            throw new TranslationException(path, "is required");
        }
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", content.asText());
            }
            return blocks;
        }
        if (!content.isArray()) {
            throw new TranslationException(path, "must be a string or an array of parts");
        }
        for (int k = 0; k < content.size(); k++) {
            JsonNode part = content.get(k);
            String partPath = path + "[" + k + "]";
            String type = requireString(part, "type", partPath + ".type");
            switch (type) {
                case "text" -> {
                    String text = requireString(part, "text", partPath + ".text");
                    if (!text.isEmpty()) {
                        blocks.addObject().put("type", "text").put("text", text);
                    }
                }
                case "image_url" -> blocks.add(imageBlock(part, partPath, dropped));
                default -> throw new TranslationException(partPath + ".type",
                        "a " + Echo.of(type) + " part cannot be expressed in Anthropic Messages");
            }
        }
        return blocks;
    }

    static ObjectNode imageBlock(JsonNode part, String path, DroppedParams dropped) {
        JsonNode imageUrl = part.get("image_url");
        String url = imageUrl != null && imageUrl.isTextual() ? imageUrl.asText()
                : requireString(imageUrl == null ? object() : imageUrl, "url", path + ".image_url.url");
        if (imageUrl != null && imageUrl.isObject() && present(imageUrl, "detail")
                && !"auto".equals(imageUrl.get("detail").asText())) {
            dropped.add("image_url.detail");
        }
        ObjectNode block = object().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !meta.endsWith(";base64")) {
                throw new TranslationException(path + ".image_url.url", "a data URL must be base64-encoded");
            }
            source.put("type", "base64")
                    .put("media_type", meta.substring(0, meta.length() - ";base64".length()))
                    .put("data", url.substring(comma + 1));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            source.put("type", "url").put("url", url);
        } else {
            throw new TranslationException(path + ".image_url.url", "must be an http(s) or base64 data URL");
        }
        return block;
    }

    private static ArrayNode assistantBlocks(JsonNode message, String path) {
        ArrayNode blocks = array();
        JsonNode content = message.get("content");
        String text;
        if (content != null && content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < content.size(); k++) {
                JsonNode part = content.get(k);
                String type = requireString(part, "type", path + ".content[" + k + "].type");
                switch (type) {
                    case "text" -> sb.append(requireString(part, "text", path + ".content[" + k + "].text"));
                    case "refusal" -> sb.append(requireString(part, "refusal", path + ".content[" + k + "].refusal"));
                    default -> throw new TranslationException(path + ".content[" + k + "].type",
                            "a " + Echo.of(type) + " part cannot be expressed in Anthropic Messages");
                }
            }
            text = sb.toString();
        } else {
            text = content == null || content.isNull() ? "" : content.asText();
        }
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
        JsonNode calls = message.path("tool_calls");
        for (int j = 0; j < calls.size(); j++) {
            JsonNode call = calls.get(j);
            String callPath = path + ".tool_calls[" + j + "]";
            String type = string(call, "type", callPath + ".type");
            if (type != null && !type.equals("function")) {
                throw new TranslationException(callPath + ".type", "a " + Echo.of(type) + " tool call cannot be expressed in Anthropic Messages");
            }
            JsonNode function = call.path("function");
            ObjectNode block = blocks.addObject().put("type", "tool_use");
            block.put("id", requireString(call, "id", callPath + ".id"));
            block.put("name", requireString(function, "name", callPath + ".function.name"));
            block.set("input", Fields.parseArguments(string(function, "arguments", callPath + ".function.arguments"),
                    callPath + ".function.arguments"));
        }
        return blocks;
    }

    private static ArrayNode tools(ArrayNode tools, DroppedParams dropped) {
        ArrayNode out = array();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String path = "tools[" + i + "]";
            String type = requireString(tool, "type", path + ".type");
            if (!type.equals("function")) {
                throw new TranslationException(path + ".type", "a " + Echo.of(type) + " tool cannot be expressed in Anthropic Messages");
            }
            JsonNode function = tool.path("function");
            ObjectNode t = out.addObject().put("name", requireString(function, "name", path + ".function.name"));
            copy(function, "description", t);
            if (present(function, "parameters")) {
                t.set("input_schema", function.get("parameters").deepCopy());
            } else {
                t.putObject("input_schema").put("type", "object").putObject("properties");
            }
            if (present(function, "strict")) {
                dropped.add("tools.function.strict");
            }
        }
        return out;
    }

    private static void toolChoice(JsonNode in, ObjectNode out) {
        JsonNode choice = in.get("tool_choice");
        boolean noParallel = in.path("parallel_tool_calls").isBoolean() && !in.get("parallel_tool_calls").asBoolean();
        ObjectNode c = null;
        if (choice != null && choice.isTextual()) {
            c = switch (choice.asText()) {
                case "auto" -> object().put("type", "auto");
                case "none" -> object().put("type", "none");
                case "required" -> object().put("type", "any");
                default -> throw new TranslationException("tool_choice", "unknown tool choice " + choice.asText());
            };
        } else if (choice != null && choice.isObject()) {
            String type = requireString(choice, "type", "tool_choice.type");
            if (!type.equals("function")) {
                throw new TranslationException("tool_choice.type", "a " + Echo.of(type) + " tool choice cannot be expressed in Anthropic Messages");
            }
            c = object().put("type", "tool").put("name", requireString(choice.path("function"), "name", "tool_choice.function.name"));
        }
        if (noParallel && out.has("tools")) {
            if (c == null) {
                c = object().put("type", "auto");
            }
            if (!c.path("type").asText().equals("none")) {
                c.put("disable_parallel_tool_use", true);
            }
        }
        if (c != null && out.has("tools")) {
            out.set("tool_choice", c);
        }
    }
}
