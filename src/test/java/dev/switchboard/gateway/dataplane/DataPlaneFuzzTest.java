package dev.switchboard.gateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.fuzz.FuzzBodies;
import dev.switchboard.gateway.fuzz.FuzzRun;
import dev.switchboard.gateway.fuzz.ModelServerStandIn;
import dev.switchboard.gateway.fuzz.TextFacts;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three data-plane endpoints get {@link FuzzRun#BODIES} generated bodies each, sent with a valid access
 * key (so they reach parsing, model resolution and translation) to the real embedded gateway in front of a
 * fast {@link ModelServerStandIn}. The expected answer of each body is worked out from the contract
 * (API.md) alone:
 * <ul>
 * <li>no UTF-8 JSON object (or a value after it, a duplicate key, a string that is not valid Unicode, a field
 *     {@code Model} or {@code MODELS}), {@code model} not a string, {@code models} not a list of strings, an empty name:
 *     {@code 400 ERR_NGROK_3801};
 * <li>a name the key may not call: {@code 422 ERR_NGROK_3803}; any other unknown name: {@code 422}
 *     ({@code 3803} or {@code 3804});
 * <li>input over {@code maxInputTokens} (4 characters a token): {@code 413 ERR_NGROK_3811};
 * <li>otherwise, for a provider that speaks the client's surface (passed through as is): {@code 200} from
 *     the model server; through a translator: {@code 200}, or {@code 400 ERR_NGROK_3801} when the
 *     translator cannot map the request. An unchanged valid body is always {@code 200}.
 * </ul>
 * Errors carry the surface's own error JSON and the trace headers. Every refused body is refused before
 * the model server sees it (its request count equals the number of {@code 200}s), and what reaches it
 * holds the allowed model and no output cap past {@code maxOutputTokens}. Never a {@code 5xx}, never a hang,
 * and the gateway answers normal requests afterwards.
 */
class DataPlaneFuzzTest {
    private static final long MAX_INPUT_TOKENS = 100_000;
    private static final long MAX_OUTPUT_TOKENS = 1_000;
    private static final ObjectReader READER = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    /** Names the key may call, and the surface of the provider that serves each. */
    private static final Map<String, String> ALLOWED = Map.of(
            "p-chat:gpt-x", "chat-completions", "gpt-x", "chat-completions",
            "p-resp:resp-x", "responses", "resp-x", "responses",
            "p-anth:claude-x", "messages", "claude-x", "messages");
    /** Names that exist but that the key's configuration leaves out. */
    private static final Set<String> DENIED = Set.of("p-chat:gpt-denied", "gpt-denied");

    @TempDir
    static Path dataDir;
    static GatewayFixture gw;
    static ModelServerStandIn models;
    static String token;
    static long seed;

    /** One client surface: its path, its name, and valid bodies (the golden client requests). */
    record Endpoint(String path, String surface, List<ObjectNode> seeds) {
    }

    @BeforeAll
    static void start() {
        seed = FuzzRun.seed();
        models = new ModelServerStandIn(Map.of(
                "/v1/chat/completions", new ModelServerStandIn.Surface("/v1/chat/completions", "gpt-x",
                        List.of("max_tokens", "max_completion_tokens"),
                        ModelServerStandIn.golden("messages-via-chat-completions/basic.upstream-response.json"),
                        ModelServerStandIn.golden("messages-via-chat-completions/stream-text.upstream-stream.sse")),
                "/v1/responses", new ModelServerStandIn.Surface("/v1/responses", "resp-x", List.of("max_output_tokens"),
                        ModelServerStandIn.golden("messages-via-responses/basic.upstream-response.json"),
                        ModelServerStandIn.golden("chat-completions-via-responses/stream.upstream-stream.sse")),
                "/v1/messages", new ModelServerStandIn.Surface("/v1/messages", "claude-x", List.of("max_tokens"),
                        ModelServerStandIn.golden("chat-completions-via-messages/basic.upstream-response.json"),
                        ModelServerStandIn.golden("chat-completions-via-messages/stream.upstream-stream.sse"))),
                MAX_OUTPUT_TOKENS);
        gw = new GatewayFixture(dataDir);
        gw.provider("p-chat", models.baseUrl(), List.of("openai/chat-completions"), List.of("gpt-x", "gpt-denied"));
        gw.provider("p-resp", models.baseUrl(), List.of("openai/responses"), List.of("resp-x"));
        gw.provider("p-anth", models.baseUrl(), List.of("anthropic/messages"), List.of("claude-x"));
        token = gw.accessKey(gw.configuration(
                "{\"models\":{\"allow\":[\"p-chat:gpt-x\",\"p-resp:resp-x\",\"p-anth:claude-x\"]}}", null));
        gw.gatewayConfig("{\"totalTimeout\":\"30s\",\"perRequestTimeout\":\"20s\",\"maxInputTokens\":" + MAX_INPUT_TOKENS
                + ",\"maxOutputTokens\":" + MAX_OUTPUT_TOKENS + "}");
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
        if (models != null) {
            models.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyEndpoint() throws IOException, URISyntaxException {
        List<Endpoint> endpoints = List.of(
                new Endpoint("/v1/chat/completions", "chat-completions", goldenRequests("chat-completions-via-")),
                new Endpoint("/v1/responses", "responses", goldenRequests("responses-via-")),
                new Endpoint("/v1/messages", "messages", goldenRequests("messages-via-")));
        List<JsonNode> donors = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of("model", "models", "stream", "max_tokens", "max_completion_tokens",
                "max_output_tokens", "messages", "input", "system", "tools", "content", "role", "type"));
        for (Endpoint e : endpoints) {
            for (ObjectNode s : e.seeds()) {
                collect(s, donors, names);
            }
        }
        return endpoints.stream().map(e -> DynamicTest.dynamicTest("POST " + e.path(), () -> {
            FuzzBodies bodies = new FuzzBodies(s -> validBody(e, s), names, donors);
            int before = models.hits();
            AtomicInteger ok = new AtomicInteger();
            FuzzRun.Report report = FuzzRun.run(gw.http, "POST " + e.path(), seed, FuzzRun.BODIES, bodies,
                    b -> new Request.Builder().url(gw.base + e.path())
                            .header("Authorization", "Bearer " + token)
                            .post(RequestBody.create(b, GatewayFixture.JSON)).build(),
                    (body, answer) -> {
                        if (answer.status() == 200) {
                            ok.incrementAndGet();
                        }
                        return problem(e, body, answer);
                    });
            assertThat(report.failures()).as("failures of POST %s (seed %s)", e.path(), seed).isEmpty();
            assertThat(models.violations()).as("what reached the model server").isEmpty();
            assertThat(models.hits() - before).as("model server requests: one per 200, none for a refusal")
                    .isEqualTo(ok.get());
            stillServes(e);
        }));
    }

    private static List<ObjectNode> goldenRequests(String dirPrefix) throws IOException, URISyntaxException {
        Path root = Path.of(DataPlaneFuzzTest.class.getResource("/translate").toURI());
        List<ObjectNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted().toList()) {
                if (p.getParent().getFileName().toString().startsWith(dirPrefix)
                        && p.getFileName().toString().endsWith(".client-request.json")) {
                    out.add((ObjectNode) Json.mapper().readTree(p.toFile()));
                }
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    private static void collect(JsonNode n, List<JsonNode> donors, List<String> names) {
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(f -> {
                if (!names.contains(f)) {
                    names.add(f);
                }
            });
        }
        n.forEach(child -> {
            donors.add(child);
            collect(child, donors, names);
        });
    }

    /** A golden request with a model the key may call (most often on the client's own surface) and maybe fallbacks. */
    private static ObjectNode validBody(Endpoint e, long s) {
        Random r = new Random(s);
        ObjectNode body = e.seeds().get(r.nextInt(e.seeds().size())).deepCopy();
        List<String> names = new ArrayList<>(ALLOWED.keySet());
        names.sort(null);
        List<String> native_ = names.stream().filter(n -> ALLOWED.get(n).equals(e.surface())).toList();
        body.put("model", r.nextBoolean() ? native_.get(r.nextInt(native_.size())) : names.get(r.nextInt(names.size())));
        if (r.nextInt(4) == 0) {
            var fallbacks = body.putArray("models");
            for (int i = r.nextInt(3); i >= 0; i--) {
                fallbacks.add(names.get(r.nextInt(names.size())));
            }
        }
        return body;
    }

    /** The check of one answer (null when right). */
    static String problem(Endpoint e, FuzzBodies.Body body, FuzzRun.Answer a) {
        if (a.status() >= 500) {
            return "server error " + a.status() + ": " + FuzzBodies.shorten(a.text());
        }
        String requestId = a.headers().get(DataPlaneHandler.REQUEST_ID);
        if (requestId == null || !requestId.startsWith("rq_")) {
            return "answered " + a.status() + " without the " + DataPlaneHandler.REQUEST_ID + " header";
        }
        Expected x = expected(e, body.bytes());
        if (a.status() == 200) {
            if (!x.mayPass()) {
                return "answered 200, expected " + x;
            }
            if (a.body().length == 0) {
                return "an empty 200";
            }
            return null;
        }
        if (body.unmutated()) {
            return "refused a valid body (" + x + "): " + FuzzBodies.shorten(a.text());
        }
        if (a.contentType() == null || !a.contentType().startsWith("application/json")) {
            return "error " + a.status() + " with content type " + a.contentType() + ": " + FuzzBodies.shorten(a.text());
        }
        JsonNode json = a.json();
        JsonNode error = json.path("error");
        boolean anthropic = e.surface().equals("messages");
        if (!error.path("message").isTextual() || error.path("message").asText().isBlank()
                || !error.path("type").isTextual() || (anthropic && !"error".equals(json.path("type").asText()))) {
            return "error " + a.status() + " without the " + (anthropic ? "Anthropic" : "OpenAI") + " error JSON: "
                    + FuzzBodies.shorten(a.text());
        }
        String code = error.path("code").asText("");
        if (!x.allows(a.status(), code)) {
            return "answered " + a.status() + " " + code + ", expected " + x + ": " + FuzzBodies.shorten(a.text());
        }
        return null;
    }

    /** What the contract says a body gets: one of some statuses with codes, and whether a 200 is right. */
    record Expected(String why, boolean mayPass, int status, Set<String> codes) {
        static Expected refuse(String why, int status, String... codes) {
            return new Expected(why, false, status, Set.of(codes));
        }

        boolean allows(int s, String code) {
            return s == status && codes.contains(code);
        }

        @Override
        public String toString() {
            return (mayPass ? "200" + (status != 0 ? " or " : "") : "") + (status != 0 ? status + " " + codes : "")
                    + " (" + why + ")";
        }
    }

    static Expected expected(Endpoint e, byte[] bytes) {
        JsonNode tree;
        try {
            tree = bytes.length == 0 || !TextFacts.isUtf8(bytes) ? null : READER.readTree(bytes);
        } catch (IOException notJson) {
            tree = null;
        }
        if (!(tree instanceof ObjectNode body)) {
            return Expected.refuse("not a UTF-8 JSON object (or a duplicate key)", 400, "ERR_NGROK_3801");
        }
        if (TextFacts.hasLoneSurrogate(body)) {
            return Expected.refuse("a string that is not valid Unicode", 400, "ERR_NGROK_3801");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String folded = name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
            if ((folded.equals("model") || folded.equals("models")) && !folded.equals(name)) {
                return Expected.refuse("a field " + name + " (model spelled another way)", 400, "ERR_NGROK_3801");
            }
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual()) {
            return Expected.refuse("model is not a string", 400, "ERR_NGROK_3801");
        }
        List<String> requested = new ArrayList<>(List.of(model.textValue()));
        JsonNode fallbacks = body.get("models");
        if (fallbacks != null && !fallbacks.isNull()) {
            if (!fallbacks.isArray()) {
                return Expected.refuse("models is not a list", 400, "ERR_NGROK_3801");
            }
            for (JsonNode f : fallbacks) {
                if (!f.isTextual()) {
                    return Expected.refuse("models holds a non-string", 400, "ERR_NGROK_3801");
                }
                requested.add(f.textValue());
            }
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            return Expected.refuse("stream is not a boolean", 400, "ERR_NGROK_3801");
        }
        for (String name : requested) {
            if (name.isEmpty()) {
                return Expected.refuse("an empty model name", 400, "ERR_NGROK_3801");
            }
            if (DENIED.contains(name)) {
                return Expected.refuse("model " + name + " is not allowed", 422, "ERR_NGROK_3803");
            }
            if (!ALLOWED.containsKey(name)) {
                return Expected.refuse("no model " + FuzzBodies.shorten(name), 422, "ERR_NGROK_3803", "ERR_NGROK_3804");
            }
        }
        long chars = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getKey().equals("model") && !f.getKey().equals("models")) {
                chars += textLength(f.getValue());
            }
        }
        if ((chars + 3) / 4 > MAX_INPUT_TOKENS) {
            return Expected.refuse("input over maxInputTokens", 413, "ERR_NGROK_3811");
        }
        if (ALLOWED.get(requested.get(0)).equals(e.surface())) {
            return new Expected("passed through to " + requested.get(0), true, 0, Set.of());
        }
        return new Expected("translated for " + requested.get(0), true, 400, Set.of("ERR_NGROK_3801"));
    }

    private static long textLength(JsonNode n) {
        if (n.isTextual()) {
            return n.textValue().length();
        }
        long sum = 0;
        for (JsonNode c : n) {
            sum += textLength(c);
        }
        return sum;
    }

    /** A normal request on the surface, and the model list, still work. */
    private static void stillServes(Endpoint e) throws IOException {
        ObjectNode body = e.seeds().get(0).deepCopy();
        body.put("model", e.surface().equals("messages") ? "p-anth:claude-x"
                : e.surface().equals("responses") ? "p-resp:resp-x" : "p-chat:gpt-x");
        body.remove("stream");
        try (Response r = gw.post(e.path(), token, body.toString())) {
            String text = r.body().string();
            assertThat(r.code()).as(text).isEqualTo(200);
            assertThat(Json.mapper().readTree(text).isObject()).isTrue();
            assertThat(r.header(DataPlaneHandler.MODEL)).isEqualTo(body.get("model").asText());
        }
        try (Response r = gw.http.newCall(new Request.Builder().url(gw.base + "/v1/models")
                .header("Authorization", "Bearer " + token).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(Json.mapper().readTree(r.body().string()).path("data").size()).isEqualTo(3);
        }
    }
}
