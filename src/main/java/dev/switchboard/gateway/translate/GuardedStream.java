package dev.switchboard.gateway.translate;

import dev.switchboard.gateway.upstream.SseEvent;
import java.util.List;

/**
 * Keeps a stream translator from throwing into the relay: an upstream event it cannot translate ends the
 * client's stream with the client surface's error event (never a clean finish, never a scrambled answer).
 */
final class GuardedStream implements CrossSurfaceStream {
    private final CrossSurfaceStream delegate;
    private boolean failed;

    GuardedStream(CrossSurfaceStream delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<SseEvent> onEvent(SseEvent upstreamEvent) {
        if (failed) {
            return List.of();
        }
        try {
            return delegate.onEvent(upstreamEvent);
        } catch (TranslationException e) {
            return fail("The provider's stream could not be translated: " + e.getMessage());
        }
    }

    @Override
    public List<SseEvent> finish() {
        if (failed) {
            return List.of();
        }
        try {
            return delegate.finish();
        } catch (TranslationException e) {
            return fail("The provider's stream could not be translated: " + e.getMessage());
        }
    }

    @Override
    public List<SseEvent> fail(String message) {
        if (failed) {
            return List.of();
        }
        failed = true;
        return delegate.fail(message);
    }
}
