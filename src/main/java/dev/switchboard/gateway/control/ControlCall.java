package dev.switchboard.gateway.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Ref;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One control-plane request, free of the HTTP server's types.
 *
 * @param method      upper-case HTTP method
 * @param segments    the path split at {@code /}, without empty segments
 * @param query       query parameters (first value of each)
 * @param body        reads and parses the body on demand (413 / 400 as {@link ApiException})
 * @param baseUri     {@code scheme://host:port} the client used, for {@code uri} fields
 * @param requestUri  the path and query as requested, for a list's {@code uri}
 * @param actor       who is calling (the admin key's identity)
 */
public record ControlCall(String method, List<String> segments, Map<String, String> query, Supplier<JsonNode> body,
                          String baseUri, String requestUri, Ref actor) {

    String path() {
        return "/" + String.join("/", segments);
    }
}
