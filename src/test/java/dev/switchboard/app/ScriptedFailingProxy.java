package dev.switchboard.app;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in front of a real gateway and passes every call through, except the {@code failAt}-th write
 * (POST, PATCH or DELETE), which it answers itself with {@code status} and an ngrok error body.
 */
final class ScriptedFailingProxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger writes = new AtomicInteger();

    ScriptedFailingProxy(String upstream, int failAt, int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                boolean write = !exchange.getRequestMethod().equals("GET");
                if (write && writes.incrementAndGet() == failAt) {
                    answer(exchange, status, "{\"errorCode\":\"ERR_NGROK_27000\",\"statusCode\":" + status
                            + ",\"msg\":\"The gateway had an internal error (scripted).\",\"details\":{}}");
                    return;
                }
                forward(exchange, upstream);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    private void forward(HttpExchange exchange, String upstream) throws IOException, InterruptedException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : new String[]{"Authorization", "Content-Type", "Accept"}) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null) {
                b.header(name, value);
            }
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        answer(exchange, r.statusCode(), r.body());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Loopback URL of the proxy. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
