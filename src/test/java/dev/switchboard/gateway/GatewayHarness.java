package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.switchboard.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A real embedded gateway on a free loopback port with a temp data folder, and a small HTTP client for it. */
public final class GatewayHarness implements AutoCloseable {
    // One client per gateway: a client shared across gateways could reuse a pooled connection to a stopped
    // gateway whose port a later one got again, failing with "header parser received no bytes".
    private HttpClient http = newClient();

    public final Path dataDir;
    public EmbeddedGateway gateway;

    public GatewayHarness(Path dataDir) {
        this.dataDir = dataDir;
        this.gateway = EmbeddedGateway.start(GatewayOptions.loopback(dataDir), null);
    }

    /** A client for a gateway started elsewhere (which the caller closes). */
    public GatewayHarness(EmbeddedGateway gateway) {
        this.dataDir = gateway.options().dataDir();
        this.gateway = gateway;
    }

    /** Stops and starts again on the same data folder (a new port). */
    public void restart() {
        gateway.close();
        http = newClient();
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(dataDir), null);
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        public String errorCode() {
            return json.path("errorCode").asText(null);
        }

        public String field() {
            return json.path("details").path("field").asText(null);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public Answer call(String method, String path, String body) {
        return call(method, path, body, "Bearer " + gateway.adminKey());
    }

    public Answer call(String method, String path, String body, String authorization) {
        return callWith(method, path, body, authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }

    /** Any call (control or data plane) with the given request headers. */
    public Answer callWith(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body() == null || r.body().isEmpty() ? MissingNode.getInstance() : jsonOrMissing(r.body());
            return new Answer(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as JSON; a body that is not JSON (an event stream) is only in {@link Answer#raw()}. */
    private static JsonNode jsonOrMissing(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    public Answer get(String path) {
        return call("GET", path, null);
    }

    public Answer post(String path, String body) {
        return call("POST", path, body);
    }

    public Answer patch(String path, String body) {
        return call("PATCH", path, body);
    }

    public Answer delete(String path) {
        return call("DELETE", path, null);
    }

    /** Creates a provider with a loopback base URL and returns its JSON. */
    public JsonNode provider(String providerId, String... modelIds) {
        StringBuilder models = new StringBuilder();
        for (String m : modelIds) {
            models.append(models.length() == 0 ? "" : ",").append("{\"modelId\":\"").append(m).append("\"}");
        }
        Answer a = post("/providers", "{\"providerId\":\"" + providerId + "\",\"name\":\"" + providerId
                + "\",\"baseUrl\":\"http://localhost:11434\",\"models\":[" + models + "]}");
        if (a.status() != 201) {
            throw new AssertionError("creating provider " + providerId + ": " + a);
        }
        return a.json();
    }

    public JsonNode providerKey(String providerId, String name, String value) {
        Answer a = post("/provider-keys", "{\"providerId\":\"" + providerId + "\",\"name\":\"" + name
                + "\",\"value\":\"" + value + "\"}");
        if (a.status() != 201) {
            throw new AssertionError("creating provider key: " + a);
        }
        return a.json();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
