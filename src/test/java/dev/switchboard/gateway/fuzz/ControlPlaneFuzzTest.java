package dev.switchboard.gateway.fuzz;

import static dev.switchboard.gateway.fuzz.BodySchema.ANY;
import static dev.switchboard.gateway.fuzz.BodySchema.FORBIDDEN;
import static dev.switchboard.gateway.fuzz.BodySchema.POSITIVE_WHOLE;
import static dev.switchboard.gateway.fuzz.BodySchema.arr;
import static dev.switchboard.gateway.fuzz.BodySchema.obj;
import static dev.switchboard.gateway.fuzz.BodySchema.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.fuzz.BodySchema.Obj;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every control-plane write endpoint gets {@link FuzzRun#BODIES} generated bodies through real HTTP to the real
 * embedded gateway. Every answer must be a {@code 4xx} with the error JSON ({@code errorCode}, {@code statusCode}
 * equal to the HTTP status, {@code msg}), or a {@code 2xx} for a body that keeps the endpoint's {@link BodySchema}
 * (API.md's fields, types, lengths, required and nullable ones), and then the resource reads back what was sent;
 * a body that keeps the schema may still be refused for a rule beyond shape (a URL, a reference, a duplicate).
 * Never a {@code 5xx}, never a hang. What the bytes alone decide is checked exactly: over 1 MiB is
 * {@code 413 ERR_NGROK_27010}; empty, not UTF-8, not a JSON object, a duplicate key or a lone surrogate is
 * {@code 400 ERR_NGROK_27000}; an unknown top-level field is {@code 400 ERR_NGROK_27009}; an unchanged valid
 * body is the endpoint's {@code 2xx}. After each endpoint the gateway must still serve normal requests.
 */
class ControlPlaneFuzzTest {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectReader STRICT = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    @TempDir
    static Path dataDir;
    static GatewayHarness gw;
    static OkHttpClient http;
    static long seed;
    static String providerKeyId;
    static String configurationId;
    static List<Endpoint> endpoints;

    /** One write endpoint: where, how, the status of success, its body schema and a valid body. */
    record Endpoint(String method, String path, int success, Obj schema, LongFunction<ObjectNode> valid) {
        String name() {
            return method + " " + path.replaceAll("/(aig[a-z]*_)[A-Za-z0-9]+", "/{$1id}");
        }
    }

    @BeforeAll
    static void start() {
        gw = new GatewayHarness(dataDir);
        http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(30)).build();
        seed = FuzzRun.seed();
        gw.post("/providers", "{\"providerId\":\"fz-base\",\"baseUrl\":\"http://localhost:11434\","
                + "\"models\":[{\"modelId\":\"llama3.2\"},{\"modelId\":\"qwen2.5:0.5b\"}]}");
        String patchProvider = created(gw.post("/providers", "{\"providerId\":\"fz-patch\",\"baseUrl\":\"http://localhost:1\"}"));
        providerKeyId = created(gw.post("/provider-keys", "{\"providerId\":\"fz-base\",\"name\":\"main\",\"value\":\"sk-main-0001\"}"));
        String patchKey = created(gw.post("/provider-keys", "{\"providerId\":\"fz-base\",\"name\":\"p\",\"value\":\"sk-patch-0001\"}"));
        String rotateKey = created(gw.post("/provider-keys", "{\"providerId\":\"fz-base\",\"name\":\"r\",\"value\":\"sk-rot-0001\"}"));
        configurationId = created(gw.post("/access-key-configurations", configuration(1).toString()));
        String patchConfiguration = created(gw.post("/access-key-configurations", configuration(2).toString()));
        String patchAccessKey = created(gw.post("/access-keys", "{\"name\":\"patch-me\"}"));

        Obj description = obj().opt("description", str(0, 255)).opt("metadata", str(0, 4096));
        Obj metadata = obj().opt("metadata", str(0, 4096));
        BodySchema surfaces = arr(obj().req("format", str(1, 32)).req("surface", str(1, 32))
                .opt("supportedParams", arr(obj().req("name", str(1, 255)))));
        BodySchema models = arr(obj().req("modelId", str(1, 255)).opt("id", ANY));
        BodySchema allow = obj().req("allow", arr(str(1, 512)));
        BodySchema access = obj().opt("providers", allow).opt("models", allow);
        BodySchema router = obj().opt("rules", arr(obj().opt("provider", str(0, 255)).opt("model", str(0, 512))
                .opt("steps", arr(obj().opt("type", str(0, 32)).opt("keySelectionStrategy", str(0, 32))
                        .opt("keys", arr(obj().opt("id", str(0, 255)).opt("name", str(0, 255)).opt("value", ANY)))))));

        endpoints = List.of(
                new Endpoint("POST", "/providers", 201, with(metadata).req("providerId", str(1, 255))
                        .req("baseUrl", str(1, 2048)).opt("name", str(0, 255)).opt("supportedApiSurfaces", surfaces)
                        .opt("models", models), ControlPlaneFuzzTest::provider),
                new Endpoint("PATCH", "/providers/" + patchProvider, 200, with(metadata).opt("providerId", ANY)
                        .optNotNull("baseUrl", str(1, 2048)).opt("name", str(0, 255))
                        .optNotNull("supportedApiSurfaces", surfaces).opt("models", models), s -> {
                            ObjectNode p = provider(s);
                            p.put("providerId", "fz-patch");
                            return p;
                        }),
                new Endpoint("POST", "/provider-keys", 201, with(description).req("providerId", str(1, 255))
                        .opt("name", str(0, 255)).req("value", str(1, 8192)), ControlPlaneFuzzTest::providerKey),
                new Endpoint("PATCH", "/provider-keys/" + patchKey, 200, with(description).opt("providerId", ANY)
                        .opt("name", str(0, 255)).opt("value", FORBIDDEN), s -> {
                            ObjectNode k = providerKey(s);
                            k.remove("value");
                            return k;
                        }),
                new Endpoint("POST", "/provider-keys/" + rotateKey + "/rotate", 200, obj().opt("name", str(0, 255))
                        .req("value", str(1, 8192)), s -> {
                            ObjectNode k = providerKey(s);
                            k.remove(List.of("providerId", "description", "metadata"));
                            return k;
                        }),
                new Endpoint("POST", "/access-keys", 201, with(description).opt("name", str(0, 255))
                        .opt("accessKeyConfigurationId", str(0, 255)), ControlPlaneFuzzTest::accessKey),
                new Endpoint("PATCH", "/access-keys/" + patchAccessKey, 200, with(description).opt("name", str(0, 255))
                        .opt("accessKeyConfigurationId", str(0, 255)).opt("token", FORBIDDEN),
                        ControlPlaneFuzzTest::accessKey),
                new Endpoint("POST", "/access-key-configurations", 201, with(description).req("name", str(1, 255))
                        .opt("access", access).opt("router", router), ControlPlaneFuzzTest::configuration),
                new Endpoint("PATCH", "/access-key-configurations/" + patchConfiguration, 200, with(description)
                        .optNotNull("name", str(1, 255)).opt("access", access).opt("router", router),
                        ControlPlaneFuzzTest::configuration),
                new Endpoint("PATCH", "/gateway-config", 200, obj().optNotNull("totalTimeout", str(1, 64))
                        .optNotNull("perRequestTimeout", str(1, 64)).opt("maxInputTokens", POSITIVE_WHOLE)
                        .opt("maxOutputTokens", POSITIVE_WHOLE).opt("metadata", str(0, 4096)),
                        ControlPlaneFuzzTest::gatewayConfig));
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
        if (http != null) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private static Obj with(Obj common) {
        Obj o = obj();
        o.fields().putAll(common.fields());
        return o;
    }

    private static String created(GatewayHarness.Answer a) {
        assertThat(a.status()).as("%s", a).isEqualTo(201);
        return a.json().get("id").asText();
    }

    // ---- valid bodies (unique where the endpoint needs it) ----

    static ObjectNode provider(long s) {
        ObjectNode p = Json.mapper().createObjectNode();
        p.put("providerId", "fz-" + Long.toHexString(s));
        p.put("name", "Fuzz " + s);
        p.put("baseUrl", List.of("http://localhost:11434", "https://models.example.com/v1", "http://gpu.internal:8000",
                "http://127.0.0.1:8080", "http://[::1]:9000").get((int) Math.floorMod(s, 5L)));
        ArrayNode surfaces = p.putArray("supportedApiSurfaces");
        surfaces.addObject().put("format", "openai").put("surface", "chat-completions")
                .putArray("supportedParams").addObject().put("name", "temperature");
        surfaces.addObject().put("format", "openai").put("surface", "responses");
        surfaces.addObject().put("format", "anthropic").put("surface", "messages");
        ArrayNode models = p.putArray("models");
        models.addObject().put("modelId", "llama3.2");
        models.addObject().put("modelId", "qwen2.5:0.5b");
        p.put("metadata", "{\"team\":\"fuzz\"}");
        return p;
    }

    static ObjectNode providerKey(long s) {
        return Json.mapper().createObjectNode().put("providerId", "fz-base").put("name", "key " + s)
                .put("value", "sk-fuzz-" + Long.toHexString(s) + "-secret").put("description", "d").put("metadata", "m");
    }

    static ObjectNode accessKey(long s) {
        ObjectNode k = Json.mapper().createObjectNode().put("name", "laptop " + s).put("description", "d")
                .put("metadata", "m");
        if (s % 2 == 0) {
            k.put("accessKeyConfigurationId", configurationId);
        } else {
            k.putNull("accessKeyConfigurationId");
        }
        return k;
    }

    static ObjectNode configuration(long s) {
        ObjectNode c = Json.mapper().createObjectNode().put("name", "cfg " + s).put("description", "d");
        ObjectNode access = c.putObject("access");
        access.putObject("providers").putArray("allow").add("fz-base");
        access.putObject("models").putArray("allow").add("fz-base:llama3.2").add("fz-base:qwen2.5:0.5b");
        ArrayNode rules = c.putObject("router").putArray("rules");
        ObjectNode byProvider = rules.addObject().put("provider", "fz-base");
        ObjectNode step = byProvider.putArray("steps").addObject().put("type", "user").put("keySelectionStrategy", "ordered");
        step.putArray("keys").addObject().put("id", providerKeyId);
        ObjectNode byModel = rules.addObject().put("model", "fz-base:llama3.2");
        byModel.putArray("steps").addObject().putArray("keys").addObject().put("name", "inline " + s)
                .put("value", "sk-inline-" + Long.toHexString(s));
        return c;
    }

    static ObjectNode gatewayConfig(long s) {
        ObjectNode g = Json.mapper().createObjectNode().put("totalTimeout", "120s").put("perRequestTimeout", "1m30s");
        if (s % 2 == 0) {
            g.putNull("maxInputTokens").put("maxOutputTokens", 4096);
        } else {
            g.put("maxInputTokens", 100_000).putNull("maxOutputTokens");
        }
        return g;
    }

    // ---- the run ----

    @TestFactory
    Stream<DynamicTest> everyWriteEndpoint() {
        return endpoints.stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
            FuzzBodies bodies = new FuzzBodies(e.valid(), fieldNames(), donors());
            FuzzRun.Report report = FuzzRun.run(http, e.name(), seed, FuzzRun.BODIES, bodies,
                    b -> new Request.Builder().url(gw.gateway.baseUrl() + e.path())
                            .header("Authorization", "Bearer " + gw.gateway.adminKey())
                            .method(e.method(), RequestBody.create(b, JSON)).build(),
                    (body, answer) -> problem(e, body, answer));
            assertThat(report.failures()).as("failures of %s (seed %s)", e.name(), seed).isEmpty();
            stillServes();
        }));
    }

    /** Every field name the valid bodies and schemas know, plus read-only ones: used as extra or misplaced fields. */
    private static List<String> fieldNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Endpoint e : endpoints) {
            collectNames(e.valid().apply(1), names);
            names.addAll(e.schema().fields().keySet());
        }
        names.addAll(List.of("id", "uri", "createdAt", "updatedAt", "token", "keyRedacted", "lastUsed"));
        return List.copyOf(names);
    }

    private static void collectNames(JsonNode n, Set<String> names) {
        if (n.isObject()) {
            n.fieldNames().forEachRemaining(names::add);
        }
        n.forEach(child -> collectNames(child, names));
    }

    private static List<JsonNode> donors() {
        List<JsonNode> out = new ArrayList<>();
        for (Endpoint e : endpoints) {
            collectValues(e.valid().apply(7), out);
        }
        return out;
    }

    private static void collectValues(JsonNode n, List<JsonNode> out) {
        n.forEach(child -> {
            out.add(child);
            collectValues(child, out);
        });
    }

    /**
     * What the bytes alone say about a body: why it must be refused (null when it keeps the schema), the exact
     * status and code when the bytes fix them, and the parsed body.
     */
    record Verdict(String mustFail, int status, String code, JsonNode tree) {
        static Verdict exactly(String why, int status, String code) {
            return new Verdict(why, status, code, null);
        }
    }

    static Verdict verdict(Endpoint e, byte[] b) {
        if (b.length > FuzzBodies.LIMIT) {
            return Verdict.exactly("is over 1 MiB", 413, "ERR_NGROK_27010");
        }
        if (b.length == 0) {
            return Verdict.exactly("is empty", 400, "ERR_NGROK_27000");
        }
        if (!TextFacts.isUtf8(b)) {
            return Verdict.exactly("is not UTF-8", 400, "ERR_NGROK_27000");
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(b);
        } catch (Exception notJson) {
            return Verdict.exactly("is not JSON (or has a duplicate key)", 400, "ERR_NGROK_27000");
        }
        if (tree == null || !tree.isObject()) {
            return Verdict.exactly("is not a JSON object", 400, "ERR_NGROK_27000");
        }
        if (TextFacts.hasLoneSurrogate(tree)) {
            return Verdict.exactly("holds a lone surrogate", 400, "ERR_NGROK_27000");
        }
        String broken = e.schema().violation(tree, "");
        if (broken != null && broken.startsWith("unknown field ") && !broken.contains(".")) {
            return new Verdict(broken, 400, "ERR_NGROK_27009", tree);
        }
        return new Verdict(broken, 0, null, tree);
    }

    /** The check of one answer (null when right). */
    static String problem(Endpoint e, FuzzBodies.Body body, FuzzRun.Answer a) {
        if (a.status() >= 500) {
            return "server error " + a.status() + ": " + FuzzBodies.shorten(a.text());
        }
        Verdict v = verdict(e, body.bytes());
        JsonNode json = a.json();
        if (a.status() >= 200 && a.status() < 300) {
            if (v.mustFail() != null) {
                return "accepted (" + a.status() + ") although the body " + v.mustFail() + ": "
                        + FuzzBodies.shorten(a.text());
            }
            if (a.status() != e.success()) {
                return "success status " + a.status() + ", expected " + e.success();
            }
            return echoProblem(v.tree(), json, a.text());
        }
        if (a.status() < 400) {
            return "status " + a.status();
        }
        if (a.contentType() == null || !a.contentType().startsWith("application/json")) {
            return "error " + a.status() + " with content type " + a.contentType() + ": " + FuzzBodies.shorten(a.text());
        }
        if (!json.path("errorCode").asText("").startsWith("ERR_NGROK_") || json.path("statusCode").asInt() != a.status()
                || json.path("msg").asText("").isBlank()) {
            return "error " + a.status() + " without the error JSON: " + FuzzBodies.shorten(a.text());
        }
        if (body.unmutated()) {
            return "refused a valid body: " + FuzzBodies.shorten(a.text());
        }
        if (v.status() != 0 && (a.status() != v.status() || !v.code().equals(json.path("errorCode").asText()))) {
            return "the body " + v.mustFail() + ": expected " + v.status() + " " + v.code() + ", got "
                    + FuzzBodies.shorten(a.text());
        }
        return null;
    }

    /** A write that succeeded reads back what was sent, and never shows a provider key's value. */
    private static String echoProblem(JsonNode sent, JsonNode got, String gotText) {
        for (String f : List.of("providerId", "name", "baseUrl", "description", "metadata", "totalTimeout",
                "perRequestTimeout", "maxInputTokens", "maxOutputTokens")) {
            JsonNode v = sent.get(f);
            if (v != null && (v.isTextual() || v.isNumber()) && !v.equals(got.get(f))) {
                return "sent " + f + "=" + FuzzBodies.shorten(v.toString()) + " but read back "
                        + FuzzBodies.shorten(String.valueOf(got.get(f)));
            }
        }
        JsonNode value = sent.get("value");
        if (value != null && value.isTextual() && value.textValue().length() >= 12
                && gotText.contains(Json.mapper().valueToTree(value.textValue()).toString().replaceAll("^\"|\"$", ""))) {
            return "the answer shows the provider key's value";
        }
        return null;
    }

    /** A normal request still works: list, create, read and delete a provider. */
    private static void stillServes() {
        assertThat(gw.get("/providers?limit=1").status()).isEqualTo(200);
        GatewayHarness.Answer made = gw.post("/providers", "{\"providerId\":\"alive-check\",\"baseUrl\":\"http://localhost:1\"}");
        assertThat(made.status()).as("%s", made).isEqualTo(201);
        String id = made.json().get("id").asText();
        assertThat(gw.get("/providers/" + id).json().get("providerId").asText()).isEqualTo("alive-check");
        assertThat(gw.delete("/providers/" + id).status()).isEqualTo(204);
    }
}
