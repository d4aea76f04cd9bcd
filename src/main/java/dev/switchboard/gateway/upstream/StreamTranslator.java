package dev.switchboard.gateway.upstream;

import java.util.List;

/**
 * Turns one upstream stream into the client's surface, event by event. Stateful: one instance
 * per streamed answer, called from one thread at a time.
 */
public interface StreamTranslator {

    /** One upstream event in; zero or more client-surface events out, in order. */
    List<SseEvent> onEvent(SseEvent upstreamEvent);

    /**
     * The upstream stream ended cleanly; returns the closing events the client's surface expects
     * (e.g. {@code data: [DONE]} or {@code message_stop}) that were not already emitted.
     */
    List<SseEvent> finish();
}
