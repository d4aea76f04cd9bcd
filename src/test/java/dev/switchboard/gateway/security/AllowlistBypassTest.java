package dev.switchboard.gateway.security;

import static dev.switchboard.gateway.security.ClientSurface.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.dataplane.GatewayFixture;
import dev.switchboard.gateway.dataplane.GatewayFixture.RawAnswer;
import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attempts to call a model the access key's configuration does not allow, on all three data-plane
 * endpoints: each is refused in the surface's error shape (or is not a route at all) before anything
 * goes upstream. The model server behind the allowlisted providers must see no request at all.
 */
class AllowlistBypassTest {
    private static final List<Integer> REFUSED_422 = List.of(422);
    private static final List<Integer> BAD_400 = List.of(400);

    @TempDir
    static Path dataDir;
    static GatewayFixture gw;
    /** Behind every provider the bypass attempts aim at: must never be called. */
    static MockWebServer refusing;
    /** Behind {@link #live}, for the few checks that need an answer. */
    static MockWebServer answering;

    static String chatOnly;
    static String responsesOnly;
    static String messagesOnly;
    static String multi;
    static String live;
    /** Allows {@code <provider>:ok} of each provider above (and chatOnly's qwen2.5:0.5b), nothing else. */
    static String token;

    @BeforeAll
    static void startGateway() throws IOException {
        refusing = ModelServers.mockWebServer();
        // answers at once, so a request that gets through fails its test quickly instead of hanging it
        refusing.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return ScriptedStream.json();
            }
        });
        refusing.start();
        answering = ModelServers.mockWebServer();
        answering.start();
        gw = new GatewayFixture(dataDir);
        String url = refusing.url("/").toString();
        chatOnly = GatewayFixture.newProviderId("chat-only");
        gw.provider(chatOnly, url, List.of("openai/chat-completions"), List.of("ok", "secret", "qwen2.5:0.5b", "qwen2.5:7b"));
        responsesOnly = GatewayFixture.newProviderId("responses-only");
        gw.provider(responsesOnly, url, List.of("openai/responses"), List.of("ok", "secret"));
        messagesOnly = GatewayFixture.newProviderId("messages-only");
        gw.provider(messagesOnly, url, List.of("anthropic/messages"), List.of("ok", "secret"));
        multi = GatewayFixture.newProviderId("multi");
        gw.provider(multi, url, List.of("openai/chat-completions", "openai/responses", "anthropic/messages"),
                List.of("ok", "secret"));
        live = GatewayFixture.newProviderId("live");
        gw.provider(live, answering.url("/").toString(), List.of("openai/chat-completions"), List.of("ok", "other"));
        token = gw.accessKey(gw.configuration("{\"models\":{\"allow\":[\"" + chatOnly + ":ok\",\"" + chatOnly
                + ":qwen2.5:0.5b\",\"" + responsesOnly + ":ok\",\"" + messagesOnly + ":ok\",\"" + multi + ":ok\",\""
                + live + ":ok\"]}}", null));
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
        refusing.close();
        answering.close();
    }

    private int refusingSeenBefore;

    @BeforeEach
    void countWhatTheRefusingModelServerSaw() {
        refusingSeenBefore = refusing.getRequestCount();
    }

    @AfterEach
    void theRefusingModelServerSawNothing() {
        assertThat(refusing.getRequestCount() - refusingSeenBefore).as("requests that reached the model server").isZero();
    }

    private static RawAnswer send(ClientSurface s, String target, Map<String, String> extraHeaders, String body)
            throws IOException {
        Map<String, String> headers = new HashMap<>(s.auth(token));
        headers.putAll(extraHeaders);
        return gw.raw("POST", target, headers, body);
    }

    private static RawAnswer send(ClientSurface s, String body) throws IOException {
        return send(s, s.path, Map.of(), body);
    }

    // ---- the model named outside the body ----

    @ParameterizedTest
    @EnumSource(ClientSurface.class)
    void aModelInTheQueryStringIsRefused(ClientSurface s) throws IOException {
        String allowed = multi + ":ok";
        String secret = multi + ":secret";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("?model=" + secret, s.bodyFor(allowed));
        cases.put("?model=" + allowed, s.bodyFor(secret));
        cases.put("?model=" + secret + "&stream=false", s.body(""));
        cases.put("?MODEL=" + secret, s.bodyFor(allowed));
        cases.put("?mo%64el=" + secret, s.bodyFor(allowed));
        cases.put("?x=1&models=" + secret, s.bodyFor(allowed));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            s.assertRefused(send(s, s.path + c.getKey(), Map.of(), c.getValue()), BAD_400, "ERR_NGROK_3801");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientSurface.class)
    void aModelInAHeaderIsNeverRead(ClientSurface s) throws IOException {
        for (String header : List.of("model", "x-model", "openai-model", "anthropic-model", "Ngrok-AIG-Model")) {
            s.assertRefused(send(s, s.path, Map.of(header, multi + ":ok"), s.bodyFor(multi + ":secret")),
                    REFUSED_422, "ERR_NGROK_3803");
            s.assertRefused(send(s, s.path, Map.of(header, multi + ":secret"), s.body("")), BAD_400, "ERR_NGROK_3801");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientSurface.class)
    void aModelFieldSpelledAnotherWayOrNamedTwiceIsRefused(ClientSurface s) throws IOException {
        String a = quote(multi + ":ok");
        String x = quote(multi + ":secret");
        for (String members : List.of(
                "\"model\":" + a + ",\"Model\":" + x,
                "\"Model\":" + x + ",\"model\":" + a,
                "\"model\":" + a + ",\"MODEL\":" + x,
                "\"model\":" + a + ",\"mOdEl\":" + x,
                "\"model\":" + a + ",\"Models\":[" + x + "]",
                "\"model\":" + a + ",\"model\\u017f\":[" + x + "]",
                "\"model\":" + x + ",\"model\":" + a,
                "\"model\":" + a + ",\"model\":" + x,
                "\"model\":" + a + ",\"models\":[" + a + "],\"models\":[" + x + "]")) {
            s.assertRefused(send(s, s.body(members)), BAD_400, "ERR_NGROK_3801");
        }
    }

    // ---- the path ----

    @ParameterizedTest
    @EnumSource(ClientSurface.class)
    void pathVariantsAreNotRoutesOrAreTheRouteWithItsAllowlist(ClientSurface s) throws IOException {
        String rest = s.path.substring("/v1/".length());
        List<String> targets = List.of(
                "/v1//" + rest, "//v1/" + rest, "/V1/" + rest, "/v1/" + rest.toUpperCase(Locale.ROOT),
                "/v1/" + rest + "/", "/v1/" + rest + "%2F", "/v1%2F" + rest, "/v1/" + rest.replace("/", "%2F"),
                "/v1/%" + Integer.toHexString(rest.charAt(0)) + rest.substring(1), "/v1/%2e%2e/v1/" + rest,
                "/v1/models/../" + rest, "/v1/./" + rest, "/x/../v1/" + rest, "/v1/" + rest + ";x=y",
                "/v1/" + rest + "%20", "/v1/" + rest + "/..", "/v1/" + rest + "%5C",
                "/v1/models/%2e%2e/" + rest, "/v1/" + rest + "/%2e");
        for (String target : targets) {
            RawAnswer a = send(s, target, Map.of(), s.bodyFor(multi + ":secret"));
            if (a.status() == 422) {
                // the URI names this very endpoint (after decoding and removing dot segments): its allowlist applies
                s.assertRefused(a, REFUSED_422, "ERR_NGROK_3803");
            } else {
                ClientSurface shape = a.json().path("type").asText().equals("error") ? ClientSurface.MESSAGES
                        : ClientSurface.CHAT;
                shape.assertRefused(a, List.of(400, 404));
            }
        }
        // Jetty's HTTP parser refuses a NUL before any path is known, so that answer has the control plane's shape
        RawAnswer nul = send(s, s.path + "%00", Map.of(), s.bodyFor(multi + ":secret"));
        assertThat(nul.status()).as("%s", nul).isEqualTo(400);
        assertThat(nul.json().path("statusCode").asInt()).as("%s", nul).isEqualTo(400);
    }

    // ---- the model id ----

    /** Ids that look like {@code <provider>:ok} (allowed) but are not it, and plain disallowed ones. */
    private static List<String> lookAlikes(String p) {
        String a = p + ":ok";
        List<String> out = new ArrayList<>(List.of(
                " " + a, a + " ", "\t" + a, a + "\n", a + "\u00a0", " " + p + " : ok ",
                p.toUpperCase(Locale.ROOT) + ":ok", p + ":OK", p + ":Ok", a.toUpperCase(Locale.ROOT),
                cyrillic(p) + ":ok", p + ":\u043ek", p + ":o\u0138", "\u200b" + a, p + "\u200b:ok", p + ":o\u200bk",
                a + "\u200b", a + "\ufeff", p + "\uff1aok", p + "\u2236ok", p + "\ufe55ok", p + "\u02d0ok", a + "\u0301",
                p + ":ok:x", p + "::ok", p + ":" + a, p + ":ok:", p + ":secret:ok", p + "%3Aok", p + ":%6Fk",
                a + "\u0000", p + ":", ":ok", ":" + a, p + ":secret", p + ":secret ", p + ":SECRET", "secret", ""));
        if (p.equals(chatOnly)) {
            out.add(p + ":qwen2.5:7b");
            out.add(p + ":qwen2.5:0.5b:x");
            out.add(p + ":qwen2.5\uff1a0.5b");
        }
        return out;
    }

    /** The provider id with its first Latin letter that has a Cyrillic twin replaced by the twin. */
    private static String cyrillic(String id) {
        String latin = "aceiopxy";
        String twins = "\u0430\u0441\u0435\u0456\u043e\u0440\u0445\u0443";
        for (int i = 0; i < id.length(); i++) {
            int k = latin.indexOf(id.charAt(i));
            if (k >= 0) {
                return id.substring(0, i) + twins.charAt(k) + id.substring(i + 1);
            }
        }
        throw new IllegalArgumentException("no letter with a Cyrillic twin in " + id);
    }

    @ParameterizedTest
    @EnumSource(ClientSurface.class)
    void lookAlikeModelIdsAreRefusedOnEveryProviderDirectOrTranslated(ClientSurface s) throws IOException {
        for (String p : List.of(chatOnly, responsesOnly, messagesOnly, multi)) {
            for (String model : lookAlikes(p)) {
                RawAnswer a = send(s, s.bodyFor(model));
                s.assertRefused(a, List.of(400, 422), "ERR_NGROK_3801", "ERR_NGROK_3803", "ERR_NGROK_3804");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ClientSurface.class)
    void aDisallowedFallbackRefusesTheWholeRequest(ClientSurface s) throws IOException {
        for (String p : List.of(chatOnly, responsesOnly, messagesOnly, multi)) {
            String a = quote(p + ":ok");
            String x = quote(p + ":secret");
            for (String members : List.of(
                    "\"model\":" + a + ",\"models\":[" + x + "]",
                    "\"model\":" + a + ",\"models\":[" + a + "," + x + "]",
                    "\"model\":" + a + ",\"models\":[" + x + "," + a + "]",
                    "\"model\":" + x + ",\"models\":[" + a + "]",
                    "\"model\":" + a + ",\"models\":[" + quote(p + ":ok ") + "]",
                    "\"model\":" + a + ",\"models\":[" + quote(p.toUpperCase(Locale.ROOT) + ":ok") + "]",
                    "\"model\":" + a + ",\"models\":[" + quote(p + ":\u043ek") + "]",
                    "\"model\":" + a + ",\"models\":[\"secret\"]")) {
                s.assertRefused(send(s, s.body(members)), REFUSED_422, "ERR_NGROK_3803", "ERR_NGROK_3804");
            }
            s.assertRefused(send(s, s.body("\"model\":" + a + ",\"models\":[[" + x + "]]")), BAD_400, "ERR_NGROK_3801");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientSurface.class)
    void aDisallowedModelThroughATranslatedSurfaceIsRefusedInTheClientsShape(ClientSurface s) throws IOException {
        // each single-surface provider is reached by translation from the two other client surfaces
        for (String p : List.of(chatOnly, responsesOnly, messagesOnly)) {
            s.assertRefused(send(s, s.bodyFor(p + ":secret")), REFUSED_422, "ERR_NGROK_3803");
            s.assertRefused(send(s, s.body("\"model\":" + quote(p + ":secret") + ",\"stream\":true")), REFUSED_422,
                    "ERR_NGROK_3803");
            s.assertRefused(send(s, s.body("\"model\":" + quote(p + ":ok") + ",\"stream\":true,\"models\":["
                    + quote(multi + ":secret") + "]")), REFUSED_422, "ERR_NGROK_3803");
        }
    }

    @ParameterizedTest
    @EnumSource(ClientSurface.class)
    void aProviderOutsideTheProvidersAllowlistIsRefusedWhateverTheModel(ClientSurface s) throws IOException {
        String onlyMulti = gw.accessKey(gw.configuration("{\"providers\":{\"allow\":[\"" + multi + "\"]}}", null));
        String nothing = gw.accessKey(gw.configuration("{\"models\":{\"allow\":[]}}", null));
        for (String p : List.of(chatOnly, responsesOnly, messagesOnly)) {
            for (String model : List.of(p + ":ok", p + ":secret")) {
                s.assertRefused(gw.raw("POST", s.path, s.auth(onlyMulti), s.bodyFor(model)), REFUSED_422, "ERR_NGROK_3803");
                s.assertRefused(gw.raw("POST", s.path, s.auth(nothing), s.bodyFor(model)), REFUSED_422, "ERR_NGROK_3803");
            }
        }
        s.assertRefused(gw.raw("POST", s.path, s.auth(nothing), s.bodyFor(multi + ":ok")), REFUSED_422, "ERR_NGROK_3803");
    }

    // ---- what the model server does see ----

    @ParameterizedTest
    @EnumSource(ClientSurface.class)
    void theModelServerSeesTheCheckedModelAndNothingOfTheQueryOrTheClientsHeaders(ClientSurface s) throws Exception {
        answering.enqueue(ScriptedStream.json());
        Map<String, String> headers = new HashMap<>(s.auth(token));
        headers.put("x-model", live + ":other");
        headers.put("model", live + ":other");
        RawAnswer a = gw.raw("POST", s.path + "?trace=1", headers, s.bodyFor(live + ":ok"));
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        RecordedRequest seen = answering.takeRequest(10, TimeUnit.SECONDS);
        assertThat(seen.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(seen.getUrl().query()).isNull();
        assertThat(seen.getHeaders().get("x-model")).isNull();
        assertThat(seen.getHeaders().get("model")).isNull();
        JsonNode sent = Json.mapper().readTree(seen.getBody().utf8());
        List<String> modelish = new ArrayList<>();
        sent.fieldNames().forEachRemaining(n -> {
            if (n.toLowerCase(Locale.ROOT).startsWith("model")) {
                modelish.add(n);
            }
        });
        assertThat(modelish).containsExactly("model");
        assertThat(sent.path("model").asText()).isEqualTo("ok");
    }

    // ---- changes to the configuration ----

    @Test
    void aReassignedOrEditedConfigurationRefusesTheNextRequestWhileOpenStreamsFinish() throws Exception {
        String x = gw.configuration("{\"models\":{\"allow\":[\"" + live + ":ok\"]}}", null);
        String y = gw.configuration("{\"models\":{\"allow\":[\"" + live + ":other\"]}}", null);
        JsonNode key = gw.admin("POST", "/access-keys", Json.mapper().createObjectNode().put("name", "moving")
                .put("accessKeyConfigurationId", x));
        String t = key.get("token").asText();
        String keyPath = "/access-keys/" + key.get("id").asText();

        // one stream open on each surface (the two others translated), all on live:ok, allowed now
        CountDownLatch opened = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 3; i++) {
            answering.enqueue(ScriptedStream.chat(6, opened, release, 5, false));
        }
        List<CompletableFuture<String>> streams = new ArrayList<>();
        for (ClientSurface s : ClientSurface.values()) {
            streams.add(CompletableFuture.supplyAsync(() -> stream(s, t, live + ":ok")));
        }
        assertThat(opened.await(20, TimeUnit.SECONDS)).as("three streams open").isTrue();
        int seenSoFar = answering.getRequestCount();

        // reassigned: the very next request is judged by configuration y
        gw.admin("PATCH", keyPath, Json.mapper().createObjectNode().put("accessKeyConfigurationId", y));
        for (ClientSurface s : ClientSurface.values()) {
            s.assertRefused(gw.raw("POST", s.path, s.auth(t), s.bodyFor(live + ":ok")), REFUSED_422, "ERR_NGROK_3803");
        }
        assertThat(modelsListed(t)).containsExactly(live + ":other");
        answering.enqueue(ScriptedStream.json());
        assertThat(gw.raw("POST", ClientSurface.CHAT.path, ClientSurface.CHAT.auth(t),
                ClientSurface.CHAT.bodyFor(live + ":other")).status()).isEqualTo(200);
        seenSoFar++;

        // edited: configuration y now allows nothing
        gw.admin("PATCH", "/access-key-configurations/" + y, Json.mapper().readTree("{\"access\":{\"models\":{\"allow\":[]}}}"));
        for (ClientSurface s : ClientSurface.values()) {
            s.assertRefused(gw.raw("POST", s.path, s.auth(t), s.bodyFor(live + ":other")), REFUSED_422, "ERR_NGROK_3803");
        }
        assertThat(modelsListed(t)).isEmpty();

        // a configuration in use cannot be deleted; once unused it can, and its key follows its new one
        assertThat(adminStatus("DELETE", "/access-key-configurations/" + y)).isEqualTo(409);
        gw.admin("PATCH", keyPath, Json.mapper().createObjectNode().put("accessKeyConfigurationId", x));
        gw.admin("DELETE", "/access-key-configurations/" + y, null);
        ClientSurface.CHAT.assertRefused(gw.raw("POST", ClientSurface.CHAT.path, ClientSurface.CHAT.auth(t),
                ClientSurface.CHAT.bodyFor(live + ":other")), REFUSED_422, "ERR_NGROK_3803");
        assertThat(modelsListed(t)).containsExactly(live + ":ok");
        assertThat(answering.getRequestCount()).as("nothing refused reached the model server").isEqualTo(seenSoFar);

        // the streams opened before all this were allowed to finish, complete
        release.countDown();
        for (int i = 0; i < 3; i++) {
            ClientSurface s = ClientSurface.values()[i];
            String text = streams.get(i).get(30, TimeUnit.SECONDS);
            assertThat(s.endsComplete(ClientSurface.events(text))).as("%s stream:\n%s", s, text).isTrue();
            for (int w = 0; w < 6; w++) {
                assertThat(text).contains(ScriptedStream.word(w));
            }
        }
    }

    private static String stream(ClientSurface s, String t, String model) {
        Request.Builder b = new Request.Builder().url(gw.base + s.path)
                .post(RequestBody.create(s.body("\"model\":" + quote(model) + ",\"stream\":true"), GatewayFixture.JSON));
        s.auth(t).forEach(b::header);
        try (Response r = gw.http.newCall(b.build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            return r.body().string();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> modelsListed(String t) throws IOException {
        RawAnswer a = gw.raw("GET", "/v1/models", Map.of("Authorization", "Bearer " + t), null);
        assertThat(a.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        a.json().path("data").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    private static int adminStatus(String method, String path) throws IOException {
        return gw.raw(method, path, Map.of("Authorization", "Bearer " + gw.gateway.adminKey()), null).status();
    }
}
