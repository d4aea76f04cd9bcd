package dev.switchboard.gateway.server;

import dev.switchboard.api.ApiError;
import dev.switchboard.gateway.control.ErrorCodes;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (bad HTTP, an ambiguous URI, uncaught failures) in the same error JSON as everything
 * else: the data plane's shape for data-plane paths (when the data plane writes its own), the control
 * plane's otherwise.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final DataPlaneErrorWriter dataPlane;

    JsonErrorHandler(DataPlaneErrorWriter dataPlane) {
        this.dataPlane = dataPlane;
    }

    static String codeFor(int status) {
        return switch (status) {
            case 401 -> ErrorCodes.UNAUTHORIZED;
            case 403 -> ErrorCodes.REMOTE_ADMIN_REFUSED;
            case 404 -> ErrorCodes.NOT_FOUND;
            case 405 -> ErrorCodes.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCodes.BODY_TOO_LARGE;
            default -> status >= 500 ? ErrorCodes.INTERNAL : ErrorCodes.BAD_REQUEST;
        };
    }

    private static String messageFor(int status, String message) {
        String reason = HttpStatus.getMessage(status);
        if (status >= 500) {
            return "The gateway failed to handle the request (" + reason + "); see its log.";
        }
        return message == null || message.isBlank() || message.equals(reason) ? reason : reason + ": " + message;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        if (dataPlane != null && GatewayHandler.isDataPlanePath(pathOf(request))) {
            dataPlane.writeError(request, response, callback, code, messageFor(code, message));
            return;
        }
        JsonResponses.write(request, response, callback, code,
                new ApiError(codeFor(code), code, messageFor(code, message), Map.of()), Map.of());
    }

    /** The decoded path, or the path as sent when it cannot be decoded. */
    private static String pathOf(Request request) {
        try {
            String decoded = request.getHttpURI().getDecodedPath();
            if (decoded != null) {
                return decoded;
            }
        } catch (RuntimeException e) {
            // fall through to the raw path
        }
        String raw = request.getHttpURI().getPath();
        return raw == null ? "" : raw;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JsonResponses.JSON);
        return ByteBuffer.wrap(JsonResponses.bytes(new ApiError(codeFor(status), status, messageFor(status, reason),
                Map.of())));
    }
}
