package dev.switchboard.gateway.translate;

import dev.switchboard.gateway.Echo;
import static dev.switchboard.gateway.translate.Fields.array;
import static dev.switchboard.gateway.translate.Fields.copy;
import static dev.switchboard.gateway.translate.Fields.object;
import static dev.switchboard.gateway.translate.Fields.present;
import static dev.switchboard.gateway.translate.Fields.requireString;
import static dev.switchboard.gateway.translate.Fields.string;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/** An OpenAI Responses request as an OpenAI Chat Completions request. */
final class ResponsesToChatRequest {
    private static final Set<String> MAPPED = Set.of(
            "model", "input", "instructions", "tools", "tool_choice", "max_output_tokens", "temperature", "top_p",
            "stream", "parallel_tool_calls", "user", "text", "reasoning", "previous_response_id", "conversation",
            "safety_identifier", "prompt_cache_key", "service_tier");

    private ResponsesToChatRequest() {
    }

    static ObjectNode translate(ObjectNode in, DroppedParams dropped) {
        if (present(in, "previous_response_id")) {
            throw new TranslationException("previous_response_id",
                    "the upstream speaks Chat Completions and keeps no stored responses; send the whole conversation in input");
        }
        if (present(in, "conversation")) {
            throw new TranslationException("conversation",
                    "the upstream speaks Chat Completions and keeps no conversations; send the whole conversation in input");
        }
        ObjectNode out = object();
        copy(in, "model", out);
        ArrayNode messages = out.putArray("messages");
        String instructions = string(in, "instructions", "instructions");
        if (instructions != null && !instructions.isEmpty()) {
            messages.addObject().put("role", "system").put("content", instructions);
        }
        JsonNode input = in.get("input");
        if (input == null || input.isNull()) {
            throw new TranslationException("input", "is required");
        } else if (input.isTextual()) {
            messages.addObject().put("role", "user").put("content", input.asText());
        } else if (input.isArray()) {
            for (int i = 0; i < input.size(); i++) {
                item(input.get(i), "input[" + i + "]", messages, dropped);
            }
        } else {
            throw new TranslationException("input", "must be a string or an array of items");
        }
        copy(in, "max_output_tokens", out, "max_tokens");
        copy(in, "temperature", out);
        copy(in, "top_p", out);
        copy(in, "user", out);
        copy(in, "safety_identifier", out);
        copy(in, "prompt_cache_key", out);
        copy(in, "service_tier", out);
        if (present(in, "tools")) {
            ArrayNode tools = tools(in.get("tools"));
            if (!tools.isEmpty()) {
                out.set("tools", tools);
            }
        }
        // Chat servers refuse tool_choice and parallel_tool_calls without tools; without tools they mean nothing.
        if (out.has("tools")) {
            if (present(in, "tool_choice")) {
                out.set("tool_choice", toolChoice(in.get("tool_choice")));
            }
            copy(in, "parallel_tool_calls", out);
        }
        text(in.get("text"), out, dropped);
        if (present(in, "reasoning")) {
            for (Map.Entry<String, JsonNode> e : Fields.entries(in.get("reasoning"))) {
                if (e.getKey().equals("effort") && e.getValue().isTextual()) {
                    out.put("reasoning_effort", e.getValue().asText());
                } else if (!e.getValue().isNull()) {
                    dropped.add("reasoning." + e.getKey());
                }
            }
        }
        if (in.path("stream").asBoolean(false)) {
            out.put("stream", true);
            out.putObject("stream_options").put("include_usage", true);
        }
        for (Map.Entry<String, JsonNode> e : Fields.entries(in)) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (MAPPED.contains(key) || v.isNull()) {
                continue;
            }
            if (!harmless(key, v)) {
                dropped.add(key);
            }
        }
        return out;
    }

    /** A field whose value asks for nothing the upstream would do differently without it. */
    private static boolean harmless(String key, JsonNode v) {
        return switch (key) {
            case "store" -> v.isBoolean();
            case "background" -> !v.asBoolean(false);
            case "truncation" -> "disabled".equals(v.asText());
            case "include", "metadata" -> v.isContainerNode() && v.isEmpty();
            default -> false;
        };
    }

    private static void item(JsonNode item, String path, ArrayNode messages, DroppedParams dropped) {
        Fields.requireObject(item, path);
        String type = string(item, "type", path + ".type");
        if (type == null || type.equals("message")) {
            message(item, path, messages);
            return;
        }
        switch (type) {
            case "function_call" -> {
                ObjectNode assistant = trailingAssistant(messages);
                ArrayNode calls = assistant.has("tool_calls") ? (ArrayNode) assistant.get("tool_calls") : assistant.putArray("tool_calls");
                ObjectNode call = calls.addObject();
                call.put("id", requireString(item, "call_id", path + ".call_id"));
                call.put("type", "function");
                String arguments = string(item, "arguments", path + ".arguments");
                call.putObject("function")
                        .put("name", requireString(item, "name", path + ".name"))
                        .put("arguments", arguments == null ? "{}" : arguments);
            }
            case "function_call_output" -> {
                ObjectNode tool = messages.addObject().put("role", "tool")
                        .put("tool_call_id", requireString(item, "call_id", path + ".call_id"));
                JsonNode output = item.get("output");
                if (output != null && output.isArray()) {
                    StringBuilder text = new StringBuilder();
                    for (int k = 0; k < output.size(); k++) {
                        JsonNode part = output.get(k);
                        String partType = requireString(part, "type", path + ".output[" + k + "].type");
                        if (!partType.equals("input_text") && !partType.equals("output_text")) {
                            throw new TranslationException(path + ".output[" + k + "].type",
                                    "a " + partType + " tool output cannot be expressed in Chat Completions");
                        }
                        text.append(requireString(part, "text", path + ".output[" + k + "].text"));
                    }
                    tool.put("content", text.toString());
                } else {
                    tool.put("content", requireString(item, "output", path + ".output"));
                }
            }
            case "reasoning" -> dropped.add("input.reasoning");
            default -> throw new TranslationException(path + ".type",
                    "a " + Echo.of(type) + " item cannot be expressed in Chat Completions");
        }
    }

    /** Function calls join the assistant message right before them, as Chat keeps them on one message. */
    private static ObjectNode trailingAssistant(ArrayNode messages) {
        if (!messages.isEmpty()) {
            JsonNode last = messages.get(messages.size() - 1);
            if ("assistant".equals(last.path("role").asText())) {
                return (ObjectNode) last;
            }
        }
        return messages.addObject().put("role", "assistant").putNull("content");
    }

    private static void message(JsonNode item, String path, ArrayNode messages) {
        String role = requireString(item, "role", path + ".role");
        if (!Set.of("user", "assistant", "system", "developer").contains(role)) {
            throw new TranslationException(path + ".role", "unknown role " + Echo.of(role));
        }
        JsonNode content = item.get("content");
        ObjectNode out = object().put("role", role.equals("developer") ? "system" : role);
        if (content == null || content.isNull()) {
            throw new TranslationException(path + ".content", "is required");
        }
        if (content.isTextual()) {
            out.put("content", content.asText());
        } else if (content.isArray()) {
            ArrayNode parts = array();
            boolean allText = true;
            for (int k = 0; k < content.size(); k++) {
                JsonNode part = content.get(k);
                String partPath = path + ".content[" + k + "]";
                String type = requireString(part, "type", partPath + ".type");
                switch (type) {
                    case "input_text", "output_text" -> parts.addObject().put("type", "text")
                            .put("text", requireString(part, "text", partPath + ".text"));
                    case "refusal" -> parts.addObject().put("type", "text")
                            .put("text", requireString(part, "refusal", partPath + ".refusal"));
                    case "input_image" -> {
                        if (!role.equals("user")) {
                            throw new TranslationException(partPath + ".type", "only user messages can carry images in Chat Completions");
                        }
                        String url = string(part, "image_url", partPath + ".image_url");
                        if (url == null) {
                            throw new TranslationException(partPath + ".file_id",
                                    "an image given by file id cannot be expressed in Chat Completions; give image_url");
                        }
                        ObjectNode imageUrl = parts.addObject().put("type", "image_url").putObject("image_url").put("url", url);
                        String detail = string(part, "detail", partPath + ".detail");
                        if (detail != null) {
                            imageUrl.put("detail", detail);
                        }
                        allText = false;
                    }
                    default -> throw new TranslationException(partPath + ".type",
                            "a " + Echo.of(type) + " part cannot be expressed in Chat Completions");
                }
            }
            if (allText) {
                StringBuilder text = new StringBuilder();
                for (JsonNode p : parts) {
                    text.append(p.get("text").asText());
                }
                out.put("content", text.toString());
            } else {
                out.set("content", parts);
            }
        } else {
            throw new TranslationException(path + ".content", "must be a string or an array of parts");
        }
        messages.add(out);
    }

    private static ArrayNode tools(JsonNode tools) {
        if (!tools.isArray()) {
            throw new TranslationException("tools", "must be an array");
        }
        ArrayNode out = array();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String path = "tools[" + i + "]";
            String type = requireString(tool, "type", path + ".type");
            if (!type.equals("function")) {
                throw new TranslationException(path + ".type",
                        "the hosted tool " + type + " cannot be expressed in Chat Completions");
            }
            ObjectNode function = object().put("name", requireString(tool, "name", path + ".name"));
            copy(tool, "description", function);
            if (present(tool, "parameters")) {
                function.set("parameters", tool.get("parameters").deepCopy());
            } else {
                function.putObject("parameters").put("type", "object").putObject("properties");
            }
            copy(tool, "strict", function);
            out.addObject().put("type", "function").set("function", function);
        }
        return out;
    }

    private static JsonNode toolChoice(JsonNode choice) {
        if (choice.isTextual()) {
            String c = choice.asText();
            if (!Set.of("auto", "none", "required").contains(c)) {
                throw new TranslationException("tool_choice", "unknown tool choice " + c);
            }
            return choice.deepCopy();
        }
        String type = requireString(choice, "type", "tool_choice.type");
        if (!type.equals("function")) {
            throw new TranslationException("tool_choice.type",
                    "a " + Echo.of(type) + " tool choice cannot be expressed in Chat Completions");
        }
        ObjectNode out = object().put("type", "function");
        out.putObject("function").put("name", requireString(choice, "name", "tool_choice.name"));
        return out;
    }

    /** {@code text.format} becomes {@code response_format}; the rest of {@code text} has no Chat equivalent. */
    private static void text(JsonNode text, ObjectNode out, DroppedParams dropped) {
        if (text == null || text.isNull()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : Fields.entries(text)) {
            if (!e.getKey().equals("format") && !e.getValue().isNull()) {
                dropped.add("text." + e.getKey());
            }
        }
        JsonNode format = text.get("format");
        if (format == null || format.isNull()) {
            return;
        }
        String type = requireString(format, "type", "text.format.type");
        switch (type) {
            case "text" -> {
            }
            case "json_object" -> out.putObject("response_format").put("type", "json_object");
            case "json_schema" -> {
                ObjectNode schema = object().put("name", requireString(format, "name", "text.format.name"));
                copy(format, "description", schema);
                copy(format, "schema", schema);
                copy(format, "strict", schema);
                out.putObject("response_format").put("type", "json_schema").set("json_schema", schema);
            }
            default -> throw new TranslationException("text.format.type", "unknown format " + Echo.of(type));
        }
    }
}
