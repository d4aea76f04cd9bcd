package dev.switchboard.gateway.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.JsonText;
import dev.switchboard.gateway.control.ApiException;
import dev.switchboard.gateway.control.ControlCall;
import dev.switchboard.gateway.control.ControlPlane;
import dev.switchboard.gateway.control.ErrorCodes;
import dev.switchboard.gateway.control.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The root handler. {@code /v1/...} goes to the wrapped data-plane handler (the seam helper
 * {@code data} plugs into via {@link dev.switchboard.gateway.DataPlaneFactory}); without one it
 * answers a JSON 404. Everything else is the control plane: loopback check, admin key,
 * body limit, then {@link ControlPlane}.
 */
public final class GatewayHandler extends Handler.Wrapper {
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** An over-long body is read (and dropped) up to this size so the client sees the 413 rather than a reset. */
    private static final int DRAIN_LIMIT = 16 * MAX_BODY_BYTES;
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHandler.class);
    private static final ObjectReader JSON_READER = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final ControlPlane controlPlane;
    private final AdminKey adminKey;
    private final boolean allowRemoteAdmin;

    public GatewayHandler(ControlPlane controlPlane, AdminKey adminKey, boolean allowRemoteAdmin, Handler dataPlane) {
        super(dataPlane);
        this.controlPlane = controlPlane;
        this.adminKey = adminKey;
        this.allowRemoteAdmin = allowRemoteAdmin;
    }

    @Override
    public InvocationType getInvocationType() {
        // The data plane never blocks (it hands a cold cache to the pool itself), so Jetty may run a request on
        // the thread that read it; the control plane reads bodies and the database blocking: see handle.
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (isDataPlanePath(path)) {
            Handler dataPlane = getHandler();
            if (dataPlane != null && dataPlane.handle(request, response, callback)) {
                return true;
            }
            JsonResponses.error(request, response, callback, 404, ErrorCodes.NOT_FOUND,
                    "No data-plane endpoint at " + path + ".", Map.of());
            return true;
        }
        request.getComponents().getThreadPool().execute(() -> {
            try {
                handleControlCall(request, response, callback, path);
            } catch (Throwable x) {
                callback.failed(x);
            }
        });
        return true;
    }

    private void handleControlCall(Request request, Response response, Callback callback, String path) {
        try {
            handleControl(request, response, callback, path);
        } catch (ApiException e) {
            Reply r = Reply.error(e);
            JsonResponses.write(request, response, callback, r.status(), r.body(), r.headers());
        } catch (RuntimeException e) {
            if (e instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                // Jetty refused part of the request itself (a bad query string, ...)
                JsonResponses.error(request, response, callback, http.getCode(), JsonErrorHandler.codeFor(http.getCode()),
                        "The request could not be read: " + http.getReason() + ".", Map.of());
                return;
            }
            LOG.error("Control-plane request {} {} failed", request.getMethod(), path, e);
            JsonResponses.error(request, response, callback, 500, ErrorCodes.INTERNAL,
                    "The gateway failed to handle the request; see its log.", Map.of());
        }
    }

    /**
     * Whether a path belongs to the data plane: {@code /v1} and below, whatever the case of {@code v1}
     * (so {@code /V1/...} is the data plane's 404, not a control-plane call) and however many slashes lead.
     */
    static boolean isDataPlanePath(String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return i > 0 && path.regionMatches(true, i, "v1", 0, 2) && (path.length() == i + 2 || path.charAt(i + 2) == '/');
    }

    private void handleControl(Request request, Response response, Callback callback, String path) {
        if (!AdminAccess.isAllowed(request.getConnectionMetaData().getRemoteSocketAddress(), allowRemoteAdmin)) {
            throw new ApiException(403, ErrorCodes.REMOTE_ADMIN_REFUSED, "The control plane answers loopback"
                    + " clients only; start the gateway with --allow-remote-admin to manage it from elsewhere.",
                    Map.of());
        }
        if (!adminKey.matchesAuthorization(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            throw new ApiException(401, ErrorCodes.UNAUTHORIZED, "Missing or wrong admin key. Send"
                    + " 'Authorization: Bearer <admin key>'; the key is in the file " + AdminKey.FILE_NAME
                    + " in the gateway's data folder (or " + AdminKey.ENV_VAR + ").", Map.of());
        }
        HttpURI uri = request.getHttpURI();
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                segments.add(s);
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field f : fields) {
            query.put(f.getName(), f.getValue());
        }
        String base = uri.getScheme() + "://" + uri.getAuthority();
        String requestUri = uri.getPath() + (uri.getQuery() != null ? "?" + uri.getQuery() : "");
        Supplier<JsonNode> body = () -> readBody(request);
        ControlCall call = new ControlCall(request.getMethod(), segments, query, body, base, requestUri,
                adminKey.identity());
        Reply reply = controlPlane.handle(call);
        JsonResponses.write(request, response, callback, reply.status(), reply.body(), reply.headers());
    }

    private static ApiException tooLarge() {
        return new ApiException(413, ErrorCodes.BODY_TOO_LARGE, "The request body is larger than 1 MiB.", Map.of());
    }

    private static JsonNode readBody(Request request) {
        long declared = request.getLength();
        if (declared > DRAIN_LIMIT) {
            throw tooLarge();
        }
        // Sized by Content-Length when there is one (a byte more shows a longer body), else grown as the body
        // comes: a fresh 1 MiB buffer for every request costs more than the request.
        byte[] buffer = new byte[declared >= 0 && declared <= MAX_BODY_BYTES ? (int) declared + 1 : 16 * 1024];
        int total = 0;
        try (InputStream in = Content.Source.asInputStream(request)) {
            int n;
            while (total <= MAX_BODY_BYTES) {
                if (total == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(MAX_BODY_BYTES + 1, buffer.length * 2));
                }
                n = in.read(buffer, total, buffer.length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            if (total > MAX_BODY_BYTES) {
                long drained = total;
                byte[] sink = new byte[64 * 1024];
                while (drained < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
                    drained += n;
                }
                throw tooLarge();
            }
        } catch (IOException e) {
            throw ApiException.badRequest("Could not read the request body: " + e.getMessage());
        }
        if (total == 0) {
            throw ApiException.badRequest("The request body must be a JSON object; it was empty.");
        }
        int notUtf8 = JsonText.invalidUtf8At(buffer, 0, total);
        if (notUtf8 >= 0) {
            throw ApiException.badRequest("The request body could not be read: it is not UTF-8 (byte " + notUtf8
                    + " starts no valid UTF-8 sequence).");
        }
        JsonNode tree;
        try {
            tree = JSON_READER.readTree(buffer, 0, total);
        } catch (JsonProcessingException e) {
            // Jackson's own message can quote the body (which may hold a secret): say only where
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? e.getOriginalMessage() : "it is not valid JSON";
            throw ApiException.badRequest("The request body could not be read: " + what + where + ".");
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read.");
        }
        String bad = JsonText.loneSurrogateAt(tree);
        if (bad != null) {
            throw ApiException.badParameter(bad.isEmpty() ? "body" : bad, "The request body could not be read: the"
                    + " string at '" + (bad.isEmpty() ? "(body)" : bad) + "' is not valid Unicode (a lone UTF-16"
                    + " surrogate such as \\ud800).");
        }
        return tree;
    }
}
