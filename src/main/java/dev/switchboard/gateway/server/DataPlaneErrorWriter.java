package dev.switchboard.gateway.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A data plane that writes, in its own error shape, the errors Jetty raises before any handler runs
 * (an ambiguous URI such as {@code /v1//chat/completions}, ...) for paths under {@code /v1}.
 */
public interface DataPlaneErrorWriter {

    /** Writes a complete error answer with {@code status}; {@code reason} says what was wrong, for a person. */
    void writeError(Request request, Response response, Callback callback, int status, String reason);
}
