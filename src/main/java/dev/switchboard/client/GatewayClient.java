package dev.switchboard.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.GatewayConfig;
import dev.switchboard.api.GatewayConfigUpdate;
import dev.switchboard.api.Json;
import dev.switchboard.api.ModelInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSources;

/**
 * One typed client for a gateway's control plane and data plane, embedded or hosted: the two
 * differ only in the base URLs and the API key. Immutable and thread-safe; make one per
 * connection and share it. Every call blocks (run it off the FX thread) except {@link #stream},
 * which returns at once and reports on a background thread. Failures are {@link GatewayException}s.
 *
 * <pre>{@code
 * try (GatewayClient client = GatewayClient.builder()
 *         .embedded("http://127.0.0.1:8750")          // or .hosted()
 *         .apiKey(adminKey)
 *         .build()) {
 *     Provider p = client.providers().create(ProviderCreate.of("my-ollama", "Local Ollama",
 *             "http://127.0.0.1:11434", List.of(ApiSurface.openAiChat()), List.of("llama3.2")));
 *     client.providers().update(p.id(), ProviderUpdate.builder().name("Ollama").clearDescription().build());
 *     for (Provider each : client.providers().list()) { ... }          // pages fetched lazily
 *     String token = client.accessKeys().create(AccessKeyCreate.of("laptop")).token();
 *
 *     ChatRequest ask = ChatRequest.builder("my-ollama:llama3.2").user("Hello").build();
 *     try (ModelStream stream = client.stream(token, Surface.CHAT_COMPLETIONS, ask, new StreamListener() {
 *         public void onEvent(StreamEvent e) { Platform.runLater(() -> append(e.textDelta())); }
 *     })) {
 *         StreamResult result = stream.await(Duration.ofMinutes(2));
 *     }
 * } catch (ValidationException e) {
 *     showNextTo(e.field().orElse(null), e.getMessage());
 * }
 * }</pre>
 *
 * <p>Timeouts: connecting always times out ({@link Builder#connectTimeout}, 5 s); control-plane
 * calls have a short read timeout ({@link Builder#readTimeout}, 15 s); model calls and streams
 * only time out when nothing arrives for {@link Builder#modelIdleTimeout} (5 min), never while events flow.
 * POST, PATCH and DELETE are never retried automatically; only GETs are retried on a stale connection.
 */
public final class GatewayClient implements AutoCloseable {
    public static final String HOSTED_CONTROL_PLANE = "https://api.ngrok.ai";
    public static final String HOSTED_DATA_PLANE = "https://gateway.ngrok.ai";
    private static final String ANTHROPIC_VERSION = "2023-06-01";

    private final HttpUrl controlPlaneUrl;
    private final HttpUrl dataPlaneUrl;
    private final ControlPlane cp;
    private final OkHttpClient writes;
    private final OkHttpClient reads;
    private final OkHttpClient models;
    private final EventSource.Factory eventSources;
    private final Dispatcher modelDispatcher;
    private final boolean ownsHttp;
    private final Duration readTimeout;
    private final Duration modelIdleTimeout;
    private final Providers providers;
    private final ProviderKeys providerKeys;
    private final AccessKeys accessKeys;
    private final AccessKeyConfigurations accessKeyConfigurations;

