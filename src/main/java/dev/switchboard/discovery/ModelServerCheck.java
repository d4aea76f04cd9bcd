package dev.switchboard.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Blocking checks of one model server from this machine, for a diagnosis: can it be reached (with the
 * time spent in DNS, TCP, TLS and HTTP), which models it lists, and whether it has a surface's route.
 * Each check opens fresh connections, so the timings are a real first contact. Call off the FX thread.
 */
public final class ModelServerCheck implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final int MAX_SNIPPET = 300;

    private final OkHttpClient http;

    public ModelServerCheck() {
        this(Duration.ofSeconds(3), Duration.ofSeconds(8));
    }

    public ModelServerCheck(Duration connectTimeout, Duration readTimeout) {
        this.http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .callTimeout(readTimeout.plus(connectTimeout))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
    }

    /** {@code GET {baseUrl}/v1/models}, timed phase by phase; any HTTP answer counts as reached. */
    public ConnectionTimings reach(String baseUrl) {
        String url = ModelServerClient.surfaceUrl(baseUrl, "/models");
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            return new ConnectionTimings(url, null, null, null, null, null, 0, ConnectionTimings.HTTP,
                    "Not a valid http(s) URL.");
        }
        PhaseClock clock = new PhaseClock();
        OkHttpClient client = clientFor(parsed).newBuilder().eventListener(clock).build();
        Request request = new Request.Builder().url(parsed).get().header("Accept", "application/json").build();
        try (Response response = client.newCall(request).execute()) {
            return clock.timings(url, response.code(), null, null);
        } catch (IOException e) {
            String phase = clock.failedPhase(e);
            return clock.timings(url, 0, phase, ModelServerClient.describe(e, hostPort(parsed)));
        }
    }

    /** The models listed at {@code GET {baseUrl}/v1/models}, else at Ollama's {@code GET /api/tags}. */
    public ServedModels servedModels(String baseUrl) {
        String v1 = ModelServerClient.surfaceUrl(baseUrl, "/models");
        Answer openAi = get(v1);
        if (openAi.status == 200 && openAi.json.path("data").isArray()) {
            List<String> ids = new ArrayList<>();
            openAi.json.path("data").forEach(m -> addOnce(ids, m.path("id").asText("")));
            return new ServedModels("GET " + v1, ids, 200, null);
        }
        String tagsUrl = rootOf(baseUrl) + "/api/tags";
        Answer tags = get(tagsUrl);
        if (tags.status == 200 && tags.json.path("models").isArray()) {
            List<String> ids = new ArrayList<>();
            tags.json.path("models").forEach(m ->
                    addOnce(ids, ModelServerClient.ollamaModelId(m.path("name").asText(m.path("model").asText("")))));
            return new ServedModels("GET " + tagsUrl, ids, 200, null);
        }
        Answer last = openAi.status == 401 || openAi.status == 403 || tags.status == 0 ? openAi : tags;
        String problem = "GET " + v1 + ": " + openAi.describe() + "; GET " + tagsUrl + ": " + tags.describe();
        return new ServedModels(null, null, last.status, problem);
    }

    /** What {@code POST url} with an empty JSON object gets: a route that exists refuses it as invalid, not 404. */
    public RouteAnswer route(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            return new RouteAnswer(url, 0, "Not a valid http(s) URL.");
        }
        Request request = new Request.Builder().url(parsed).post(RequestBody.create("{}", JSON)).build();
        try (Response response = clientFor(parsed).newCall(request).execute()) {
            return new RouteAnswer(url, response.code(), snippet(response.body().string()));
        } catch (IOException e) {
            return new RouteAnswer(url, 0, ModelServerClient.describe(e, hostPort(parsed)));
        }
    }

    /** The answer to {@link #route}: {@code status} 0 when nothing answered. */
    public record RouteAnswer(String url, int status, String body) {
        /**
         * A route is missing when the server says 405 or 501, or 404 other than about a model (LM Studio says 200
         * "Unexpected endpoint").
         */
        public boolean missing() {
            String text = body == null ? "" : body.toLowerCase(java.util.Locale.ROOT);
            return status == 405 || status == 501 || (status == 404 && !text.contains("model"))
                    || text.contains("unexpected endpoint");
        }
    }

    private record Answer(int status, JsonNode json, String problem) {
        String describe() {
            return problem != null ? problem : "HTTP " + status;
        }
    }

    private Answer get(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            return new Answer(0, Json.mapper().missingNode(), "not a valid URL");
        }
        Request request = new Request.Builder().url(parsed).get().header("Accept", "application/json").build();
        try (Response response = clientFor(parsed).newCall(request).execute()) {
            return new Answer(response.code(), json(response.body().string()), null);
        } catch (IOException e) {
            return new Answer(0, Json.mapper().missingNode(), ModelServerClient.describe(e, hostPort(parsed)));
        }
    }

    private OkHttpClient clientFor(HttpUrl url) {
        return ScanTarget.isLoopbackHost(url.host()) ? http.newBuilder().proxy(Proxy.NO_PROXY).build() : http;
    }

    private static JsonNode json(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            return node == null ? Json.mapper().missingNode() : node;
        } catch (IOException | RuntimeException e) {
            return Json.mapper().missingNode();
        }
    }

    private static void addOnce(List<String> ids, String id) {
        if (!id.isEmpty() && !ids.contains(id)) {
            ids.add(id);
        }
    }

    /** The server's root: the base URL without a trailing {@code /v1}. */
    static String rootOf(String baseUrl) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base.endsWith("/v1") ? base.substring(0, base.length() - 3) : base;
    }

    private static String hostPort(HttpUrl url) {
        return (url.host().contains(":") ? "[" + url.host() + "]" : url.host()) + ":" + url.port();
    }

    private static String snippet(String body) {
        String s = body == null ? "" : body.strip();
        return s.length() <= MAX_SNIPPET ? s : s.substring(0, MAX_SNIPPET) + "…";
    }

    @Override
    public void close() {
        http.connectionPool().evictAll();
    }

    /** Records when each phase of one call starts and ends. */
    private static final class PhaseClock extends EventListener {
        private long dnsStart, dnsEnd, connectStart, connectEnd, tlsStart, tlsEnd, requestStart, responseStart;
        private String address;

        @Override public void dnsStart(Call call, String domainName) { dnsStart = System.nanoTime(); }
        @Override public void dnsEnd(Call call, String domainName, List<java.net.InetAddress> list) { dnsEnd = System.nanoTime(); }

        @Override
        public void connectStart(Call call, InetSocketAddress socket, Proxy proxy) {
            connectStart = System.nanoTime();
            address = socket.getAddress() != null ? socket.getAddress().getHostAddress() + ":" + socket.getPort()
                    : socket.toString();
        }

        @Override public void secureConnectStart(Call call) { tlsStart = System.nanoTime(); }
        @Override public void secureConnectEnd(Call call, okhttp3.Handshake handshake) { tlsEnd = System.nanoTime(); }

        @Override
        public void connectEnd(Call call, InetSocketAddress socket, Proxy proxy, Protocol protocol) {
            connectEnd = System.nanoTime();
        }

        @Override public void requestHeadersStart(Call call) { requestStart = System.nanoTime(); }
        @Override public void responseHeadersStart(Call call) { responseStart = System.nanoTime(); }

        String failedPhase(IOException e) {
            if (e instanceof java.net.UnknownHostException || (dnsStart != 0 && dnsEnd == 0)) {
                return ConnectionTimings.DNS;
            }
            if (tlsStart != 0 && tlsEnd == 0) {
                return ConnectionTimings.TLS;
            }
            if (connectEnd == 0 && tlsStart == 0) {
                return ConnectionTimings.TCP;
            }
            return ConnectionTimings.HTTP;
        }

        ConnectionTimings timings(String url, int status, String failedAt, String problem) {
            return new ConnectionTimings(url, address, span(dnsStart, dnsEnd),
                    span(connectStart, tlsStart != 0 ? tlsStart : connectEnd), span(tlsStart, tlsEnd),
                    span(requestStart, responseStart), status, failedAt, problem);
        }

        private static Duration span(long start, long end) {
            return start == 0 || end == 0 ? null : Duration.ofNanos(end - start);
        }
    }
}
