package dev.switchboard.gateway.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The provider speaks the client's surface: everything goes through unchanged. */
final class PassThrough implements SurfaceAdapter {
    private final Surface surface;

    PassThrough(Surface surface) {
        this.surface = surface;
    }

    @Override
    public Surface clientSurface() {
        return surface;
    }

    @Override
    public Surface upstreamSurface() {
        return surface;
    }

    @Override
    public ObjectNode translateRequest(ObjectNode clientRequest) {
        return clientRequest;
    }

    @Override
    public ObjectNode translateResponse(ObjectNode upstreamResponse) {
        return upstreamResponse;
    }

    @Override
    public ObjectNode translateError(ObjectNode upstreamError, int httpStatus) {
        return upstreamError;
    }

    @Override
    public StreamTranslator newStreamTranslator() {
        return new StreamTranslator() {
            @Override
            public List<SseEvent> onEvent(SseEvent upstream) {
                return List.of(upstream);
            }

            @Override
            public List<SseEvent> finish() {
                return List.of();
            }

            @Override
            public List<SseEvent> fail(String message) {
                return List.of();
            }
        };
    }

    @Override
    public List<String> droppedParams() {
        return List.of();
    }
}
