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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * A deleted access key is refused (401, in the surface's shape) on its very next request, though it was
 * just used and cached; a replaced token likewise; a rotated provider-key value is what the next
 * upstream call carries. Streams already open run to their end.
 */
class RevocationTest {
    private static final List<Integer> UNAUTHORIZED = List.of(401);

    @TempDir
    static Path dataDir;
    static GatewayFixture gw;

    MockWebServer upstream;
    String provider;

    @BeforeAll
    static void startGateway() {
        gw = new GatewayFixture(dataDir);
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    @BeforeEach
    void startModelServer() throws IOException {
        upstream = ModelServers.mockWebServer();
        upstream.start();
        provider = GatewayFixture.newProviderId("served");
        gw.provider(provider, upstream.url("/").toString(), List.of("openai/chat-completions"), List.of("m"));
    }

    @AfterEach
    void stopModelServer() {
        upstream.close();
    }

    private JsonNode newKey(String name) {
        return gw.admin("POST", "/access-keys", Json.mapper().createObjectNode().put("name", name)
                .put("accessKeyConfigurationId", gw.configuration(null, null)));
    }

    private RawAnswer call(ClientSurface s, Map<String, String> auth) throws IOException {
        return gw.raw("POST", s.path, auth, s.bodyFor(provider + ":m"));
    }

    @Test
    void aDeletedKeyIsRefusedOnItsVeryNextRequestOnEverySurface() throws Exception {
        JsonNode key = newKey("doomed");
        String token = key.get("token").asText();
        for (ClientSurface s : ClientSurface.values()) {
            upstream.enqueue(ScriptedStream.json());
            assertThat(call(s, s.auth(token)).status()).isEqualTo(200);
        }
        assertThat(gw.raw("GET", "/v1/models", Map.of("Authorization", "Bearer " + token), null).status()).isEqualTo(200);

        gw.admin("DELETE", "/access-keys/" + key.get("id").asText(), null);

        for (ClientSurface s : ClientSurface.values()) {
            s.assertRefused(call(s, s.auth(token)), UNAUTHORIZED);
            s.assertRefused(call(s, Map.of("Authorization", "Bearer " + token)), UNAUTHORIZED);
            s.assertRefused(call(s, Map.of("x-api-key", token)), UNAUTHORIZED);
        }
        RawAnswer models = gw.raw("GET", "/v1/models", Map.of("Authorization", "Bearer " + token), null);
        ClientSurface.CHAT.assertRefused(models, UNAUTHORIZED);
        assertThat(models.headers().get("www-authenticate")).isEqualTo("Bearer");
        assertThat(upstream.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aReplacedTokenIsRefusedTheMomentItsKeyIsDeleted() throws Exception {
        JsonNode old = newKey("laptop");
        String oldToken = old.get("token").asText();
        upstream.enqueue(ScriptedStream.json());
        assertThat(call(ClientSurface.CHAT, ClientSurface.CHAT.auth(oldToken)).status()).isEqualTo(200);

        // a token is never changed in place: a new key replaces the old one
        RawAnswer inPlace = gw.raw("PATCH", "/access-keys/" + old.get("id").asText(),
                Map.of("Authorization", "Bearer " + gw.gateway.adminKey()), "{\"token\":\"ng-chosen-by-me\"}");
        assertThat(inPlace.status()).as("%s", inPlace).isBetween(400, 499);
        String newToken = newKey("laptop (new)").get("token").asText();
        gw.admin("DELETE", "/access-keys/" + old.get("id").asText(), null);

        for (ClientSurface s : ClientSurface.values()) {
            s.assertRefused(call(s, s.auth(oldToken)), UNAUTHORIZED);
        }
        upstream.enqueue(ScriptedStream.json());
        assertThat(call(ClientSurface.CHAT, ClientSurface.CHAT.auth(newToken)).status()).isEqualTo(200);
        assertThat(upstream.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aRotatedProviderKeyValueIsWhatTheNextRequestSends() throws Exception {
        String keyId = gw.providerKey(provider, "primary", "sk-before-rotation-1111");
        String token = gw.accessKey(gw.configuration(null, "{\"rules\":[{\"provider\":\"" + provider
                + "\",\"steps\":[{\"type\":\"user\",\"keys\":[{\"id\":\"" + keyId + "\"}]}]}]}"));
        upstream.enqueue(ScriptedStream.json());
        assertThat(call(ClientSurface.CHAT, ClientSurface.CHAT.auth(token)).status()).isEqualTo(200);
        assertThat(upstream.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-before-rotation-1111");

        gw.admin("POST", "/provider-keys/" + keyId + "/rotate", Json.mapper().createObjectNode()
                .put("name", "primary").put("value", "sk-after-rotation-2222"));

        for (ClientSurface s : ClientSurface.values()) {
            upstream.enqueue(ScriptedStream.json());
            assertThat(call(s, s.auth(token)).status()).isEqualTo(200);
            assertThat(upstream.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-after-rotation-2222");
        }
    }

    @Test
    void requestsRacingTheDeleteAreAllRefusedOnceTheDeleteHasReturned() throws Exception {
        upstream.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return ScriptedStream.json();
            }
        });
        JsonNode key = newKey("raced");
        String token = key.get("token").asText();
        record Outcome(long startedNanos, int status) {
        }
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger ok = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            loops.add(pool.submit(() -> {
                while (!stop.get()) {
                    long started = System.nanoTime();
                    Request r = new Request.Builder().url(gw.base + ClientSurface.CHAT.path).header("Authorization", "Bearer " + token)
                            .post(RequestBody.create(ClientSurface.CHAT.bodyFor(provider + ":m"), GatewayFixture.JSON)).build();
                    try (Response response = gw.http.newCall(r).execute()) {
                        response.body().string();
                        outcomes.add(new Outcome(started, response.code()));
                        if (response.code() == 200) {
                            ok.incrementAndGet();
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return null;
            }));
        }
        try {
            awaitCount(ok, 20);
            gw.admin("DELETE", "/access-keys/" + key.get("id").asText(), null);
            long deleted = System.nanoTime();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (outcomes.stream().filter(o -> o.startedNanos() > deleted).count() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            stop.set(true);
            for (Future<?> f : loops) {
                f.get(30, TimeUnit.SECONDS);
            }
            List<Outcome> after = outcomes.stream().filter(o -> o.startedNanos() > deleted).toList();
            assertThat(after).hasSizeGreaterThanOrEqualTo(40);
            assertThat(after).allSatisfy(o -> assertThat(o.status()).isEqualTo(401));
            assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isIn(200, 401));
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    private static void awaitCount(AtomicInteger n, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (n.get() < atLeast) {
            assertThat(System.nanoTime()).as("%d successful calls before the deadline", atLeast).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aStreamOpenWhenItsKeyIsDeletedRunsToItsEnd() throws Exception {
        JsonNode key = newKey("streaming");
        String token = key.get("token").asText();
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        upstream.enqueue(ScriptedStream.chat(8, opened, release, 5, false));
        CompletableFuture<String> stream = CompletableFuture.supplyAsync(() -> {
            Request r = new Request.Builder().url(gw.base + ClientSurface.MESSAGES.path).header("x-api-key", token)
                    .post(RequestBody.create(ClientSurface.MESSAGES.body("\"model\":" + quote(provider + ":m")
                            + ",\"stream\":true"), GatewayFixture.JSON)).build();
            try (Response response = gw.http.newCall(r).execute()) {
                assertThat(response.code()).isEqualTo(200);
                return response.body().string();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(opened.await(20, TimeUnit.SECONDS)).isTrue();

        gw.admin("DELETE", "/access-keys/" + key.get("id").asText(), null);
        ClientSurface.MESSAGES.assertRefused(call(ClientSurface.MESSAGES, ClientSurface.MESSAGES.auth(token)), UNAUTHORIZED);

        release.countDown();
        String text = stream.get(30, TimeUnit.SECONDS);
        assertThat(ClientSurface.MESSAGES.endsComplete(ClientSurface.events(text))).as(text).isTrue();
        for (int w = 0; w < 8; w++) {
            assertThat(text).contains(ScriptedStream.word(w));
        }
        assertThat(upstream.getRequestCount()).isEqualTo(1);
    }
}
