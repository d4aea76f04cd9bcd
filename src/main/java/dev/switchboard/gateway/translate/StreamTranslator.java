package dev.switchboard.gateway.translate;

import java.util.List;

/**
 * Re-emits one upstream stream as the client surface's own events. Stateful: one instance per stream,
 * fed the upstream events in order, from one thread at a time.
 */
public interface StreamTranslator {
    /** The client events one upstream event produces (often none, sometimes several). */
    List<SseEvent> onEvent(SseEvent upstream);

    /**
     * The upstream stream ended cleanly: the closing events the client has not seen yet
     * (none if the upstream's own end marker already produced them). Safe to call more than once.
     */
    List<SseEvent> finish();

    /** The stream broke after it began: the client surface's error event, never a clean finish. */
    List<SseEvent> fail(String message);
}