    private GatewayClient(Builder b) {
        this.controlPlaneUrl = b.controlPlaneUrl;
        this.dataPlaneUrl = v1(b.dataPlaneUrl);
        this.readTimeout = b.readTimeout;
        this.modelIdleTimeout = b.modelIdleTimeout;
        this.ownsHttp = b.okHttpClient == null;
        OkHttpClient base = b.okHttpClient != null ? b.okHttpClient
                : new OkHttpClient.Builder().socketFactory(NoDelaySocketFactory.INSTANCE).build();
        // Model calls get their own queue limits (OkHttp's default of 5 per host would hold back a
        // sixth concurrent stream) but run on the shared threads.
        this.modelDispatcher = new Dispatcher(base.dispatcher().executorService());
        modelDispatcher.setMaxRequests(64);
        modelDispatcher.setMaxRequestsPerHost(32);
        // One connection pool and dispatcher; three timeout/retry profiles derived from it.
        this.writes = base.newBuilder()
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.readTimeout)
                .callTimeout(b.readTimeout.multipliedBy(2))
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .build();
        this.reads = writes.newBuilder().retryOnConnectionFailure(true).build();
        this.models = writes.newBuilder()
                .dispatcher(modelDispatcher)
                .readTimeout(b.modelIdleTimeout)
                .callTimeout(Duration.ZERO)
                .build();
        this.eventSources = EventSources.createFactory(models);
        this.cp = new ControlPlane(controlPlaneUrl, b.apiKey, writes, reads, b.readTimeout);
        this.providers = new Providers(cp);
        this.providerKeys = new ProviderKeys(cp);
        this.accessKeys = new AccessKeys(cp);
        this.accessKeyConfigurations = new AccessKeyConfigurations(cp);
    }

    public static Builder builder() {
        return new Builder();
    }

    public HttpUrl controlPlaneUrl() {
        return controlPlaneUrl;
    }

    /** The data plane's {@code /v1/} URL. */
    public HttpUrl dataPlaneUrl() {
        return dataPlaneUrl;
    }

    public Providers providers() {
        return providers;
    }

    public ProviderKeys providerKeys() {
        return providerKeys;
    }

    public AccessKeys accessKeys() {
        return accessKeys;
    }

    /** The request log ({@code /usage}) and its overview. */
    public Usage usage() {
        return new Usage(cp);
    }

    public AccessKeyConfigurations accessKeyConfigurations() {
        return accessKeyConfigurations;
    }

    /** {@code GET /gateway-config}. */
    public GatewayConfig gatewayConfig() {
        return cp.get(cp.url("gateway-config"), GatewayConfig.class);
    }

    /** {@code PATCH /gateway-config}. */
    public GatewayConfig updateGatewayConfig(GatewayConfigUpdate update) {
        return cp.patch(cp.url("gateway-config"), update, GatewayConfig.class, cp.secrets());
    }

    // ---- data plane ----

    /** {@code GET /v1/models}: the models {@code accessKeyToken} may call. */
    public List<ModelInfo> listModels(String accessKeyToken) {
        Request request = dataRequest(accessKeyToken, dataPlaneUrl.resolve("models"), null).get().build();
        try (Response response = reads.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw Errors.fromResponse(response, secretsWith(accessKeyToken));
            }
            JsonNode body = readJson(response.body().string(), secretsWith(accessKeyToken));
            List<ModelInfo> models = new ArrayList<>();
            for (JsonNode m : body.path("data")) {
                models.add(new ModelInfo(m.path("id").asText(), Surface.textOrNull(m.path("owned_by"))));
            }
            return models;
        } catch (IOException e) {
            throw Errors.fromIo(e, request.url(), readTimeout);
        }
    }

    /** A whole answer from {@code surface} for the typed request. */
    public Completion complete(String accessKeyToken, Surface surface, ChatRequest request) {
        return complete(accessKeyToken, surface, surface.render(request, false));
    }

    /** A whole answer from {@code surface} for a body built by hand; {@code stream} is removed. */
    public Completion complete(String accessKeyToken, Surface surface, ObjectNode body) {
        Request request = completionRequest(accessKeyToken, surface, body);
        long start = System.nanoTime();
        try (Response response = models.newCall(request).execute()) {
            return readCompletion(response, surface, accessKeyToken, start);
        } catch (IOException e) {
            throw Errors.fromIo(e, request.url(), modelIdleTimeout);
        }
    }

    /**
     * Like {@link #complete(String, Surface, ObjectNode)} but returns at once. Cancelling the
     * future cancels the call and closes its connection; it completes exceptionally with a
     * {@link GatewayException} on failure.
     */
    public CompletableFuture<Completion> completeAsync(String accessKeyToken, Surface surface, ObjectNode body) {
        Request request = completionRequest(accessKeyToken, surface, body);
        long start = System.nanoTime();
        Call call = models.newCall(request);
        CompletableFuture<Completion> future = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                call.cancel();
                return super.cancel(mayInterruptIfRunning);
            }
        };
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                if (!future.isDone()) {
                    future.completeExceptionally(Errors.fromIo(e, request.url(), modelIdleTimeout));
                }
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    future.complete(readCompletion(response, surface, accessKeyToken, start));
                } catch (GatewayException e) {
                    future.completeExceptionally(e);
                } catch (IOException e) {
                    future.completeExceptionally(Errors.fromIo(e, request.url(), modelIdleTimeout));
                }
            }
        });
        return future;
    }

    /** {@link #completeAsync(String, Surface, ObjectNode)} for the typed request. */
    public CompletableFuture<Completion> completeAsync(String accessKeyToken, Surface surface, ChatRequest request) {
        return completeAsync(accessKeyToken, surface, surface.render(request, false));
    }

    private Request completionRequest(String accessKeyToken, Surface surface, ObjectNode body) {
        ObjectNode sent = body.deepCopy();
        sent.remove("stream");
        sent.remove("stream_options");
        return dataRequest(accessKeyToken, url(surface), surface).post(ControlPlane.json(sent)).build();
    }

    private Completion readCompletion(Response response, Surface surface, String token, long start) throws IOException {
        GatewayTrace trace = GatewayTrace.from(response.headers());
        if (!response.isSuccessful()) {
            throw Errors.fromResponse(response, secretsWith(token));
        }
        JsonNode json = readJson(response.body().string(), secretsWith(token));
        if (!json.isObject()) {
            throw new UnexpectedResponseException(ErrorInfo.of("The model's answer is not a JSON object."), null);
        }
        return new Completion(surface, (ObjectNode) json, surface.textOf(json), surface.usageOf(json),
                surface.stopReasonOf(json), trace, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Streams the typed request from {@code surface}; see {@link #stream(String, Surface, ObjectNode, StreamListener)}. */
    public ModelStream stream(String accessKeyToken, Surface surface, ChatRequest request, StreamListener listener) {
        return stream(accessKeyToken, surface, surface.render(request, true), listener);
    }

    /**
     * Starts a stream ({@code "stream": true} is set on a copy of {@code body}) and returns at once.
     * The listener hears about everything, errors included, on a background thread.
     */
    public ModelStream stream(String accessKeyToken, Surface surface, ObjectNode body, StreamListener listener) {
        Objects.requireNonNull(listener, "listener");
        ObjectNode sent = body.deepCopy();
        sent.put("stream", true);
        HttpUrl url = url(surface);
        Request request = dataRequest(accessKeyToken, url, surface)
                .header("Accept", "text/event-stream")
                .post(ControlPlane.json(sent)).build();
        ModelStream stream = new ModelStream(surface, listener, secretsWith(accessKeyToken), url, modelIdleTimeout,
                models.dispatcher().executorService());
        stream.start(eventSources, request);
        return stream;
    }

    /**
     * Cancels this client's running model calls and streams; when it made its own OkHttpClient,
     * also releases its threads and connections.
     */
    @Override
    public void close() {
        modelDispatcher.cancelAll();
        if (ownsHttp) {
            writes.dispatcher().cancelAll();
            writes.dispatcher().executorService().shutdown();
            writes.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "GatewayClient[controlPlane=" + controlPlaneUrl + ", dataPlane=" + dataPlaneUrl + "]";
    }

    private HttpUrl url(Surface surface) {
        HttpUrl url = dataPlaneUrl.resolve(surface.path());
        if (url == null) {
            throw new IllegalStateException("bad data-plane URL");
        }
        return url;
    }

    private Request.Builder dataRequest(String token, HttpUrl url, Surface surface) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an access-key token is required for the data plane");
        }
        Request.Builder b = new Request.Builder().url(url)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (surface == Surface.MESSAGES) {
            b.header("anthropic-version", ANTHROPIC_VERSION);
        }
        return b;
    }

    private Secrets secretsWith(String token) {
        return cp.secrets().plus(token);
    }

    private static JsonNode readJson(String body, Secrets secrets) {
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new UnexpectedResponseException(ErrorInfo.of("The gateway's answer could not be read as JSON."),
                    secrets.scrub(e));
        }
    }

    /** The {@code /v1/} directory of a data-plane base URL, not repeating a {@code /v1} it already ends in. */
    private static HttpUrl v1(HttpUrl base) {
        List<String> segments = new ArrayList<>(base.pathSegments());
        segments.removeIf(String::isEmpty);
        HttpUrl.Builder b = base.newBuilder().encodedPath("/");
        segments.forEach(b::addPathSegment);
        if (segments.isEmpty() || !segments.get(segments.size() - 1).equals("v1")) {
            b.addPathSegment("v1");
        }
        b.addPathSegment("");
        return b.build();
    }

    /** Configures a {@link GatewayClient}. Required: both URLs (or {@link #embedded}/{@link #hosted}) and the API key. */
    public static final class Builder {
        private HttpUrl controlPlaneUrl;
        private HttpUrl dataPlaneUrl;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(15);
        private Duration modelIdleTimeout = Duration.ofMinutes(5);
        private OkHttpClient okHttpClient;

        private Builder() {
        }

        /** The embedded gateway: control plane at {@code baseUrl}, data plane under its {@code /v1/}. */
        public Builder embedded(String baseUrl) {
            return controlPlaneUrl(baseUrl).dataPlaneUrl(baseUrl);
        }

        /** The hosted ngrok AI Gateway. */
        public Builder hosted() {
            return controlPlaneUrl(HOSTED_CONTROL_PLANE).dataPlaneUrl(HOSTED_DATA_PLANE);
        }

        public Builder controlPlaneUrl(String url) {
            this.controlPlaneUrl = parse(url);
            return this;
        }

        public Builder dataPlaneUrl(String url) {
            this.dataPlaneUrl = parse(url);
            return this;
        }

        /** The control plane's API key (embedded: the admin key). Never logged or shown. */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long a control-plane call may wait for the next bytes. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /** How long a model call or stream may go without receiving anything. */
        public Builder modelIdleTimeout(Duration timeout) {
            this.modelIdleTimeout = positive(timeout, "modelIdleTimeout");
            return this;
        }

        /** Shares an existing OkHttpClient's pool and threads; the client then leaves it open on close. */
        public Builder okHttpClient(OkHttpClient client) {
            this.okHttpClient = client;
            return this;
        }

        public GatewayClient build() {
            if (controlPlaneUrl == null || dataPlaneUrl == null) {
                throw new IllegalStateException("both the control-plane and the data-plane URL are required");
            }
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalStateException("an API key is required");
            }
            return new GatewayClient(this);
        }

        private static HttpUrl parse(String url) {
            HttpUrl parsed = url == null ? null : HttpUrl.parse(url.trim());
            if (parsed == null) {
                throw new IllegalArgumentException("not an http(s) URL: " + url);
            }
            if (!parsed.encodedPath().endsWith("/")) {
                parsed = parsed.newBuilder().addPathSegment("").build();
            }
            return parsed;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }

        @Override
        public String toString() {
            return "GatewayClient.Builder[controlPlane=" + controlPlaneUrl + ", dataPlane=" + dataPlaneUrl
                    + ", apiKey=" + (apiKey == null ? "unset" : "<hidden>") + "]";
        }
    }
}
