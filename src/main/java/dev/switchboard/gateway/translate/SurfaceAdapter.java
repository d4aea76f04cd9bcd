package dev.switchboard.gateway.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One exchange between a client surface and a different upstream surface: the request going up,
 * the answer (whole or streamed) coming back. Stateful and single-use: it remembers what the request
 * asked for (e.g. whether usage was wanted in the stream) and which parameters it had to drop.
 */
public interface SurfaceAdapter {
    Surface clientSurface();

    Surface upstreamSurface();

    /**
     * The client's request body as the upstream surface's request body. The input is not modified.
     *
     * @throws TranslationException when a field cannot be expressed upstream (answer {@code 400} naming it)
     */
    ObjectNode translateRequest(ObjectNode clientRequest);

    /** The upstream's whole (non-streamed) answer as the client surface's answer. */
    ObjectNode translateResponse(ObjectNode upstreamResponse);

    /** An upstream error body (HTTP status ≥ 400) in the client surface's error convention. */
    ObjectNode translateError(ObjectNode upstreamError, int httpStatus);

    /** A fresh translator for one streamed answer. */
    StreamTranslator newStreamTranslator();

    /** The client parameters the upstream surface could not express and that were left out, in request order. */
    List<String> droppedParams();
}
