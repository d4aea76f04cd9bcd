package dev.switchboard.gateway.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.api.ProviderKeyRotate;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.GatewayException;
import dev.switchboard.client.StreamListener;
import dev.switchboard.client.Surface;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.GatewayHarness.Answer;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.gateway.access.AccessTokens;
import dev.switchboard.gateway.server.AdminKey;
import dev.switchboard.gateway.store.Store;
import dev.switchboard.logging.LogCapture;
import dev.switchboard.testing.ModelServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A whole session with recognizable secrets — the admin key, access-key tokens, provider-key values, and
 * wrong keys sent by mistake — through the control plane (create, list, get, patch, rotate, delete, and
 * the errors around them), the data plane (answers, streams, translation, failover, upstream 401/500,
 * refusals, bad keys) and the usage API. Then every log line (DEBUG and TRACE on), every answer's status,
 * headers and body, every usage row and every file of the data folder is searched for each secret and its
 * obvious encodings: none is found, except each token in the one answer that creates it. Provider-key
 * values the gateway must keep to call the provider are in one place only: {@code provider_keys.value}.
 */
class SecretsTest {
    private static final String TAG = AccessTokens.randomBase62(12);
    private static final String CHAT = "/v1/chat/completions";
    private static final int[] REFUSED = {400, 404, 409, 413, 422};
    private static final String OPENAI_OK = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
    private static final String OPENAI_STREAM = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
            + "\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hi\"},"
            + "\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":"
            + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,"
            + "\"completion_tokens\":1,\"total_tokens\":4}}\n\ndata: [DONE]\n\n";
    private static final String ANTHROPIC_OK = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"c1\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"stop_reason\":\"end_turn\","
            + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}";

    // values the gateway keeps (it must, to call the providers)
    private static final String PK_PRIMARY_ROTATED = providerKey("primary-rotated");
    private static final String PK_BACKUP = providerKey("backup");
    private static final String PK_INLINE = providerKey("inline");
    private static final String PK_DEAD = providerKey("dead");
    // values it had and no longer has
    private static final String PK_PRIMARY = providerKey("primary");
    private static final String PK_DELETED = providerKey("deleted");
    // values it refused, and keys sent by mistake: never stored at all
    private static final String PK_REFUSED = providerKey("refused");
    private static final String WRONG_TOKEN = "ng-WRONGSECRETTOKEN" + TAG;
    private static final String WRONG_ADMIN = "sbadm_WRONGSECRETADMINKEY" + TAG;

    @TempDir
    Path data;
    private MockWebServer upstream;
    private LogCapture logs;

    @BeforeEach
    void setUp() throws Exception {
        logs = LogCapture.start();
        upstream = ModelServers.mockWebServer();
        upstream.setDispatcher(new ScriptedModels());
        upstream.start();
    }

    @AfterEach
    void tearDown() {
        upstream.close();
        logs.stop();
    }

    private static String providerKey(String what) {
        return "sk-SECRETPROVIDERKEY-" + what + "-" + TAG;
    }

    /** The model server: answers by model name, fails the rotated primary key for "flaky", never echoes a key. */
    private static final class ScriptedModels extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String body = request.getBody() == null ? "" : request.getBody().utf8();
            String auth = request.getHeaders().get("Authorization");
            String xApiKey = request.getHeaders().get("x-api-key");
            if (request.getUrl().encodedPath().endsWith("/messages")) {
                return PK_INLINE.equals(xApiKey) ? json(200, ANTHROPIC_OK) : json(401,
                        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
            }
            if (body.contains("\"unauth\"")) {
                return json(401, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":"
                        + "\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
            }
            if (body.contains("\"down\"") || body.contains("\"flaky\"") && ("Bearer " + PK_PRIMARY_ROTATED).equals(auth)) {
                return json(500, "{\"error\":{\"message\":\"the model server fell over\",\"type\":\"server_error\"}}");
            }
            if (asksForAStream(body)) {
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
                        .body(OPENAI_STREAM).build();
            }
            return json(200, OPENAI_OK);
        }

        private static MockResponse json(int code, String body) {
            return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body)
                    .build();
        }
    }

    @Test
    void aFullSessionLeavesNoSecretInLogsAnswersUsageRowsOrFiles() throws Exception {
        Transcript answers = new Transcript();
        Map<String, String> tokens = new LinkedHashMap<>();
        String admin;
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        EmbeddedGateway gateway = EmbeddedGateway.start(GatewayOptions.loopback(data));
        try (GatewayHarness gw = new GatewayHarness(gateway)) {
            admin = gateway.adminKey();
            String upstreamUrl = upstream.url("/v1").toString();

            // ---- control plane: providers and their keys
            answers.add("create provider", gw.post("/providers", """
                    {"providerId": "leakcheck", "baseUrl": "%s",
                     "models": [{"modelId": "ok"}, {"modelId": "flaky"}, {"modelId": "unauth"}, {"modelId": "down"}]}"""
                    .formatted(upstreamUrl)), 201);
            answers.add("create anthropic provider", gw.post("/providers", """
                    {"providerId": "leakcheck-claude", "baseUrl": "%s",
                     "supportedApiSurfaces": [{"format": "anthropic", "surface": "messages"}],
                     "models": [{"modelId": "c1"}]}""".formatted(upstreamUrl)), 201);
            answers.add("create unreachable provider", gw.post("/providers", """
                    {"providerId": "leakcheck-dead", "baseUrl": "http://127.0.0.1:%d/v1", "models": [{"modelId": "m"}]}"""
                    .formatted(deadPort)), 201);
            String primary = answers.add("create primary key", gw.post("/provider-keys",
                    keyBody("leakcheck", "primary", PK_PRIMARY)), 201).json().get("id").asText();
            String backup = answers.add("create backup key", gw.post("/provider-keys",
                    keyBody("leakcheck", "backup", PK_BACKUP)), 201).json().get("id").asText();
            String dead = answers.add("create key of the unreachable provider", gw.post("/provider-keys",
                    keyBody("leakcheck-dead", "dead", PK_DEAD)), 201).json().get("id").asText();
            String doomed = answers.add("create a key to delete", gw.post("/provider-keys",
                    keyBody("leakcheck", "doomed", PK_DELETED)), 201).json().get("id").asText();
            answers.add("list provider keys", gw.get("/provider-keys"), 200);
            answers.add("list one provider's keys", gw.get("/provider-keys?provider=leakcheck"), 200);
            answers.add("get a provider key", gw.get("/provider-keys/" + primary), 200);
            answers.add("rename a provider key", gw.patch("/provider-keys/" + primary, "{\"name\": \"first\"}"), 200);
            answers.add("rotate a provider key", gw.post("/provider-keys/" + primary + "/rotate",
                    "{\"value\": \"" + PK_PRIMARY_ROTATED + "\"}"), 200);
            answers.add("delete a provider key", gw.delete("/provider-keys/" + doomed), 204);

            // ---- control plane: refused writes that carry a key value
            answers.add("PATCH a value", gw.patch("/provider-keys/" + primary, "{\"value\": \"" + PK_REFUSED + "\"}"),
                    REFUSED);
            answers.add("a key for an unknown provider", gw.post("/provider-keys", keyBody("nope", "x", PK_REFUSED)),
                    REFUSED);
            answers.add("a value with a line break", gw.post("/provider-keys", keyBody("leakcheck", "x",
                    PK_REFUSED + "\\n")), REFUSED);
            answers.add("a value too long", gw.post("/provider-keys", keyBody("leakcheck", "x",
                    PK_REFUSED + "x".repeat(9000))), REFUSED);
            answers.add("a value of the wrong type", gw.post("/provider-keys",
                    "{\"providerId\": \"leakcheck\", \"value\": {\"nested\": \"" + PK_REFUSED + "\"}}"), REFUSED);
            answers.add("an unknown field", gw.post("/provider-keys",
                    "{\"providerId\": \"leakcheck\", \"value\": \"" + PK_REFUSED + "\", \"secret\": \"" + PK_REFUSED + "\"}"), REFUSED);
            answers.add("a duplicate field", gw.post("/provider-keys",
                    "{\"providerId\": \"leakcheck\", \"value\": \"" + PK_REFUSED + "\", \"value\": \"" + PK_REFUSED + "\"}"), REFUSED);
            answers.add("a body that is not JSON", gw.post("/provider-keys",
                    "{\"providerId\": \"leakcheck\", \"value\": \"" + PK_REFUSED), REFUSED);
            answers.add("a rotation to a bad value", gw.post("/provider-keys/" + primary + "/rotate",
                    "{\"value\": \"" + PK_REFUSED + "\\u0007\"}"), REFUSED);
            answers.add("an inline key with a bad value", gw.post("/access-key-configurations", """
                    {"name": "bad", "router": {"rules": [{"provider": "leakcheck", "steps": [{"type": "user",
                      "keys": [{"name": "x", "value": "%s\\t"}]}]}]}}""".formatted(PK_REFUSED)), REFUSED);

            // ---- control plane: configurations and access keys
            String full = answers.add("create a configuration with an inline key",
                    gw.post("/access-key-configurations", """
                    {"name": "everything", "router": {"rules": [
                      {"provider": "leakcheck", "steps": [{"type": "user", "keySelectionStrategy": "ordered",
                        "keys": [{"id": "%s"}, {"id": "%s"}]}]},
                      {"provider": "leakcheck-claude", "steps": [{"type": "user",
                        "keys": [{"name": "inline", "value": "%s"}]}]},
                      {"provider": "leakcheck-dead", "steps": [{"type": "user", "keys": [{"id": "%s"}]}]}]}}"""
                            .formatted(primary, backup, PK_INLINE, dead)), 201).json().get("id").asText();
            String limited = answers.add("create a narrow configuration", gw.post("/access-key-configurations",
                    "{\"name\": \"only-ok\", \"access\": {\"models\": {\"allow\": [\"leakcheck:ok\"]}}}"), 201)
                    .json().get("id").asText();
            answers.add("get a configuration", gw.get("/access-key-configurations/" + full), 200);
            answers.add("list configurations", gw.get("/access-key-configurations"), 200);
            answers.add("delete a provider key still in use", gw.delete("/provider-keys/" + primary), 409);

            JsonNode mainKey = tokens(tokens, "main", answers.addShowingToken("create the main access key",
                    gw.post("/access-keys", "{\"name\": \"main\", \"accessKeyConfigurationId\": \"" + full + "\"}")));
            JsonNode narrowKey = tokens(tokens, "narrow", answers.addShowingToken("create a narrow access key",
                    gw.post("/access-keys", "{\"name\": \"narrow\", \"accessKeyConfigurationId\": \"" + limited + "\"}")));
            JsonNode revokedKey = tokens(tokens, "revoked", answers.addShowingToken("create an access key to revoke",
                    gw.post("/access-keys", "{\"name\": \"revoked\"}")));
            String main = tokens.get("main");
            answers.add("list access keys", gw.get("/access-keys"), 200);
            answers.add("get an access key", gw.get("/access-keys/" + mainKey.get("id").asText()), 200);
            answers.add("rename an access key", gw.patch("/access-keys/" + narrowKey.get("id").asText(),
                    "{\"name\": \"narrower\", \"description\": \"d\"}"), 200);
            answers.add("PATCH a token", gw.patch("/access-keys/" + mainKey.get("id").asText(),
                    "{\"token\": \"" + WRONG_TOKEN + "\"}"), REFUSED);
            answers.add("an access key for an unknown configuration", gw.post("/access-keys",
                    "{\"name\": \"x\", \"accessKeyConfigurationId\": \"aigac_nope\"}"), REFUSED);
            answers.add("delete a configuration in use", gw.delete("/access-key-configurations/" + limited), 409);
            answers.add("revoke an access key", gw.delete("/access-keys/" + revokedKey.get("id").asText()), 204);
            answers.add("set short timeouts", gw.patch("/gateway-config",
                    "{\"totalTimeout\": \"20s\", \"perRequestTimeout\": \"10s\"}"), 200);

            // ---- control plane: wrong admin keys
            answers.add("a wrong admin key", gw.call("GET", "/providers", null, "Bearer " + WRONG_ADMIN), 401);
            answers.add("the admin key plus a character", gw.call("GET", "/providers", null, "Bearer " + admin + "x"),
                    401);
            answers.add("an access token as admin key", gw.call("GET", "/access-keys", null, "Bearer " + main), 401);
            answers.add("the admin key as Basic auth", gw.call("GET", "/providers", null, "Basic "
                    + Base64.getEncoder().encodeToString(("admin:" + admin).getBytes(StandardCharsets.UTF_8))), 401);
            answers.add("a wrong key writing", gw.call("POST", "/provider-keys", keyBody("leakcheck", "x", PK_REFUSED),
                    "Bearer " + WRONG_ADMIN), 401);

            // ---- data plane
            answers.add("a chat", chat(gw, Map.of("Authorization", "Bearer " + main), "leakcheck:ok", false), 200);
            answers.add("a chat with x-api-key", chat(gw, Map.of("x-api-key", main), "leakcheck:ok", false), 200);
            Answer stream = answers.add("a stream", chat(gw, bearer(main), "leakcheck:ok", true), 200);
            assertThat(stream.raw().body()).contains("data: [DONE]");
            Answer failover = answers.add("a failover", chat(gw, bearer(main), "leakcheck:flaky", false), 200);
            assertThat(failover.header("Ngrok-AIG-Attempts")).isEqualTo("2");
            answers.add("an upstream 401", chat(gw, bearer(main), "leakcheck:unauth", false), 401);
            answers.add("all attempts fail", chat(gw, bearer(main), "leakcheck:down", false), 500, 502, 503);
            answers.add("a stream whose attempts fail", chat(gw, bearer(main), "leakcheck:down", true), 500, 502, 503);
            answers.add("an unreachable provider", chat(gw, bearer(main), "leakcheck-dead:m", false), 502);
            answers.add("translated to messages", chat(gw, bearer(main), "leakcheck-claude:c1", false), 200);
            answers.add("messages", gw.callWith("POST", "/v1/messages", "{\"model\": \"leakcheck-claude:c1\","
                    + " \"max_tokens\": 10, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                    Map.of("x-api-key", main, "anthropic-version", "2023-06-01")), 200);
            answers.add("a model the key may not use", chat(gw, bearer(tokens.get("narrow")), "leakcheck:flaky", false),
                    403, 422);
            answers.add("models", gw.callWith("GET", "/v1/models", null, bearer(main)), 200);
            answers.add("a wrong token", chat(gw, bearer(WRONG_TOKEN), "leakcheck:ok", false), 401);
            answers.add("a wrong x-api-key", chat(gw, Map.of("x-api-key", WRONG_TOKEN), "leakcheck:ok", false), 401);
            answers.add("the admin key as access key", chat(gw, bearer(admin), "leakcheck:ok", false), 401);
            answers.add("a revoked token", chat(gw, bearer(tokens.get("revoked")), "leakcheck:ok", false), 401);
            answers.add("a body that is not JSON", gw.callWith("POST", CHAT, "{\"model\": \"" + main, bearer(main)), 400);

            assertThat(upstream.getRequestCount()).isGreaterThanOrEqualTo(8);
            Set<String> keysSeenUpstream = new java.util.HashSet<>();
            for (int i = upstream.getRequestCount(); i > 0; i--) {
                RecordedRequest r = upstream.takeRequest();
                keysSeenUpstream.add(r.getHeaders().get("Authorization"));
                keysSeenUpstream.add(r.getHeaders().get("x-api-key"));
            }
            assertThat(keysSeenUpstream).as("the keys really went upstream").contains("Bearer " + PK_PRIMARY_ROTATED,
                    "Bearer " + PK_BACKUP, PK_INLINE);

            // ---- usage
            gateway.store().usageRecorder().flush(Duration.ofSeconds(10));
            Answer usage = answers.add("usage rows", gw.get("/usage/requests?includeRetries=true&limit=100"), 200);
            assertThat(usage.json().path("requests").size()).as("usage rows").isGreaterThanOrEqualTo(15);
            answers.add("usage events", gw.get("/usage?startTime=2026-01-01T00:00:00Z&includeRetries=true"), 200);
            answers.add("usage overview", gw.get("/usage/overview?startTime=2026-01-01T00:00:00Z"), 200);
            answers.add("usage by key", gw.get("/usage/overview?startTime=2026-01-01T00:00:00Z&groupBy=accessKey"),
                    200);

            Secrets secrets = new Secrets(admin, tokens.values());
            secrets.assertNotIn(answers, logs.text(), "the logs");
            secrets.assertFilesClean(data, "while the gateway runs");
            assertTokenHashesOnly(data.resolve(Store.FILE_NAME), tokens);
        }
        Secrets secrets = new Secrets(admin, tokens.values());
        secrets.assertFilesClean(data, "after the gateway stopped");
        secrets.assertNotIn(new Transcript(), logs.text(), "the logs");
        assertThat(logs.text()).as("debug lines were captured").contains("DEBUG d.s.gateway.dataplane.ProxyExchange",
                "DEBUG org.eclipse.jetty");
        assertOwnerOnly(data);
    }

    @Test
    void clientExceptionsNeverCarryTheSecretsTheirCallHandled() throws Exception {
        String adminKey = "sbadm_CLIENTSECRETADMINKEY" + TAG;
        String token = "ng-CLIENTSECRETTOKEN" + TAG;
        List<String> secrets = List.of(adminKey, token, PK_PRIMARY, PK_PRIMARY_ROTATED);
        List<GatewayException> thrown = new ArrayList<>();
        try (MockWebServer echo = ModelServers.mockWebServer()) {
            // a server that echoes every secret it was sent, in every error shape the client reads
            echo.enqueue(text(401, "text/plain", "no such key: Bearer " + adminKey));
            echo.enqueue(text(400, "application/json", "{\"errorCode\":\"ERR_NGROK_27000\",\"statusCode\":400,"
                    + "\"msg\":\"value '" + PK_PRIMARY + "' is bad\",\"details\":{\"field\":\"value\",\"value\":\""
                    + PK_PRIMARY + "\",\"seen\":{\"auth\":\"Bearer " + adminKey + "\"},\"all\":[\"" + adminKey + "\"]}}"));
            echo.enqueue(text(500, "text/html", "<html>\n<body>rotate to " + PK_PRIMARY_ROTATED + " with " + adminKey
                    + "</body>\n</html>"));
            echo.enqueue(text(200, "application/json", adminKey + " is not JSON"));
            echo.enqueue(text(201, "application/json", "{\"id\": \"aigk_1\", \"token\": \"" + adminKey));
            echo.enqueue(text(401, "application/json", "{\"error\":{\"message\":\"Incorrect API key provided: "
                    + token + "\",\"type\":\"invalid_request_error\",\"param\":\"" + token + "\"}}"));
            echo.enqueue(text(200, "application/json", "'" + token + "' is not JSON"));
            echo.enqueue(text(403, "application/json", "{\"type\":\"error\",\"error\":{\"type\":"
                    + "\"permission_error\",\"message\":\"key " + token + " may not\"}}"));
            echo.enqueue(text(200, "text/event-stream", "data: {\"error\":{\"message\":\"stream refused " + token
                    + "\",\"type\":\"invalid_request_error\",\"code\":\"" + token + "\"}}\n\n"));
            echo.enqueue(text(200, "text/event-stream", "data: {" + token + "\n\n"));
            echo.start();
            ObjectNode chat = dev.switchboard.api.Json.mapper().createObjectNode().put("model", "p:m");
            chat.putArray("messages").addObject().put("role", "user").put("content", "hi");
            try (GatewayClient client = GatewayClient.builder().embedded(echo.url("/").toString()).apiKey(adminKey)
                    .build()) {
                thrown.add(failure(() -> client.providers().get("pv_1")));
                thrown.add(failure(() -> client.providerKeys().create(new ProviderKeyCreate("p", "n", PK_PRIMARY, null,
                        null))));
                thrown.add(failure(() -> client.providerKeys().rotate("aigpk_1", new ProviderKeyRotate(null,
                        PK_PRIMARY_ROTATED))));
                thrown.add(failure(() -> client.providers().get("pv_1")));
                thrown.add(failure(() -> client.accessKeys().create(new AccessKeyCreate("k", null, null, null))));
                thrown.add(failure(() -> client.complete(token, Surface.CHAT_COMPLETIONS, chat.deepCopy())));
                thrown.add(failure(() -> client.complete(token, Surface.CHAT_COMPLETIONS, chat.deepCopy())));
                thrown.add(failure(() -> client.listModels(token)));
                thrown.add(failure(() -> client.stream(token, Surface.CHAT_COMPLETIONS, chat.deepCopy(),
                        new StreamListener() { }).await(Duration.ofSeconds(20))));
                thrown.add(failure(() -> client.stream(token, Surface.CHAT_COMPLETIONS, chat.deepCopy(),
                        new StreamListener() { }).await(Duration.ofSeconds(20))));
                assertThat(client.toString()).doesNotContain(adminKey);
            }
            assertThat(echo.getRequestCount()).isEqualTo(10);
        }
        // and the real gateway, told a wrong admin key
        try (EmbeddedGateway gateway = EmbeddedGateway.start(GatewayOptions.loopback(data));
             GatewayClient client = GatewayClient.builder().embedded(gateway.baseUrl().toString()).apiKey(adminKey)
                     .build()) {
            thrown.add(failure(() -> client.providerKeys().create(new ProviderKeyCreate("p", "n", PK_PRIMARY, null,
                    null))));
            thrown.add(failure(() -> client.listModels(token)));
        }
        assertThat(thrown).hasSize(12);
        for (GatewayException e : thrown) {
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            String everything = e.getMessage() + "\n" + e + "\n" + e.details() + "\n" + trace;
            for (String secret : secrets) {
                for (String form : Secrets.forms(secret)) {
                    assertThat(everything).as("%s", e).doesNotContain(form);
                }
            }
        }
        assertThat(logs.text()).doesNotContain(adminKey, token, PK_PRIMARY, PK_PRIMARY_ROTATED);
    }

    private static MockResponse text(int code, String contentType, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", contentType).body(body).build();
    }

    private static GatewayException failure(Runnable call) {
        try {
            call.run();
        } catch (GatewayException e) {
            return e;
        }
        throw new AssertionError("the call did not fail");
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** Read as a model server reads it: the gateway relays the client's own bytes, spacing included. */
    private static boolean asksForAStream(String body) {
        try {
            return Json.mapper().readTree(body).path("stream").asBoolean(false);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static Answer chat(GatewayHarness gw, Map<String, String> headers, String model, boolean stream) {
        return gw.callWith("POST", CHAT, "{\"model\": \"" + model + "\", \"stream\": " + stream
                + ", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}", headers);
    }

    private static String keyBody(String providerId, String name, String value) {
        return "{\"providerId\": \"" + providerId + "\", \"name\": \"" + name + "\", \"value\": \"" + value + "\"}";
    }

    private static JsonNode tokens(Map<String, String> into, String name, Answer created) {
        String token = created.json().path("token").asText();
        assertThat(token).startsWith(AccessTokens.TOKEN_PREFIX);
        into.put(name, token);
        return created.json();
    }

    /** The store keeps each token's SHA-256 only: found by hash, and no column anywhere holds a token. */
    private static void assertTokenHashesOnly(Path db, Map<String, String> tokens) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement st = c.createStatement()) {
            Set<String> hashes = new java.util.HashSet<>();
            try (ResultSet rs = st.executeQuery("SELECT token_hash FROM access_keys")) {
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
            }
            assertThat(hashes).contains(AccessTokens.hash(tokens.get("main")), AccessTokens.hash(tokens.get("narrow")))
                    .doesNotContain(AccessTokens.hash(tokens.get("revoked")))
                    .allMatch(h -> h.matches("[0-9a-f]{64}"));
        }
    }

    private static void assertOwnerOnly(Path data) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as("permissions of %s", f.getFileName()).isEqualTo("rw-------");
            }
        }
    }

    // ---- what is searched

    /** Every answer the gateway gave: status, all headers, body. */
    private static final class Transcript {
        private final List<String> entries = new ArrayList<>();
        private final List<String> tokenShown = new ArrayList<>();

        Answer add(String what, Answer a, int... expected) {
            assertThat(a.status()).as("%s: %s", what, a).isIn(Arrays.stream(expected).boxed().toArray());
            record(what, a, null);
            return a;
        }

        Answer addShowingToken(String what, Answer a) {
            assertThat(a.status()).as("%s: %s", what, a).isEqualTo(201);
            record(what, a, a.json().path("token").asText());
            return a;
        }

        private void record(String what, Answer a, String token) {
            StringBuilder sb = new StringBuilder(what).append(": ").append(a.status()).append('\n');
            a.raw().headers().map().forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
            sb.append(a.raw().body());
            entries.add(sb.toString());
            tokenShown.add(token);
        }
    }

    /** The secrets of the session and the forms in which a leak would show. */
    private static final class Secrets {
        final List<String> neverStored = new ArrayList<>();
        final List<String> keptAsValue = List.of(PK_PRIMARY_ROTATED, PK_BACKUP, PK_INLINE, PK_DEAD);
        final List<String> replaced = List.of(PK_PRIMARY, PK_DELETED);
        final List<String> tokens;

        Secrets(String admin, java.util.Collection<String> tokens) {
            this.tokens = List.copyOf(tokens);
            neverStored.add(admin);
            neverStored.add(PK_REFUSED);
            neverStored.add(WRONG_TOKEN);
            neverStored.add(WRONG_ADMIN);
            neverStored.addAll(tokens);
        }

        List<String> all() {
            List<String> all = new ArrayList<>(neverStored);
            all.addAll(keptAsValue);
            all.addAll(replaced);
            return all;
        }

        /** The secret, its middle (a truncated copy), base64 and URL encodings. */
        static List<String> forms(String secret) {
            byte[] b = secret.getBytes(StandardCharsets.UTF_8);
            return List.of(secret.substring(4, secret.length() - 4),
                    Base64.getEncoder().encodeToString(b),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(b),
                    Base64.getEncoder().encodeToString(("admin:" + secret).getBytes(StandardCharsets.UTF_8)),
                    URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }

        void assertNotIn(Transcript answers, String logText, String logName) {
            for (String secret : all()) {
                for (String form : forms(secret)) {
                    assertThat(logText).as("%s hold %s", logName, form).doesNotContain(form);
                    for (int i = 0; i < answers.entries.size(); i++) {
                        if (!secret.equals(answers.tokenShown.get(i))) {
                            assertThat(answers.entries.get(i)).as("an answer holds %s", form).doesNotContain(form);
                        }
                    }
                }
            }
            for (String token : tokens) {
                assertThat(answers.entries.stream().filter(e -> e.contains(token)).count())
                        .as("answers showing a token").isLessThanOrEqualTo(1);
            }
        }

        /**
         * No file holds a secret, except the provider-key values the gateway keeps, which are in
         * {@code switchboard.db} (and its WAL) only, in {@code provider_keys.value} only.
         */
        void assertFilesClean(Path data, String when) throws Exception {
            try (Stream<Path> files = Files.list(data)) {
                for (Path f : files.toList()) {
                    if (f.getFileName().toString().equals(AdminKey.FILE_NAME)) {
                        continue;
                    }
                    String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    boolean store = f.getFileName().toString().startsWith(Store.FILE_NAME);
                    for (String secret : all()) {
                        if (store && keptAsValue.contains(secret)) {
                            continue;
                        }
                        for (String form : forms(secret)) {
                            assertThat(bytes).as("%s %s holds %s", when, f.getFileName(), form).doesNotContain(form);
                        }
                    }
                }
            }
            Path db = data.resolve(Store.FILE_NAME);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
                 Statement st = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                int kept = 0;
                for (String table : tables) {
                    try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\"")) {
                        ResultSetMetaData md = rs.getMetaData();
                        while (rs.next()) {
                            for (int col = 1; col <= md.getColumnCount(); col++) {
                                String v = rs.getString(col);
                                if (v == null) {
                                    continue;
                                }
                                boolean valueColumn = table.equals("provider_keys")
                                        && md.getColumnName(col).equals("value");
                                if (valueColumn && keptAsValue.contains(v)) {
                                    kept++;
                                    continue;
                                }
                                for (String secret : all()) {
                                    assertThat(v).as("%s.%s", table, md.getColumnName(col)).doesNotContain(secret);
                                }
                            }
                        }
                    }
                }
                assertThat(kept).as("provider-key values kept to call the providers").isEqualTo(keptAsValue.size());
            }
        }
    }
}
