package dev.switchboard.gateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.DataPlaneFactory;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The real embedded gateway on a free loopback port with a temp data folder, set up only through
 * its control-plane HTTP API, plus a plain HTTP client for the data plane.
 */
public final class GatewayFixture implements AutoCloseable {
    public static final MediaType JSON = MediaType.get("application/json");
    private static final AtomicInteger SEQ = new AtomicInteger();

    public final EmbeddedGateway gateway;
    public final String base;
    public final OkHttpClient http = new OkHttpClient.Builder()
            .readTimeout(Duration.ofSeconds(20)).retryOnConnectionFailure(false).build();

    public GatewayFixture(Path dataDir) {
        this(dataDir, DataPlaneFactory.standard());
    }

    public GatewayFixture(Path dataDir, DataPlaneFactory dataPlane) {
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(dataDir), dataPlane);
        base = gateway.baseUrl().toString();
    }

    /** A fresh provider id, so tests sharing one gateway never collide. */
    public static String newProviderId(String stem) {
        return stem + "-" + SEQ.incrementAndGet();
    }

    public JsonNode admin(String method, String path, Object body) {
        try {
            RequestBody rb = body == null ? null : RequestBody.create(Json.mapper().writeValueAsBytes(body), JSON);
            Request req = new Request.Builder().url(base + path).header("Authorization", "Bearer " + gateway.adminKey())
                    .method(method, rb).build();
            try (Response r = http.newCall(req).execute()) {
                String text = r.body().string();
                assertThat(r.code()).as("%s %s -> %s", method, path, text).isBetween(200, 299);
                return text.isEmpty() ? null : Json.mapper().readTree(text);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Creates a provider speaking {@code surfaces} (e.g. "openai/chat-completions") that lists {@code models};
     * returns its resource id ({@code aigp_...}, for {@code /providers/{id}}).
     */
    public String provider(String providerId, String baseUrl, List<String> surfaces, List<String> models) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("providerId", providerId);
        p.put("name", providerId);
        p.put("baseUrl", baseUrl);
        ArrayNode s = p.putArray("supportedApiSurfaces");
        for (String fs : surfaces) {
            String[] parts = fs.split("/");
            s.addObject().put("format", parts[0]).put("surface", parts[1]);
        }
        ArrayNode m = p.putArray("models");
        models.forEach(id -> m.addObject().put("modelId", id));
        return admin("POST", "/providers", p).get("id").asText();
    }

    public String providerKey(String providerId, String name, String value) {
        return admin("POST", "/provider-keys", Json.mapper().createObjectNode()
                .put("providerId", providerId).put("name", name).put("value", value)).get("id").asText();
    }

    /** A configuration from its {@code access} and {@code router} JSON (either may be null). */
    public String configuration(String accessJson, String routerJson) {
        try {
            ObjectNode c = Json.mapper().createObjectNode();
            c.put("name", "cfg-" + SEQ.incrementAndGet());
            if (accessJson != null) {
                c.set("access", Json.mapper().readTree(accessJson));
            }
            if (routerJson != null) {
                c.set("router", Json.mapper().readTree(routerJson));
            }
            return admin("POST", "/access-key-configurations", c).get("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new access key; returns its token. A null {@code configurationId} gives it a configuration
     * that leaves {@code access} out (everything allowed, no router rules): a key with no configuration
     * at all can call no custom provider ({@link #accessKeyWithoutConfiguration}).
     */
    public String accessKey(String configurationId) {
        return accessKeyWithoutConfiguration(configurationId != null ? configurationId : configuration(null, null));
    }

    /** A new access key with exactly {@code configurationId} (null: none); returns its token. */
    public String accessKeyWithoutConfiguration(String configurationId) {
        ObjectNode k = Json.mapper().createObjectNode().put("name", "key-" + SEQ.incrementAndGet());
        if (configurationId != null) {
            k.put("accessKeyConfigurationId", configurationId);
        }
        return admin("POST", "/access-keys", k).get("token").asText();
    }

    public void gatewayConfig(String patchJson) {
        try {
            admin("PATCH", "/gateway-config", Json.mapper().readTree(patchJson));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String token, String body) throws IOException {
        Request.Builder b = new Request.Builder().url(base + path).post(RequestBody.create(body, JSON));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.newCall(b.build()).execute();
    }

    /** An answer read off a raw socket: status, headers (names lower-cased) and the body, de-chunked. */
    public record RawAnswer(int status, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /**
     * Sends {@code method target} exactly as written (no client normalising {@code ..}, {@code //} or
     * percent-escapes) over a fresh connection, with {@code headers} and a JSON {@code body}.
     */
    public RawAnswer raw(String method, String target, Map<String, String> headers, String body)
            throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(gateway.baseUrl().getAuthority()).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket s = new Socket(gateway.baseUrl().getHost(), gateway.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            return parseRaw(s.getInputStream().readAllBytes());
        }
    }

    private static RawAnswer parseRaw(byte[] all) {
        int split = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.UTF_8), 0);
        if (split < 0) {
            throw new AssertionError("no complete HTTP answer: " + new String(all, StandardCharsets.UTF_8));
        }
        String[] lines = new String(all, 0, split, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        int at = split + 4;
        if (!"chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return new RawAnswer(status, headers, new String(all, at, all.length - at, StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            int eol = indexOf(all, "\r\n".getBytes(StandardCharsets.UTF_8), at);
            if (eol < 0) {
                throw new AssertionError("a chunked body cut short: " + new String(all, StandardCharsets.UTF_8));
            }
            int size = Integer.parseInt(new String(all, at, eol - at, StandardCharsets.UTF_8).trim(), 16);
            if (size == 0) {
                break;
            }
            body.write(all, eol + 2, size);
            at = eol + 2 + size + 2;
        }
        return new RawAnswer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        gateway.close();
    }
}
