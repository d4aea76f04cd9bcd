package dev.switchboard.gateway.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import dev.switchboard.gateway.upstream.Surface;

/** An Anthropic Messages client served by an OpenAI Chat Completions upstream. */
final class MessagesViaChat implements CrossSurfaceAdapter {
    private final DroppedParams dropped = new DroppedParams();
    private List<String> stopSequences = List.of();

    @Override
    public Surface clientSurface() {
        return Surface.MESSAGES;
    }

    @Override
    public Surface upstreamSurface() {
        return Surface.CHAT_COMPLETIONS;
    }

    @Override
    public ObjectNode translateRequest(ObjectNode clientRequest) {
        List<String> stops = new ArrayList<>();
        for (JsonNode s : clientRequest.path("stop_sequences")) {
            stops.add(s.asText());
        }
        stopSequences = List.copyOf(stops);
        return MessagesToChatRequest.translate(clientRequest, dropped);
    }

    @Override
    public ObjectNode translateResponse(ObjectNode upstreamResponse) {
        return ChatToMessagesResponse.translate(upstreamResponse, stopSequences);
    }

    @Override
    public ObjectNode translateError(ObjectNode upstreamError, int httpStatus) {
        return ErrorBodies.anthropic(upstreamError, httpStatus);
    }

    @Override
    public CrossSurfaceStream newStreamTranslator() {
        return new GuardedStream(new ChatToMessagesStream(stopSequences));
    }

    @Override
    public List<String> droppedParams() {
        return dropped.list();
    }
}
