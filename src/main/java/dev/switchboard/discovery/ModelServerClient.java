package dev.switchboard.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import dev.switchboard.client.NoDelaySocketFactory;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Talks to model servers directly (not through the gateway): identifies a server at a
 * host and port, lists its models, sends a one-message test chat and checks whether it
 * answers. Every call is asynchronous and runs on OkHttp's own threads, never the caller's.
 */
public final class ModelServerClient implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
    private static final int MAX_ERROR_CHARS = 400;

    private final ObjectMapper mapper = Json.mapper();
    private final ExecutorService executor;
    private final OkHttpClient remote;
    private final OkHttpClient local;
    private final OkHttpClient chat;
    private final Duration probeTimeout;

    /** Timeouts fit for a desktop: a scan answers in about a second, a test chat may wait for a model to load. */
    public ModelServerClient() {
        this(Duration.ofMillis(1500), Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /**
     * @param probeTimeout   per request while scanning loopback and private hosts
     * @param requestTimeout per request for listing models and reachability checks
     * @param chatTimeout    for the whole test chat, model loading included
     */
    public ModelServerClient(Duration probeTimeout, Duration requestTimeout, Duration chatTimeout) {
        this.probeTimeout = probeTimeout;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "model-server-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Dispatcher dispatcher = new Dispatcher(executor);
        dispatcher.setMaxRequests(64);
        dispatcher.setMaxRequestsPerHost(16);
        this.remote = new OkHttpClient.Builder()
                .socketFactory(NoDelaySocketFactory.INSTANCE)
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(4, 30, TimeUnit.SECONDS))
                .connectTimeout(requestTimeout)
                .readTimeout(requestTimeout)
                .callTimeout(requestTimeout.multipliedBy(2))
                .retryOnConnectionFailure(false)
                .build();
        this.local = remote.newBuilder()
                .proxy(Proxy.NO_PROXY)
                .connectTimeout(probeTimeout)
                .readTimeout(probeTimeout)
                .callTimeout(probeTimeout.multipliedBy(2))
                .build();
        this.chat = remote.newBuilder()
                .readTimeout(chatTimeout)
                .callTimeout(chatTimeout)
                .build();
    }

    /**
     * The URL of an OpenAI-style path ({@code /models}, {@code /chat/completions}) under a
     * base URL: {@code /v1} is added unless the base URL already ends in {@code /v1}.
     */
    public static String surfaceUrl(String baseUrl, String path) {
        String base = baseUrl.trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base.endsWith("/v1") ? base + path : base + "/v1" + path;
    }

    // ---------------------------------------------------------------- identify

    /**
     * Looks at one host and port: Ollama is known by {@code /api/version} or {@code /api/tags};
     * any other server by {@code /v1/models}. Never completes exceptionally: when there is
     * no model server, the result says why.
     */
    public CompletableFuture<ProbeResult> probe(ScanTarget target) {
        String root = target.baseUrl();
        return get(local, root + "/api/version", null)
                .thenCompose(version -> {
                    String v = textField(version, "version");
                    if (version.code() == 200 && v != null) {
                        return ollamaModels(target, v);
                    }
                    return get(local, root + "/api/tags", null).thenCompose(tags -> {
                        if (tags.code() == 200 && json(tags.body()).path("models").isArray()) {
                            return ollamaModels(target, null);
                        }
                        return openAiStyle(target);
                    });
                })
                .exceptionally(failure -> ProbeResult.nothing(target, describe(unwrap(failure), target.toString())));
    }

    private CompletableFuture<ProbeResult> ollamaModels(ScanTarget target, String version) {
        return get(local, target.baseUrl() + "/api/tags", null).thenCompose(tags -> {
            List<String> models = new ArrayList<>();
            for (JsonNode m : json(tags.body()).path("models")) {
                String name = m.path("name").asText(m.path("model").asText(""));
                if (!name.isEmpty()) {
                    models.add(ollamaModelId(name));
                }
            }
            return detectSurfaces(target.baseUrl()).thenApply(surfaces -> ProbeResult.found(new DiscoveredServer(
                    target, ServerKind.OLLAMA, target.baseUrl(), version, models, surfaces, false)));
        });
    }

    /** Ollama reads a bare name as {@code :latest}, so {@code llama3.2:latest} is offered as {@code llama3.2}. */
    static String ollamaModelId(String name) {
        return name.endsWith(":latest") ? name.substring(0, name.length() - ":latest".length()) : name;
    }

    private CompletableFuture<ProbeResult> openAiStyle(ScanTarget target) {
        String url = surfaceUrl(target.baseUrl(), "/models");
        return get(local, url, null).thenCompose(answer -> {
            if (answer.code() == 401 || answer.code() == 403) {
                ServerKind kind = ServerKind.byDefaultPort(target.port());
                return detectSurfaces(target.baseUrl()).thenApply(surfaces -> ProbeResult.found(new DiscoveredServer(
                        target, kind, target.baseUrl(), null, List.of(), surfaces, true)));
            }
            JsonNode body = json(answer.body());
            if (answer.code() != 200 || !body.path("data").isArray()) {
                return CompletableFuture.completedFuture(ProbeResult.nothing(target, "Something answers at " + target
                        + ", but it is not a model server (GET /v1/models: " + statusLine(answer) + ")."));
            }
            List<String> models = modelIds(body);
            ServerKind kind = identifyOpenAiStyle(target, body, answer.server());
            return detectSurfaces(target.baseUrl()).thenApply(surfaces -> ProbeResult.found(new DiscoveredServer(
                    target, kind, target.baseUrl(), null, models, surfaces, false)));
        });
    }

    /** Tells LM Studio, vLLM and llama.cpp apart by what they write in {@code owned_by}, then by port. */
    static ServerKind identifyOpenAiStyle(ScanTarget target, JsonNode models, String serverHeader) {
        if (serverHeader != null && serverHeader.toLowerCase(Locale.ROOT).contains("llama.cpp")) {
            return ServerKind.LLAMA_CPP;
        }
        for (JsonNode m : models.path("data")) {
            String owner = m.path("owned_by").asText("").toLowerCase(Locale.ROOT);
            switch (owner) {
                case "vllm":
                    return ServerKind.VLLM;
                case "llamacpp":
                    return ServerKind.LLAMA_CPP;
                case "organization_owner":
                    return ServerKind.LM_STUDIO;
                case "library":
                case "ollama":
                    return ServerKind.OLLAMA;
                default:
                    break;
            }
        }
        if (models.path("models").isArray()) {
            return ServerKind.LLAMA_CPP;
        }
        return ServerKind.byDefaultPort(target.port());
    }

    /**
     * Chat Completions is what every server of these kinds speaks; Responses and Messages are
     * ticked when the server has the route (an empty request is refused as invalid rather than
     * as unknown).
     */
    private CompletableFuture<List<ApiSurface>> detectSurfaces(String baseUrl) {
        CompletableFuture<Boolean> responses = hasRoute(surfaceUrl(baseUrl, "/responses"));
        CompletableFuture<Boolean> messages = hasRoute(surfaceUrl(baseUrl, "/messages"));
        return responses.thenCombine(messages, (r, m) -> {
            List<ApiSurface> surfaces = new ArrayList<>();
            surfaces.add(ApiSurface.openAiChat());
            if (r) {
                surfaces.add(ApiSurface.openAiResponses());
            }
            if (m) {
                surfaces.add(ApiSurface.anthropicMessages());
            }
            return surfaces;
        });
    }

    private CompletableFuture<Boolean> hasRoute(String url) {
        Request request = new Request.Builder().url(url).post(RequestBody.create("{}", JSON)).build();
        return send(local, request).handle((answer, failure) -> {
            if (failure != null) {
                return false;
            }
            int code = answer.code();
            if (code == 404 || code == 405 || code == 501 || code >= 500) {
                return false;
            }
            // LM Studio answers an unknown route with 200 and this message.
            return !answer.body().contains("Unexpected endpoint");
        });
    }

    // ---------------------------------------------------------------- models

    /**
     * Lists the model ids a server offers at {@code GET {baseUrl}/v1/models}, sending the key
     * as a Bearer token when there is one. Fails with a {@link ModelServerException} holding
     * the exact error.
     */
    public CompletableFuture<List<String>> listModels(String baseUrl, String apiKey) {
        String url;
        try {
            url = checkedUrl(surfaceUrl(baseUrl, "/models"));
        } catch (ModelServerException e) {
            return CompletableFuture.failedFuture(e);
        }
        return get(clientFor(url), url, apiKey)
                .handle((answer, failure) -> {
                    if (failure != null) {
                        throw new ModelServerException(describe(unwrap(failure), hostOf(url)), unwrap(failure));
                    }
                    if (answer.code() != 200) {
                        throw httpError("GET", url, answer);
                    }
                    JsonNode body = json(answer.body());
                    if (!body.path("data").isArray()) {
                        throw new ModelServerException("GET " + url + " answered, but not with a model list ({\"data\": [...]}).",
                                answer.code());
                    }
                    return modelIds(body);
                });
    }

    private static List<String> modelIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        for (JsonNode m : body.path("data")) {
            String id = m.path("id").asText("");
            if (!id.isEmpty() && !ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    // ---------------------------------------------------------------- test chat

    /**
     * Sends one user message to {@code model} at {@code POST {baseUrl}/v1/chat/completions}
     * (not streamed) and returns the reply, or fails with the exact error.
     */
    public CompletableFuture<ChatTestResult> testChat(String baseUrl, String apiKey, String model, String message) {
        String url;
        try {
            url = checkedUrl(surfaceUrl(baseUrl, "/chat/completions"));
        } catch (ModelServerException e) {
            return CompletableFuture.failedFuture(e);
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("model", model);
        body.putArray("messages").addObject().put("role", "user").put("content", message);
        body.put("stream", false);
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body.toString(), JSON));
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey.trim());
        }
        long started = System.nanoTime();
        OkHttpClient client = isLoopbackUrl(url) ? chat.newBuilder().proxy(Proxy.NO_PROXY).build() : chat;
        return send(client, request.build()).handle((answer, failure) -> {
            if (failure != null) {
                throw new ModelServerException(describe(unwrap(failure), hostOf(url)), unwrap(failure));
            }
            if (answer.code() / 100 != 2) {
                throw httpError("POST", url, answer);
            }
            if (answer.body().stripLeading().startsWith("data:")) {
                throw new ModelServerException("POST " + url + " answered with a stream of events although the test"
                        + " asked for one whole answer (\"stream\": false). This server ignores \"stream\": false, so"
                        + " calls that do not stream would fail through the gateway; streamed calls work.", answer.code());
            }
            JsonNode json = json(answer.body());
            JsonNode choice = json.path("choices").path(0);
            if (choice.isMissingNode()) {
                throw new ModelServerException("POST " + url + " answered " + answer.code()
                        + " without any choices: " + abbreviate(answer.body()), answer.code());
            }
            String reply = contentText(choice.path("message").path("content"));
            if (reply.isBlank()) {
                reply = choice.path("message").path("reasoning_content").asText(
                        choice.path("message").path("reasoning").asText(""));
            }
            String answeredBy = json.path("model").asText(model);
            return new ChatTestResult(reply.strip(), answeredBy, Duration.ofNanos(System.nanoTime() - started));
        });
    }

    private static String contentText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder s = new StringBuilder();
        for (JsonNode part : content) {
            s.append(part.path("text").asText(""));
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- reachability

    /**
     * Whether the provider's server answers at all (any HTTP status counts), for the live status dot.
     * A failure on a pooled connection is tried once more on a fresh one: a model server that dropped an
     * idle keep-alive connection is not "not answering". {@code .internal} URLs cannot be checked from here.
     */
    public CompletableFuture<Reachability> checkReachable(String baseUrl) {
        return checkHealth(baseUrl).thenApply(Health::reachability);
    }

    /** {@link #checkReachable} with what answered (or what failed) and when. */
    public CompletableFuture<Health> checkHealth(String baseUrl) {
        HttpUrl parsed = baseUrl == null ? null : HttpUrl.parse(baseUrl.trim());
        if (parsed == null || parsed.host().endsWith(".internal")) {
            return CompletableFuture.completedFuture(Health.unknown());
        }
        String url = surfaceUrl(baseUrl, "/models");
        OkHttpClient client = isLoopbackUrl(url) ? local : remote.newBuilder()
                .connectTimeout(probeTimeout.multipliedBy(2)).callTimeout(probeTimeout.multipliedBy(3)).build();
        OkHttpClient fresh = client.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
        return get(client, url, null)
                .exceptionallyCompose(stale -> get(fresh, url, null))
                .handle((answer, failure) -> failure == null ? Health.answered(answer.code(), url)
                        : Health.failed(describe(failure)));
    }

    private static String describe(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // ---------------------------------------------------------------- plumbing

    private record Answer(int code, String message, String body, String server) {
    }

    private CompletableFuture<Answer> get(OkHttpClient client, String url, String apiKey) {
        Request.Builder request = new Request.Builder().url(url).get().header("Accept", "application/json");
        if (apiKey != null && !apiKey.isBlank()) {
            request.header("Authorization", "Bearer " + apiKey.trim());
        }
        return send(client, request.build());
    }

    private static CompletableFuture<Answer> send(OkHttpClient client, Request request) {
        CompletableFuture<Answer> future = new CompletableFuture<>();
        Call call = client.newCall(request);
        future.whenComplete((a, t) -> {
            if (future.isCancelled()) {
                call.cancel();
            }
        });
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                future.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    future.complete(new Answer(response.code(), response.message(), readCapped(response.body()),
                            response.header("Server")));
                } catch (IOException e) {
                    future.completeExceptionally(e);
                }
            }
        });
        return future;
    }

    private static String readCapped(ResponseBody body) throws IOException {
        BufferedSource source = body.source();
        source.request(MAX_BODY_BYTES);
        long size = Math.min(source.getBuffer().size(), MAX_BODY_BYTES);
        return source.getBuffer().readUtf8(size);
    }

    private OkHttpClient clientFor(String url) {
        return isLoopbackUrl(url) ? local.newBuilder().readTimeout(remote.readTimeoutMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(remote.callTimeoutMillis(), TimeUnit.MILLISECONDS).build() : remote;
    }

    private static boolean isLoopbackUrl(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        return parsed != null && ScanTarget.isLoopbackHost(parsed.host());
    }

    private static String checkedUrl(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new ModelServerException("Not a valid http(s) URL: " + abbreviate(url), 0);
        }
        return parsed.toString();
    }

    private static String hostOf(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        return parsed == null ? url : (parsed.host().contains(":") ? "[" + parsed.host() + "]" : parsed.host())
                + ":" + parsed.port();
    }

    private JsonNode json(String body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node == null ? mapper.missingNode() : node;
        } catch (IOException | RuntimeException e) {
            return mapper.missingNode();
        }
    }

    private String textField(Answer answer, String field) {
        JsonNode value = json(answer.body()).path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private ModelServerException httpError(String method, String url, Answer answer) {
        String detail = errorDetail(answer.body());
        return new ModelServerException(method + " " + url + " failed: " + statusLine(answer)
                + (detail.isEmpty() ? "" : ": " + detail), answer.code());
    }

    /** The message in whichever error shape the server uses (OpenAI, Ollama, vLLM/FastAPI), else the body. */
    private String errorDetail(String body) {
        JsonNode json = json(body);
        JsonNode error = json.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        if (error.path("message").isTextual()) {
            return error.path("message").asText();
        }
        if (json.path("message").isTextual()) {
            return json.path("message").asText();
        }
        if (json.path("detail").isTextual()) {
            return json.path("detail").asText();
        }
        return abbreviate(body.strip());
    }

    private static String statusLine(Answer answer) {
        return "HTTP " + answer.code() + (answer.message() == null || answer.message().isBlank() ? "" : " " + answer.message());
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS) + "…";
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Says in words why a connection failed, e.g. "Nothing is listening on 127.0.0.1:1234". */
    static String describe(Throwable failure, String where) {
        if (failure instanceof ModelServerException) {
            return failure.getMessage();
        }
        if (failure instanceof ConnectException) {
            return "Nothing is listening on " + where + " (connection refused).";
        }
        if (failure instanceof NoRouteToHostException) {
            return "No route to " + where + ".";
        }
        if (failure instanceof UnknownHostException) {
            return "Unknown host: " + where.replaceFirst(":\\d+$", "") + ".";
        }
        if (failure instanceof SSLException) {
            return "TLS handshake with " + where + " failed: " + failure.getMessage();
        }
        if (failure instanceof InterruptedIOException) {
            return "No answer from " + where + " in time (timed out).";
        }
        if (failure instanceof IOException) {
            return "Could not reach " + where + ": " + failure.getMessage();
        }
        return "Unexpected error talking to " + where + ": " + failure;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        remote.connectionPool().evictAll();
    }
}
