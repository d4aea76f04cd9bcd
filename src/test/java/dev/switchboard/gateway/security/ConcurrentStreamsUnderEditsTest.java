package dev.switchboard.gateway.security;

import static dev.switchboard.gateway.security.ClientSurface.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.dataplane.GatewayFixture;
import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 streams open at once, on all three surfaces (two of them translated), while providers, access-key
 * configurations, access keys, provider keys and the gateway configuration are edited through the control
 * plane. Every stream either completes as its surface ends an answer, with every word, or (when the
 * scripted model server cuts it) ends with the surface's error event; none hangs, none is cut short yet
 * looks complete. Every edit reads back, and the gateway serves normally afterwards.
 */
class ConcurrentStreamsUnderEditsTest {
    private static final int STREAMS = 200;
    private static final int WORDS = 12;
    private static final long PAUSE_MILLIS = 20;

    @TempDir
    Path dataDir;

    @Test
    void twoHundredStreamsRunToACleanEndWhileTheConfigurationIsEdited() throws Exception {
        CountDownLatch opened = new CountDownLatch(STREAMS);
        CountDownLatch release = new CountDownLatch(1);
        try (GatewayFixture gw = new GatewayFixture(dataDir); MockWebServer upstream = ModelServers.mockWebServer()) {
            upstream.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String body = request.getBody() == null ? "" : request.getBody().utf8();
                    if (!body.contains("\"stream\":true")) {
                        return ScriptedStream.json();
                    }
                    return ScriptedStream.chat(WORDS, opened, release, PAUSE_MILLIS, body.contains("please-cut"));
                }
            });
            upstream.start();
            String url = upstream.url("/").toString();
            String p = GatewayFixture.newProviderId("busy");
            String pId = gw.provider(p, url, List.of("openai/chat-completions"), List.of("m"));
            String key = gw.providerKey(p, "primary", "sk-busy-0001");
            String other = GatewayFixture.newProviderId("other");
            String otherId = gw.provider(other, url, List.of("openai/chat-completions"), List.of("o"));
            String router = "{\"rules\":[{\"provider\":\"" + p + "\",\"steps\":[{\"type\":\"user\",\"keys\":[{\"id\":\""
                    + key + "\"}]}]}]}";
            String config = gw.configuration("{\"models\":{\"allow\":[\"" + p + ":m\"]}}", router);
            String spare = gw.configuration("{\"models\":{\"allow\":[\"" + other + ":o\"]}}", null);
            String token = gw.accessKey(config);

            OkHttpClient client = gw.http.newBuilder().readTimeout(Duration.ofSeconds(60)).build();
            ExecutorService callers = Executors.newFixedThreadPool(STREAMS);
            ExecutorService editors = Executors.newFixedThreadPool(2);
            AtomicBoolean streamsDone = new AtomicBoolean();
            try {
                List<Future<String>> streams = new ArrayList<>();
                for (int i = 0; i < STREAMS; i++) {
                    ClientSurface s = ClientSurface.values()[i % 3];
                    String prompt = "stream " + i + (cut(i) ? " please-cut" : "");
                    String body = s.body("\"model\":" + quote(p + ":m") + ",\"stream\":true", prompt);
                    streams.add(callers.submit(() -> stream(client, gw, s, token, body)));
                }
                AtomicInteger providerRounds = new AtomicInteger();
                AtomicInteger accessRounds = new AtomicInteger();
                Future<?> providerEdits = editors.submit(() -> {
                    while (!streamsDone.get() || providerRounds.get() < 5) {
                        editProviders(gw, pId, otherId, url, providerRounds.incrementAndGet());
                    }
                    return null;
                });
                Future<?> accessEdits = editors.submit(() -> {
                    while (!streamsDone.get() || accessRounds.get() < 5) {
                        editAccess(gw, p, other, config, spare, accessRounds.incrementAndGet());
                    }
                    return null;
                });

                assertThat(opened.await(60, TimeUnit.SECONDS)).as("all %d streams open at once (%d missing)", STREAMS,
                        opened.getCount()).isTrue();
                release.countDown();
                for (int i = 0; i < STREAMS; i++) {
                    ClientSurface s = ClientSurface.values()[i % 3];
                    String text;
                    try {
                        text = streams.get(i).get(60, TimeUnit.SECONDS);
                    } catch (ExecutionException | TimeoutException e) {
                        int done = 0;
                        for (Future<String> f : streams) {
                            done += f.isDone() ? 1 : 0;
                        }
                        throw new AssertionError("stream " + i + " (" + s + (cut(i) ? ", cut" : "") + ") did not end cleanly; "
                                + done + " of " + STREAMS + " streams ended", e);
                    }
                    List<ClientSurface.Event> events = ClientSurface.events(text);
                    if (cut(i)) {
                        assertThat(s.endsWithError(events)).as("stream %d (%s) cut upstream ends with an error event:\n%s",
                                i, s, text).isTrue();
                        assertWordsInOrder(text, WORDS / 2, i);
                    } else {
                        assertThat(s.endsComplete(events)).as("stream %d (%s) ends complete:\n%s", i, s, text).isTrue();
                        assertWordsInOrder(text, WORDS, i);
                    }
                }
                streamsDone.set(true);
                providerEdits.get(60, TimeUnit.SECONDS);
                accessEdits.get(60, TimeUnit.SECONDS);
                assertThat(providerRounds.get()).isGreaterThanOrEqualTo(5);
                assertThat(accessRounds.get()).isGreaterThanOrEqualTo(5);

                // the edits' final state, read back
                int lastProviderRound = providerRounds.get();
                int lastAccessRound = accessRounds.get();
                assertThat(modelIds(gw.admin("GET", "/providers/" + pId, null))).containsExactly("m", "extra-" + lastProviderRound);
                assertThat(gw.admin("GET", "/providers/" + otherId, null).path("metadata").asText())
                        .isEqualTo("round " + lastProviderRound);
                assertThat(gw.admin("GET", "/access-key-configurations/" + config, null).path("access").path("models")
                        .path("allow")).extracting(JsonNode::asText)
                        .containsExactly(p + ":m", p + ":extra-" + lastAccessRound);

                // and the gateway serves as before: a stream on each surface, a plain answer, the model list
                for (ClientSurface s : ClientSurface.values()) {
                    String text = stream(client, gw, s, token, s.body("\"model\":" + quote(p + ":m") + ",\"stream\":true"));
                    assertThat(s.endsComplete(ClientSurface.events(text))).as("%s after the run:\n%s", s, text).isTrue();
                }
                try (Response r = gw.post(ClientSurface.CHAT.path, token, ClientSurface.CHAT.bodyFor(p + ":m"))) {
                    assertThat(r.code()).isEqualTo(200);
                }
                // the data plane follows the last edits: one more round on each side makes p:extra-N callable
                int n = Math.max(lastProviderRound, lastAccessRound) + 1;
                editProviders(gw, pId, otherId, url, n);
                editAccess(gw, p, other, config, spare, n);
                Request models = new Request.Builder().url(gw.base + "/v1/models").header("Authorization", "Bearer " + token).build();
                try (Response r = client.newCall(models).execute()) {
                    assertThat(r.code()).isEqualTo(200);
                    assertThat(Json.mapper().readTree(r.body().string()).path("data")).extracting(m -> m.path("id").asText())
                            .containsExactlyInAnyOrder(p + ":m", p + ":extra-" + n);
                }
                try (Response r = gw.post(ClientSurface.CHAT.path, token, ClientSurface.CHAT.bodyFor(p + ":extra-" + n))) {
                    assertThat(r.code()).isEqualTo(200);
                }
            } finally {
                release.countDown();
                streamsDone.set(true);
                callers.shutdownNow();
                editors.shutdownNow();
            }
        }
    }

    private static boolean cut(int i) {
        return i % 10 == 7;
    }

    private static String stream(OkHttpClient client, GatewayFixture gw, ClientSurface s, String token, String body) {
        Request.Builder b = new Request.Builder().url(gw.base + s.path).post(RequestBody.create(body, GatewayFixture.JSON));
        s.auth(token).forEach(b::header);
        StringBuilder text = new StringBuilder();
        try (Response r = client.newCall(b.build()).execute()) {
            BufferedSource src = r.body().source();
            String line;
            while ((line = src.readUtf8Line()) != null) {
                text.append(line).append('\n');
            }
            assertThat(r.code()).as("%s: %s", s, text).isEqualTo(200);
            return text.toString();
        } catch (IOException e) {
            throw new AssertionError(s + " stream failed (" + e + ") after:\n" + text, e);
        }
    }

    private static void assertWordsInOrder(String text, int words, int stream) {
        int at = 0;
        for (int w = 0; w < words; w++) {
            int next = text.indexOf(ScriptedStream.word(w), at);
            assertThat(next).as("stream %d has word %d after word %d:\n%s", stream, w, w - 1, text).isGreaterThanOrEqualTo(0);
            at = next;
        }
    }

    private static List<String> modelIds(JsonNode provider) {
        List<String> ids = new ArrayList<>();
        provider.path("models").forEach(m -> ids.add(m.path("modelId").asText()));
        return ids;
    }

    /** One round of provider edits, each read back: models and metadata changed, a provider and a key made and removed. */
    private static void editProviders(GatewayFixture gw, String pId, String otherId, String url, int round) {
        ObjectNode models = Json.mapper().createObjectNode();
        ArrayNode list = models.putArray("models");
        list.addObject().put("modelId", "m");
        list.addObject().put("modelId", "extra-" + round);
        gw.admin("PATCH", "/providers/" + pId, models);
        assertThat(modelIds(gw.admin("GET", "/providers/" + pId, null))).containsExactly("m", "extra-" + round);

        gw.admin("PATCH", "/providers/" + otherId, Json.mapper().createObjectNode().put("metadata", "round " + round));
        assertThat(gw.admin("GET", "/providers/" + otherId, null).path("metadata").asText()).isEqualTo("round " + round);

        String brief = GatewayFixture.newProviderId("brief");
        String briefId = gw.provider(brief, url, List.of("openai/chat-completions"), List.of("b"));
        String briefKey = gw.providerKey(brief, "k", "sk-brief-" + round + "-0000");
        gw.admin("POST", "/provider-keys/" + briefKey + "/rotate", Json.mapper().createObjectNode()
                .put("name", "k2").put("value", "sk-brief-" + round + "-1111"));
        assertThat(gw.admin("GET", "/provider-keys/" + briefKey, null).path("name").asText()).isEqualTo("k2");
        gw.admin("DELETE", "/provider-keys/" + briefKey, null);
        gw.admin("DELETE", "/providers/" + briefId, null);
    }

    /** One round of access edits, each read back: the configuration's allowlist, a key made, moved and deleted, the limits. */
    private static void editAccess(GatewayFixture gw, String p, String other, String config, String spare, int round) {
        ObjectNode access = Json.mapper().createObjectNode();
        access.putObject("access").putObject("models").putArray("allow").add(p + ":m").add(p + ":extra-" + round);
        gw.admin("PATCH", "/access-key-configurations/" + config, access);
        assertThat(gw.admin("GET", "/access-key-configurations/" + config, null).path("access").path("models").path("allow"))
                .extracting(JsonNode::asText).containsExactly(p + ":m", p + ":extra-" + round);

        ObjectNode spareAccess = Json.mapper().createObjectNode();
        spareAccess.putObject("access").putObject("models").putArray("allow").add(other + ":o");
        spareAccess.put("description", "round " + round);
        gw.admin("PATCH", "/access-key-configurations/" + spare, spareAccess);

        JsonNode key = gw.admin("POST", "/access-keys", Json.mapper().createObjectNode().put("name", "k" + round)
                .put("accessKeyConfigurationId", spare));
        String keyPath = "/access-keys/" + key.get("id").asText();
        gw.admin("PATCH", keyPath, Json.mapper().createObjectNode().put("accessKeyConfigurationId", config));
        assertThat(gw.admin("GET", keyPath, null).path("accessKeyConfiguration").path("id").asText()).isEqualTo(config);
        gw.admin("DELETE", keyPath, null);

        String timeout = (30 + round % 2) + "s";
        gw.gatewayConfig("{\"perRequestTimeout\":\"" + timeout + "\"}");
        assertThat(gw.admin("GET", "/gateway-config", null).path("perRequestTimeout").asText()).isEqualTo(timeout);
    }
}
