package dev.switchboard.gateway.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.api.ApiError;
import dev.switchboard.api.Json;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/** Writes JSON answers (and the error JSON) with Jetty's core API. */
final class JsonResponses {
    static final String JSON = "application/json";

    private JsonResponses() {
    }

    static byte[] bytes(Object body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode a response body", e);
        }
    }

    /** Writes {@code body} as JSON (none for null); a HEAD request gets the headers only. */
    static void write(Request request, Response response, Callback callback, int status, Object body,
                      Map<String, String> headers) {
        response.setStatus(status);
        headers.forEach((k, v) -> response.getHeaders().put(k, v));
        if (body == null) {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return;
        }
        byte[] bytes = bytes(body);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        if ("HEAD".equals(request.getMethod())) {
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
        } else {
            response.write(true, ByteBuffer.wrap(bytes), callback);
        }
    }

    static void error(Request request, Response response, Callback callback, int status, String code, String msg,
                      Map<String, Object> details) {
        write(request, response, callback, status, new ApiError(code, status, msg, details == null ? Map.of()
                : details), Map.of());
    }
}
