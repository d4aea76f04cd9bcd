package dev.switchboard.gateway.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import dev.switchboard.gateway.upstream.Surface;

/** An OpenAI Chat Completions client served by an Anthropic Messages upstream. */
final class ChatViaMessages implements CrossSurfaceAdapter {
    private final DroppedParams dropped = new DroppedParams();
    private final Clock clock;
    private boolean includeUsage;

    ChatViaMessages(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Surface clientSurface() {
        return Surface.CHAT_COMPLETIONS;
    }

    @Override
    public Surface upstreamSurface() {
        return Surface.MESSAGES;
    }

    @Override
    public ObjectNode translateRequest(ObjectNode clientRequest) {
        includeUsage = clientRequest.path("stream_options").path("include_usage").asBoolean(false);
        return ChatToMessagesRequest.translate(clientRequest, dropped);
    }

    @Override
    public ObjectNode translateResponse(ObjectNode upstreamResponse) {
        return MessagesToChatResponse.translate(upstreamResponse, clock.instant().getEpochSecond());
    }

    @Override
    public ObjectNode translateError(ObjectNode upstreamError, int httpStatus) {
        return ErrorBodies.openAi(upstreamError, httpStatus);
    }

    @Override
    public CrossSurfaceStream newStreamTranslator() {
        return new GuardedStream(new MessagesToChatStream(includeUsage, clock.instant().getEpochSecond()));
    }

    @Override
    public List<String> droppedParams() {
        return dropped.list();
    }
}
