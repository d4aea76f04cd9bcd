package dev.switchboard.gateway.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.gateway.upstream.SurfaceAdapter;

/**
 * A {@link SurfaceAdapter} between two different surfaces, single-use (one per exchange): it remembers what the
 * request asked for (stop sequences, whether the stream should carry usage, what to echo in a Responses object)
 * and which parameters it dropped. Request translation throws {@link TranslationException} naming the field
 * that cannot be expressed upstream.
 */
public interface CrossSurfaceAdapter extends SurfaceAdapter {
    /** An upstream error body (HTTP status ≥ 400) in the client surface's error convention. */
    ObjectNode translateError(ObjectNode upstreamError, int httpStatus);

    @Override
    CrossSurfaceStream newStreamTranslator();
}
