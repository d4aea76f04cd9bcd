package dev.switchboard.gateway.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Maps one client surface onto one upstream surface (e.g. a Messages client onto a provider that
 * only speaks Chat Completions): the request, the whole answer, and the stream. Implementations
 * must not modify the nodes they are given. The gateway sets {@code model} and the output-token cap
 * on the translated request itself, so a translator need not.
 */
public interface SurfaceAdapter {

    /** The surface the client spoke. */
    Surface clientSurface();

    /** The surface the provider is called on. */
    Surface upstreamSurface();

    /** The client's request body, in the upstream surface's shape. */
    ObjectNode translateRequest(ObjectNode clientBody);

    /** A non-streamed upstream answer (2xx), in the client surface's shape. */
    ObjectNode translateResponse(ObjectNode upstreamBody);

    /** A fresh translator for one streamed answer. */
    StreamTranslator newStreamTranslator();

    /**
     * Request parameters the last {@link #translateRequest} call had to drop because the upstream
     * surface has no equivalent (names only, never values).
     */
    List<String> droppedParams();
}
