package dev.switchboard.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An OpenAI Chat Completions answer as an OpenAI Responses {@code response} object. */
final class ChatToResponsesResponse {
    private ChatToResponsesResponse() {
    }

    static ObjectNode translate(ObjectNode chat, JsonNode request) {
        String chatId = chat.path("id").asText("");
        JsonNode choice = chat.path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode response = ResponseObjects.envelope(request, ResponseObjects.responseId(chatId),
                chat.path("created").asLong(0), chat.path("model").asText(""), "completed");
        ArrayNode output = (ArrayNode) response.get("output");
        String reasoning = ChatToMessagesResponse.reasoning(message);
        if (!reasoning.isEmpty()) {
            output.add(ResponseObjects.reasoningItem(ResponseObjects.reasoningItemId(chatId, 0), reasoning));
        }
        String text = ChatToMessagesResponse.chatText(message.get("content"));
        String finish = choice.path("finish_reason").isTextual() ? choice.get("finish_reason").asText() : null;
        if (!text.isEmpty()) {
            ObjectNode item = ResponseObjects.messageItem(ResponseObjects.messageItemId(chatId), ResponseObjects.itemStatus(finish));
            ((ArrayNode) item.get("content")).add(ResponseObjects.outputText(text));
            output.add(item);
        }
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            output.add(ResponseObjects.functionCallItem(call.path("id").asText(), function.path("name").asText(),
                    function.path("arguments").asText("{}"), "completed"));
        }
        ResponseObjects.finish(response, finish);
        response.set("usage", ResponseObjects.usage(chat.path("usage")));
        return response;
    }
}
