package dev.switchboard.gateway.translate;

import dev.switchboard.gateway.Echo;
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

/** An OpenAI Chat Completions request as an OpenAI Responses request. */
final class ChatToResponsesRequest {
    private static final Set<String> MAPPED = Set.of(
            "model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stream",
            "stream_options", "tools", "tool_choice", "parallel_tool_calls", "user", "n", "response_format",
            "reasoning_effort", "metadata", "service_tier", "safety_identifier", "prompt_cache_key");

    private ChatToResponsesRequest() {
    }

    static ObjectNode translate(ObjectNode in, DroppedParams dropped) {
        if (in.path("n").isNumber() && in.get("n").asInt() != 1) {
            throw new TranslationException("n", "OpenAI Responses returns one answer; n must be 1");
        }
        if (present(in, "functions") || present(in, "function_call")) {
            throw new TranslationException(present(in, "functions") ? "functions" : "function_call",
                    "legacy function calling cannot be translated; use tools");
        }
        ObjectNode out = object();
        copy(in, "model", out);
        ArrayNode input = out.putArray("input");
        ArrayNode messages = requireArray(in, "messages", "messages");
        for (int i = 0; i < messages.size(); i++) {
            message(messages.get(i), "messages[" + i + "]", input);
        }
        if (present(in, "max_completion_tokens")) {
            out.set("max_output_tokens", in.get("max_completion_tokens").deepCopy());
        } else {
            copy(in, "max_tokens", out, "max_output_tokens");
        }
        copy(in, "temperature", out);
        copy(in, "top_p", out);
        copy(in, "parallel_tool_calls", out);
        copy(in, "user", out);
        copy(in, "metadata", out);
        copy(in, "service_tier", out);
        copy(in, "safety_identifier", out);
        copy(in, "prompt_cache_key", out);
        if (present(in, "tools")) {
            ArrayNode tools = tools(requireArray(in, "tools", "tools"));
            if (!tools.isEmpty()) {
                out.set("tools", tools);
            }
        }
        if (present(in, "tool_choice")) {
            JsonNode choice = in.get("tool_choice");
            if (choice.isTextual()) {
                out.set("tool_choice", choice.deepCopy());
            } else {
                String type = requireString(choice, "type", "tool_choice.type");
                if (!type.equals("function")) {
                    throw new TranslationException("tool_choice.type", "a " + Echo.of(type) + " tool choice cannot be expressed in OpenAI Responses");
                }
                out.putObject("tool_choice").put("type", "function")
                        .put("name", requireString(choice.path("function"), "name", "tool_choice.function.name"));
            }
        }
        responseFormat(in.get("response_format"), out);
        if (present(in, "reasoning_effort")) {
            out.putObject("reasoning").set("effort", in.get("reasoning_effort").deepCopy());
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

    private static void message(JsonNode message, String path, ArrayNode input) {
        String role = requireString(message, "role", path + ".role");
        JsonNode content = message.get("content");
        switch (role) {
            case "system", "developer", "user" -> {
                ObjectNode item = input.addObject().put("type", "message").put("role", role);
                item.set("content", userContent(content, path + ".content", role.equals("user")));
            }
            case "assistant" -> {
                String text = ChatToMessagesResponse.chatText(content);
                if (!text.isEmpty()) {
                    ObjectNode item = input.addObject().put("type", "message").put("role", "assistant");
                    item.putArray("content").addObject().put("type", "output_text").put("text", text);
                }
                JsonNode calls = message.path("tool_calls");
                for (int j = 0; j < calls.size(); j++) {
                    JsonNode call = calls.get(j);
                    String callPath = path + ".tool_calls[" + j + "]";
                    String arguments = string(call.path("function"), "arguments", callPath + ".function.arguments");
                    input.addObject().put("type", "function_call")
                            .put("call_id", requireString(call, "id", callPath + ".id"))
                            .put("name", requireString(call.path("function"), "name", callPath + ".function.name"))
                            .put("arguments", arguments == null ? "{}" : arguments);
                }
            }
            case "tool" -> input.addObject().put("type", "function_call_output")
                    .put("call_id", requireString(message, "tool_call_id", path + ".tool_call_id"))
                    .put("output", ChatToMessagesResponse.chatText(content));
            default -> throw new TranslationException(path + ".role",
                    "a " + Echo.of(role) + " message cannot be expressed in OpenAI Responses");
        }
    }

    private static JsonNode userContent(JsonNode content, String path, boolean imagesAllowed) {
        if (content == null || content.isNull()) {
            throw new TranslationException(path, "is required");
        }
        if (content.isTextual()) {
            return content.deepCopy();
        }
        if (!content.isArray()) {
            throw new TranslationException(path, "must be a string or an array of parts");
        }
        ArrayNode parts = Fields.array();
        for (int k = 0; k < content.size(); k++) {
            JsonNode part = content.get(k);
            String partPath = path + "[" + k + "]";
            String type = requireString(part, "type", partPath + ".type");
            switch (type) {
                case "text" -> parts.addObject().put("type", "input_text").put("text", requireString(part, "text", partPath + ".text"));
                case "image_url" -> {
                    if (!imagesAllowed) {
                        throw new TranslationException(partPath + ".type", "only user messages can carry images");
                    }
                    JsonNode imageUrl = part.path("image_url");
                    String url = imageUrl.isTextual() ? imageUrl.asText() : requireString(imageUrl, "url", partPath + ".image_url.url");
                    ObjectNode image = parts.addObject().put("type", "input_image").put("image_url", url);
                    image.put("detail", imageUrl.path("detail").asText("auto"));
                }
                default -> throw new TranslationException(partPath + ".type",
                        "a " + Echo.of(type) + " part cannot be expressed in OpenAI Responses");
            }
        }
        return parts;
    }

    private static ArrayNode tools(ArrayNode tools) {
        ArrayNode out = Fields.array();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String path = "tools[" + i + "]";
            String type = requireString(tool, "type", path + ".type");
            if (!type.equals("function")) {
                throw new TranslationException(path + ".type", "a " + Echo.of(type) + " tool cannot be expressed in OpenAI Responses");
            }
            JsonNode function = tool.path("function");
            ObjectNode t = out.addObject().put("type", "function")
                    .put("name", requireString(function, "name", path + ".function.name"));
            copy(function, "description", t);
            if (present(function, "parameters")) {
                t.set("parameters", function.get("parameters").deepCopy());
            } else {
                t.putObject("parameters").put("type", "object").putObject("properties");
            }
            // Responses makes function tools strict unless told otherwise; Chat does not.
            t.put("strict", function.path("strict").asBoolean(false));
        }
        return out;
    }

    private static void responseFormat(JsonNode format, ObjectNode out) {
        if (format == null || format.isNull()) {
            return;
        }
        String type = requireString(format, "type", "response_format.type");
        switch (type) {
            case "text" -> {
            }
            case "json_object" -> out.putObject("text").putObject("format").put("type", "json_object");
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema");
                ObjectNode f = out.putObject("text").putObject("format").put("type", "json_schema")
                        .put("name", requireString(schema, "name", "response_format.json_schema.name"));
                copy(schema, "description", f);
                copy(schema, "schema", f);
                copy(schema, "strict", f);
            }
            default -> throw new TranslationException("response_format.type", "unknown format " + Echo.of(type));
        }
    }
}
