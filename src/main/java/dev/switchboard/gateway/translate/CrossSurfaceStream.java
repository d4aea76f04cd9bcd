package dev.switchboard.gateway.translate;

import dev.switchboard.gateway.upstream.SseEvent;
import dev.switchboard.gateway.upstream.StreamTranslator;
import java.util.List;

/** A {@link StreamTranslator} that can also end a broken stream the client surface's way. */
public interface CrossSurfaceStream extends StreamTranslator {
    /**
     * The upstream stream broke after it began: the client surface's error event, never a clean finish.
     * Nothing is emitted after it.
     */
    List<SseEvent> fail(String message);
}
