package dev.switchboard.gateway.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import dev.switchboard.gateway.upstream.Surface;
import dev.switchboard.gateway.upstream.SseEvent;

/** Two adapters in a row, client → middle → upstream, for pairs with no direct mapping (Responses over Messages). */
final class ComposedAdapter implements CrossSurfaceAdapter {
    private final CrossSurfaceAdapter outer;
    private final CrossSurfaceAdapter inner;

    ComposedAdapter(CrossSurfaceAdapter outer, CrossSurfaceAdapter inner) {
        if (outer.upstreamSurface() != inner.clientSurface()) {
            throw new IllegalArgumentException("adapters do not meet: " + outer.upstreamSurface() + " vs " + inner.clientSurface());
        }
        this.outer = outer;
        this.inner = inner;
    }

    @Override
    public Surface clientSurface() {
        return outer.clientSurface();
    }

    @Override
    public Surface upstreamSurface() {
        return inner.upstreamSurface();
    }

    @Override
    public ObjectNode translateRequest(ObjectNode clientRequest) {
        return inner.translateRequest(outer.translateRequest(clientRequest));
    }

    @Override
    public ObjectNode translateResponse(ObjectNode upstreamResponse) {
        return outer.translateResponse(inner.translateResponse(upstreamResponse));
    }

    @Override
    public ObjectNode translateError(ObjectNode upstreamError, int httpStatus) {
        return outer.translateError(inner.translateError(upstreamError, httpStatus), httpStatus);
    }

    @Override
    public CrossSurfaceStream newStreamTranslator() {
        CrossSurfaceStream first = inner.newStreamTranslator();
        CrossSurfaceStream second = outer.newStreamTranslator();
        return new CrossSurfaceStream() {
            @Override
            public List<SseEvent> onEvent(SseEvent upstream) {
                return feed(first.onEvent(upstream));
            }

            @Override
            public List<SseEvent> finish() {
                List<SseEvent> out = feed(first.finish());
                out.addAll(second.finish());
                return out;
            }

            @Override
            public List<SseEvent> fail(String message) {
                return second.fail(message);
            }

            private List<SseEvent> feed(List<SseEvent> middle) {
                List<SseEvent> out = new ArrayList<>();
                for (SseEvent e : middle) {
                    out.addAll(second.onEvent(e));
                }
                return out;
            }
        };
    }

    @Override
    public List<String> droppedParams() {
        DroppedParams all = new DroppedParams();
        all.addAll(outer.droppedParams());
        all.addAll(inner.droppedParams());
        return all.list();
    }
}
