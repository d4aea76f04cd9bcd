package dev.switchboard.discovery;

import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer that answers like a model server: routes are scripted by "METHOD /path";
 * anything else is a 404, as real servers answer unknown routes.
 */
public final class ScriptedModelServer implements AutoCloseable {
    private final MockWebServer server = ModelServers.mockWebServer();
    private final Map<String, MockResponse> routes = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile MockResponse fallback = json(404, "{\"error\":\"not found\"}");

    public ScriptedModelServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                String path = request.getUrl().encodedPath();
                MockResponse response = routes.get(request.getMethod() + " " + path);
                return response != null ? response : fallback;
            }
        });
        server.start();
    }

    /** Speaks like Ollama: /api/version, /api/tags, /v1/chat/completions; /v1/responses exists. */
    public static ScriptedModelServer ollama(String version, String... modelNames) throws IOException {
        ScriptedModelServer s = new ScriptedModelServer();
        s.route("GET /api/version", json(200, "{\"version\":\"" + version + "\"}"));
        StringBuilder models = new StringBuilder("{\"models\":[");
        for (int i = 0; i < modelNames.length; i++) {
            models.append(i > 0 ? "," : "").append("{\"name\":\"").append(modelNames[i]).append("\",\"model\":\"")
                    .append(modelNames[i]).append("\",\"size\":2019393189,\"details\":{\"family\":\"llama\"}}");
        }
        s.route("GET /api/tags", json(200, models.append("]}").toString()));
        s.route("POST /v1/responses", json(400, "{\"error\":{\"message\":\"model is required\",\"type\":\"invalid_request_error\"}}"));
        s.route("POST /v1/chat/completions", json(200, chatCompletion("llama3.2", "Hello from Ollama!")));
        return s;
    }

    /** Speaks OpenAI's /v1/models, with {@code owned_by} as the given server writes it. */
    public static ScriptedModelServer openAi(String ownedBy, String... modelIds) throws IOException {
        ScriptedModelServer s = new ScriptedModelServer();
        StringBuilder models = new StringBuilder("{\"object\":\"list\",\"data\":[");
        for (int i = 0; i < modelIds.length; i++) {
            models.append(i > 0 ? "," : "").append("{\"id\":\"").append(modelIds[i])
                    .append("\",\"object\":\"model\",\"created\":1700000000,\"owned_by\":\"").append(ownedBy).append("\"}");
        }
        s.route("GET /v1/models", json(200, models.append("]}").toString()));
        return s;
    }

    public static String chatCompletion(String model, String reply) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + reply
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}}";
    }

    public static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    public static MockResponse slow(long delayMillis) {
        return new MockResponse.Builder().code(200).body("{}").headersDelay(delayMillis, TimeUnit.MILLISECONDS).build();
    }

    public ScriptedModelServer route(String methodAndPath, MockResponse response) {
        routes.put(methodAndPath, response);
        return this;
    }

    public ScriptedModelServer otherwise(MockResponse response) {
        fallback = response;
        return this;
    }

    public int port() {
        return server.getPort();
    }

    public ScanTarget target() {
        return new ScanTarget("127.0.0.1", port());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public List<RecordedRequest> requests() {
        return requests;
    }

    /** A loopback port nothing listens on (bound once, then released). */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
