package dev.switchboard.gateway.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import dev.switchboard.gateway.upstream.Surface;

/** An OpenAI Responses client served by an OpenAI Chat Completions upstream. */
final class ResponsesViaChat implements CrossSurfaceAdapter {
    private final DroppedParams dropped = new DroppedParams();
    private ObjectNode request = Fields.object();

    @Override
    public Surface clientSurface() {
        return Surface.RESPONSES;
    }

    @Override
    public Surface upstreamSurface() {
        return Surface.CHAT_COMPLETIONS;
    }

    @Override
    public ObjectNode translateRequest(ObjectNode clientRequest) {
        ObjectNode translated = ResponsesToChatRequest.translate(clientRequest, dropped);
        request = clientRequest.deepCopy();
        request.remove("input");
        return translated;
    }

    @Override
    public ObjectNode translateResponse(ObjectNode upstreamResponse) {
        return ChatToResponsesResponse.translate(upstreamResponse, request);
    }

    @Override
    public ObjectNode translateError(ObjectNode upstreamError, int httpStatus) {
        return ErrorBodies.openAi(upstreamError, httpStatus);
    }

    @Override
    public CrossSurfaceStream newStreamTranslator() {
        return new GuardedStream(new ChatToResponsesStream(request));
    }

    @Override
    public List<String> droppedParams() {
        return dropped.list();
    }
}
