package dev.switchboard.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A fast model server on a loopback port for fuzzing the data plane: answers each surface's path at once
 * with a canned answer from the translation golden files (server-sent events when the body asks to
 * stream). It also checks what the gateway sent: that the model is the one the gateway allowed, and that
 * no output-token field is over the gateway's cap. A request that breaks either is answered {@code 500}
 * (which the gateway passes on, so the fuzz run sees it) and kept in {@link #violations()}.
 */
public final class ModelServerStandIn implements AutoCloseable {
    /**
     * What the stand-in serves on one upstream path: the model it expects, the fields that cap output
     * tokens on this surface, and its canned answer as JSON and as server-sent events.
     */
    public record Surface(String path, String model, List<String> capFields, String answer, String stream) {
    }

    private final Server server;
    private final ServerConnector connector;
    private final AtomicInteger hits = new AtomicInteger();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param outputCap the gateway's maxOutputTokens, checked on each surface's cap fields
     */
    public ModelServerStandIn(Map<String, Surface> byPath, long outputCap) {
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("model-stand-in");
        server = new Server(pool);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Surface surface = byPath.get(Request.getPathInContext(request));
                Content.Source.asByteArrayAsync(request, 64 << 20).whenComplete((body, failure) -> {
                    hits.incrementAndGet();
                    if (failure != null || surface == null) {
                        answer(response, callback, 404, "application/json", "{\"error\":{\"message\":\"no such path\"}}");
                        return;
                    }
                    String wrong = wrong(body, surface, outputCap);
                    if (wrong != null) {
                        violations.add(wrong);
                        answer(response, callback, 500, "application/json",
                                Json.mapper().createObjectNode().put("error", "stand-in: " + wrong).toString());
                    } else if (streams(body)) {
                        answer(response, callback, 200, "text/event-stream", surface.stream());
                    } else {
                        answer(response, callback, 200, "application/json", surface.answer());
                    }
                });
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the model server stand-in did not start", e);
        }
    }

    private static void answer(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static boolean streams(byte[] body) {
        try {
            return Json.mapper().readTree(body).path("stream").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** What is wrong with the body the gateway sent, or null. */
    static String wrong(byte[] body, Surface surface, long outputCap) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(body);
        } catch (IOException e) {
            return "the gateway sent a body that is not JSON";
        }
        if (n == null || !n.isObject()) {
            return "the gateway sent a body that is not a JSON object";
        }
        if (!surface.model().equals(n.path("model").textValue())) {
            return "the gateway sent model " + FuzzBodies.shorten(String.valueOf(n.get("model"))) + " to " + surface.path()
                    + ", not " + surface.model();
        }
        for (String field : surface.capFields()) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                continue;
            }
            if (!v.isNumber() || (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) || v.decimalValue().compareTo(java.math.BigDecimal.valueOf(outputCap)) > 0) {
                return "the gateway sent " + field + "=" + FuzzBodies.shorten(v.toString()) + " past maxOutputTokens "
                        + outputCap;
            }
        }
        return null;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** Requests received so far. */
    public int hits() {
        return hits.get();
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** A golden file from {@code src/test/resources/translate}. */
    public static String golden(String name) {
        try (InputStream in = ModelServerStandIn.class.getResourceAsStream("/translate/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
