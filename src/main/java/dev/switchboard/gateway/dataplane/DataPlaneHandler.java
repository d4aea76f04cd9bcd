package dev.switchboard.gateway.dataplane;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.api.ModelRef;
import dev.switchboard.gateway.access.AccessCache;
import dev.switchboard.gateway.access.KeyAccess;
import dev.switchboard.gateway.route.Candidate;
import dev.switchboard.gateway.route.DataPlaneError;
import dev.switchboard.gateway.route.GatewayCatalog;
import dev.switchboard.gateway.route.RoutePlanner;
import dev.switchboard.gateway.route.RoutingTable;
import dev.switchboard.gateway.route.RoutingTable.ProviderRoute;
import dev.switchboard.gateway.server.DataPlaneErrorWriter;
import dev.switchboard.gateway.upstream.Surface;
import dev.switchboard.gateway.upstream.SurfaceTranslators;
import dev.switchboard.gateway.usage.AttemptListener;
import dev.switchboard.gateway.usage.AttemptRecord;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane, as a Jetty handler for {@code /v1/*}: authenticates the access key, parses and
 * plans the request (model resolution, allowlist, candidates), then hands it to a
 * {@link ProxyExchange} that calls the provider through one shared, pooled, asynchronous
 * {@link HttpClient}. Its lifecycle (and the client's) follows the server it is added to.
 */
public final class DataPlaneHandler extends Handler.Abstract implements DataPlaneErrorWriter {
    public static final String REQUEST_ID = "Ngrok-AIG-Request-Id";
    public static final String ATTEMPTS = "Ngrok-AIG-Attempts";
    public static final String MODEL = "Ngrok-AIG-Model";

    private static final Logger LOG = LoggerFactory.getLogger(DataPlaneHandler.class);
    private static final int MAX_BODY = 32 << 20;
    /** An over-long body is read (and dropped) up to this size so the client sees the 413 rather than a reset. */
    private static final long DRAIN_LIMIT = 2L * MAX_BODY;
    private static final char[] ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

    private final GatewayCatalog catalog;
    private final AccessCache cache;
    private final RoutePlanner planner;
    private final SurfaceTranslators translators;
    private final AttemptListener attemptListener;
    private final HttpClient httpClient;
    private volatile Deadlines deadlines;

    public DataPlaneHandler(GatewayCatalog catalog) {
        this(catalog, SurfaceTranslators.builtIn(), AttemptListener.NONE);
    }

    public DataPlaneHandler(GatewayCatalog catalog, SurfaceTranslators translators, AttemptListener attemptListener) {
        this.catalog = catalog;
        this.cache = new AccessCache(catalog);
        this.translators = translators;
        this.planner = new RoutePlanner(translators);
        this.attemptListener = attemptListener == null ? AttemptListener.NONE : attemptListener;
        ClientConnector connector = new ClientConnector();
        // Answers are relayed on these threads (the transport is non-blocking): one per two cores, at most 4.
        connector.setSelectors(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() / 2)));
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
        // The relay's listeners never block: answers are read and relayed on the thread that read them.
        transport.setInvocationType(InvocationType.NON_BLOCKING);
        HttpClient client = new HttpClient(transport);
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(512);
        client.setMaxRequestsQueuedPerDestination(8192);
        client.setConnectTimeout(10_000);
        client.setIdleTimeout(120_000);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Switchboard"));
        // Each call is made for whichever access key asked: a cookie one provider answer set must never ride
        // along on the next call (Jetty's client keeps and sends cookies by default).
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        // Relay the provider's bytes as they are: no Accept-Encoding, nothing to decode.
        client.getContentDecoderFactories().clear();
        this.httpClient = client;
        addBean(client);
    }

    @Override
    protected void doStart() throws Exception {
        Server server = getServer();
        if (server != null && httpClient.getExecutor() == null) {
            // One thread pool and one scheduler for both sides keeps the thread count (and RSS) down.
            httpClient.setExecutor(server.getThreadPool());
            httpClient.setScheduler(server.getScheduler());
        }
        super.doStart();
        // Started clients may have registered decoders found on the class path; relay bytes as they are.
        httpClient.getContentDecoderFactories().clear();
        // A provider's 401 is an answer to relay, not a challenge for this client to answer: Jetty's
        // handler would turn one without WWW-Authenticate into a failure (and a failover).
        httpClient.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
        deadlines = new Deadlines(httpClient.getScheduler(), httpClient.getExecutor());
    }

    @Override
    protected void doStop() throws Exception {
        Deadlines d = deadlines;
        if (d != null) {
            d.stop();
        }
        super.doStop();
    }

    HttpClient httpClient() {
        return httpClient;
    }

    /** The per-request and total timeouts of the exchanges in flight. */
    Deadlines deadlines() {
        return deadlines;
    }

    SurfaceTranslators translators() {
        return translators;
    }

    GatewayCatalog catalog() {
        return catalog;
    }

    AttemptListener attemptListener() {
        return attemptListener;
    }

    /** Drops cached keys and routing now (the store's change listener does this on every change). */
    public void invalidate() {
        cache.invalidate();
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /**
     * Runs on the thread that read the request when the key and the routing table are cached (nothing here
     * blocks then); otherwise on the thread pool, since loading them reads the store.
     */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String token = token(request);
        KeyAccess cached = cache.cached(token);
        if ((cached == null && token != null && !token.isEmpty()) || !cache.hasTable()) {
            request.getComponents().getThreadPool().execute(() -> {
                try {
                    handle(request, response, callback, token, null);
                } catch (Throwable x) {
                    callback.failed(x);
                }
            });
            return true;
        }
        return handle(request, response, callback, token, cached);
    }

    private boolean handle(Request request, Response response, Callback callback, String token, KeyAccess cached) {
        String path = Request.getPathInContext(request);
        if (path.startsWith("/v1/")) {
            path = path.substring(3);
        }
        String requestId = newRequestId();
        boolean models = path.equals("/models");
        Surface surface = models ? null : Surface.forPath(path).orElse(null);
        Surface errorShape = surface == null ? Surface.CHAT_COMPLETIONS : surface;
        try {
            if (!models && surface == null) {
                throw new DataPlaneError(404, null, DataPlaneError.Kind.NOT_FOUND, "There is no data-plane endpoint at "
                        + request.getHttpURI().getPath() + ". Use POST /v1/chat/completions, /v1/responses or"
                        + " /v1/messages, or GET /v1/models.");
            }
            String method = request.getMethod();
            if (models ? !HttpMethod.GET.is(method) : !HttpMethod.POST.is(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, models ? "GET" : "POST");
                throw new DataPlaneError(405, null, DataPlaneError.Kind.INVALID_REQUEST,
                        "Use " + (models ? "GET" : "POST") + " for " + request.getHttpURI().getPath() + ".");
            }
            KeyAccess access = (cached != null ? Optional.of(cached) : cache.authenticate(token)).orElseThrow(() -> DataPlaneError.unauthorized(
                    "Missing or unknown access key. Send it as 'Authorization: Bearer <access key>' or"
                            + " 'x-api-key: <access key>'; create one under Access keys if you have none."));
            catalog.accessKeyUsed(access.accessKeyId());
            if (models) {
                writeModels(access, request, response, callback, requestId);
                return true;
            }
            // The whole body must arrive within totalTimeout, so a client trickling it cannot hold the request open.
            long deadline = cache.table().limits().totalTimeout().toMillis();
            new RequestBodyReader(request, MAX_BODY, DRAIN_LIMIT, deadline, new RequestBodyReader.Outcome() {
                @Override
                public void body(byte[] bytes) {
                    proceed(request, response, callback, requestId, surface, access, bytes);
                }

                @Override
                public void refused(DataPlaneError error, boolean closeConnection) {
                    if (closeConnection) {
                        response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    }
                    writeError(response, callback, requestId, errorShape, error, null);
                }
            }).start(deadlines);
        } catch (DataPlaneError e) {
            writeError(response, callback, requestId, errorShape, e, null);
        }
        return true;
    }

    /** Errors Jetty raised for a data-plane path before {@link #handle} ran, in the surface's shape. */
    @Override
    public void writeError(Request request, Response response, Callback callback, int status, String reason) {
        String path;
        try {
            path = request.getHttpURI().getDecodedPath();
        } catch (RuntimeException e) {
            path = request.getHttpURI().getPath();
        }
        String collapsed = path == null ? "" : path.replaceAll("/{2,}", "/");
        Surface shape = collapsed.regionMatches(true, 0, "/v1/", 0, 4)
                ? Surface.forPath(collapsed.substring(3)).orElse(Surface.CHAT_COMPLETIONS) : Surface.CHAT_COMPLETIONS;
        DataPlaneError.Kind kind = status == 404 ? DataPlaneError.Kind.NOT_FOUND
                : status == 413 ? DataPlaneError.Kind.TOO_LARGE
                : status >= 500 ? DataPlaneError.Kind.UPSTREAM : DataPlaneError.Kind.INVALID_REQUEST;
        String message = status != 400 && status != 404 ? reason : reason + ". Use POST /v1/chat/completions,"
                + " /v1/responses or /v1/messages, or GET /v1/models, each written exactly so.";
        writeError(response, callback, newRequestId(), shape, new DataPlaneError(status, null, kind, message), null);
    }

    private void proceed(Request request, Response response, Callback callback, String requestId, Surface surface,
                         KeyAccess access, byte[] bytes) {
        String requestedModel = null;
        boolean streamRequested = false;
        try {
            refuseModelInQuery(request);
            RoutingTable table = cache.table();
            Long maxInput = table.limits().maxInputTokens();
            ClientBody body = ClientBody.read(bytes);
            requestedModel = body.model();
            boolean stream = body.stream();
            streamRequested = stream;
            List<Candidate> candidates = planner.plan(body.requested(), access, table, surface);
            if (maxInput != null) {
                long estimate = body.inputTokenEstimate();
                if (estimate > maxInput) {
                    throw new DataPlaneError(413, DataPlaneError.INPUT_TOO_LARGE, DataPlaneError.Kind.TOO_LARGE,
                            "The request's input is about " + estimate + " tokens, over the gateway's maxInputTokens of "
                                    + maxInput + ". Shorten the prompt or raise maxInputTokens in the gateway configuration.");
                }
            }
            new ProxyExchange(this, request, response, callback, requestId, access, surface, body, stream, candidates,
                    table.limits()).start();
        } catch (DataPlaneError e) {
            recordRefusal(requestId, access, surface, requestedModel, e, streamRequested);
            writeError(response, callback, requestId, surface, e, requestedModel);
        } catch (RuntimeException e) {
            LOG.warn("{} failed inside the gateway", requestId, e);
            writeError(response, callback, requestId, surface, new DataPlaneError(500, null, DataPlaneError.Kind.UPSTREAM,
                    "The gateway failed on this request (" + e.getClass().getSimpleName() + "); see its log, request "
                            + requestId + "."), requestedModel);
        }
    }

    /** A request refused before any upstream attempt still gets its row in the request log (attempt 0). */
    private void recordRefusal(String requestId, KeyAccess access, Surface surface, String requestedModel,
                               DataPlaneError e, boolean stream) {
        String provider = null;
        String model = requestedModel;
        if (requestedModel != null) {
            var ref = dev.switchboard.api.ModelRef.parse(requestedModel);
            if (ref.isPresent()) {
                provider = ref.get().provider();
                model = ref.get().model();
            }
        }
        try {
            attemptListener.onAttempt(new AttemptRecord(java.time.Instant.now(), requestId, access.accessKeyId(),
                    provider, model, surface.surfaceName(), 0, true, e.status(), false,
                    (e.code() == null ? "" : e.code() + ": ") + e.kind().name().toLowerCase(java.util.Locale.ROOT),
                    stream, 0, -1, -1, -1, null, null, surface.surfaceName(), List.of()));
        } catch (RuntimeException listenerFailure) {
            LOG.warn("usage listener failed for {}", requestId, listenerFailure);
        }
    }

    /** The model is named in the body only; a {@code model} in the query string is refused, never read. */
    private static void refuseModelInQuery(Request request) {
        String query = request.getHttpURI().getQuery();
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // not decodable: compare it as it was sent
            }
            String folded = ClientBody.fold(name.strip());
            if (folded.equals("model") || folded.equals("models")) {
                throw DataPlaneError.badRequest("Name the model in the JSON body's \"model\" field (fallbacks in"
                        + " \"models\"), not in the query string.");
            }
        }
    }

    private void writeModels(KeyAccess access, Request request, Response response, Callback callback, String requestId) {
        RoutingTable table = cache.table();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (ProviderRoute p : table.providers()) {
            if (!access.policy().allowsProvider(p.providerId())) {
                continue;
            }
            long created = p.provider().createdAt() == null ? 0 : p.provider().createdAt().getEpochSecond();
            for (String model : p.models()) {
                ModelRef ref = new ModelRef(p.providerId(), model);
                if (RoutePlanner.callable(ref, access, table)) {
                    ObjectNode m = data.addObject();
                    m.put("id", ref.toString());
                    m.put("object", "model");
                    m.put("created", created);
                    m.put("owned_by", p.providerId());
                }
            }
        }
        response.getHeaders().put(REQUEST_ID, requestId);
        response.getHeaders().put(ATTEMPTS, "0");
        response.getHeaders().put(MODEL, "");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(ErrorBodies.bytes(root)), callback);
    }

    private static void writeError(Response response, Callback callback, String requestId, Surface shape,
                                   DataPlaneError e, String requestedModel) {
        if (e.status() >= 500) {
            LOG.info("{} -> {} {}", requestId, e.status(), e.code());
        } else {
            LOG.debug("{} -> {} {}", requestId, e.status(), e.code());
        }
        response.setStatus(e.status());
        response.getHeaders().put(REQUEST_ID, requestId);
        response.getHeaders().put(ATTEMPTS, "0");
        response.getHeaders().put(MODEL, requestedModel == null ? "" : headerSafe(requestedModel));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (e.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        response.write(true, ByteBuffer.wrap(ErrorBodies.body(shape, e, null)), callback);
    }

    private static String headerSafe(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 300));
        for (int i = 0; i < s.length() && i < 300; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }

    private static String token(Request request) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String t = auth.substring(7).trim();
            if (!t.isEmpty()) {
                return t;
            }
        }
        String apiKey = request.getHeaders().get("x-api-key");
        return apiKey == null ? null : apiKey.trim();
    }

    static String newRequestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[26];
        for (int i = 0; i < out.length; i++) {
            out[i] = ID_CHARS[r.nextInt(ID_CHARS.length)];
        }
        return "rq_" + new String(out);
    }
}
