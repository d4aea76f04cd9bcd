package dev.switchboard.gateway.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import dev.switchboard.gateway.upstream.Surface;

/** An OpenAI Chat Completions client served by an OpenAI Responses upstream. */
final class ChatViaResponses implements CrossSurfaceAdapter {
    private final DroppedParams dropped = new DroppedParams();
    private final Clock clock;
    private boolean includeUsage;

    ChatViaResponses(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Surface clientSurface() {
        return Surface.CHAT_COMPLETIONS;
    }

    @Override
    public Surface upstreamSurface() {
        return Surface.RESPONSES;
    }

    @Override
    public ObjectNode translateRequest(ObjectNode clientRequest) {
        includeUsage = clientRequest.path("stream_options").path("include_usage").asBoolean(false);
        return ChatToResponsesRequest.translate(clientRequest, dropped);
    }

    @Override
    public ObjectNode translateResponse(ObjectNode upstreamResponse) {
        return ResponsesToChatResponse.translate(upstreamResponse);
    }

    @Override
    public ObjectNode translateError(ObjectNode upstreamError, int httpStatus) {
        return ErrorBodies.openAi(upstreamError, httpStatus);
    }

    @Override
    public CrossSurfaceStream newStreamTranslator() {
        return new GuardedStream(new ResponsesToChatStream(includeUsage, clock.instant().getEpochSecond()));
    }

    @Override
    public List<String> droppedParams() {
        return dropped.list();
    }
}
