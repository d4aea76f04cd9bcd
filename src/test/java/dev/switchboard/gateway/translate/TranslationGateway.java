package dev.switchboard.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.gateway.StoreCatalog;
import dev.switchboard.gateway.dataplane.DataPlaneHandler;
import dev.switchboard.gateway.upstream.SurfaceTranslators;
import dev.switchboard.gateway.usage.AttemptRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The real embedded gateway on a free loopback port with a temp data folder, set up only through its
 * control-plane HTTP API with the admin key: a chat-completions-only provider {@code local} (model
 * {@code llama3.2}), a messages-only provider {@code anthro} (model {@code claude-x}), both at the same
 * scripted model server, and one allow-all access key. The data plane is the standard one, with a listener
 * that keeps the usage records of the upstream attempts.
 */
final class TranslationGateway implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");

    private final List<AttemptRecord> attempts = new CopyOnWriteArrayList<>();
    private final EmbeddedGateway gateway;
    private final OkHttpClient http = new OkHttpClient();
    private String token;

    private TranslationGateway(Path dataDir) {
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(dataDir),
                store -> new DataPlaneHandler(new StoreCatalog(store), SurfaceTranslators.builtIn(), attempts::add));
    }

    static TranslationGateway start(Path dataDir, String modelBaseUrl) throws IOException {
        TranslationGateway g = new TranslationGateway(dataDir);
        String base = modelBaseUrl.replaceAll("/$", "");
        g.admin("/providers", provider("local", base, "openai", "chat-completions", "llama3.2"));
        g.admin("/providers", provider("anthro", base, "anthropic", "messages", "claude-x"));
        String config = g.admin("/access-key-configurations", Json.mapper().createObjectNode().put("name", "everything"))
                .get("id").asText();
        g.token = g.admin("/access-keys", Json.mapper().createObjectNode().put("name", "translation-e2e")
                .put("accessKeyConfigurationId", config)).get("token").asText();
        return g;
    }

    private static ObjectNode provider(String id, String baseUrl, String format, String surface, String model) {
        ObjectNode p = Json.mapper().createObjectNode().put("providerId", id).put("name", id).put("baseUrl", baseUrl);
        p.putArray("supportedApiSurfaces").addObject().put("format", format).put("surface", surface);
        p.putArray("models").addObject().put("modelId", model);
        return p;
    }

    private JsonNode admin(String path, ObjectNode body) throws IOException {
        Request request = new Request.Builder().url(baseUrl() + path)
                .header("Authorization", "Bearer " + gateway.adminKey())
                .post(RequestBody.create(Json.mapper().writeValueAsBytes(body), JSON)).build();
        try (Response r = http.newCall(request).execute()) {
            String text = r.body().string();
            assertThat(r.code()).as("POST %s -> %s", path, text).isEqualTo(201);
            return Json.mapper().readTree(text);
        }
    }

    /** {@code http://127.0.0.1:PORT}: the control plane at the root, the data plane under {@code /v1/}. */
    String baseUrl() {
        return gateway.baseUrl().toString().replaceAll("/$", "");
    }

    String accessToken() {
        return token;
    }

    void clearAttempts() {
        attempts.clear();
    }

    /** The usage records of the upstream attempts made so far. */
    List<AttemptRecord> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public void close() {
        gateway.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
