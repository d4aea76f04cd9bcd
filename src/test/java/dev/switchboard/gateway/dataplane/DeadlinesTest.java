package dev.switchboard.gateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.StoreCatalog;
import dev.switchboard.gateway.upstream.SurfaceTranslators;
import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single timer behind every exchange's per-request and total timeouts: deadlines fire, a
 * deadline moved later is honoured, and no exchange stays registered once it ended, whichever way.
 */
class DeadlinesTest {

    /** A deadline holder for the unit tests: counts and timestamps its expiries. */
    private static class Holder implements Deadlines.Timed {
        volatile long expireAt;
        final List<Long> expiredAt = new CopyOnWriteArrayList<>();

        Holder(long expireAt) {
            this.expireAt = expireAt;
        }

        @Override
        public long getExpireNanoTime() {
            return expireAt;
        }

        @Override
        public void expire() {
            expiredAt.add(System.nanoTime());
            expireAt = Long.MAX_VALUE;
        }
    }

    @Test
    void firesEachDeadlineOnceAndHonoursOneMovedLater() throws Exception {
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("deadlines-test", true);
        scheduler.start();
        try {
            Deadlines deadlines = new Deadlines(scheduler, Runnable::run);
            long t0 = System.nanoTime();
            Holder soon = new Holder(t0 + TimeUnit.MILLISECONDS.toNanos(50));
            Holder moved = new Holder(t0 + TimeUnit.MILLISECONDS.toNanos(60));
            Holder never = new Holder(Long.MAX_VALUE);
            Holder forgotten = new Holder(t0 + TimeUnit.MILLISECONDS.toNanos(40));
            deadlines.watch(soon);
            deadlines.watch(moved);
            deadlines.watch(never);
            deadlines.watch(forgotten);
            deadlines.forget(forgotten);
            // Moved later after it was scheduled (like a new attempt's per-request deadline).
            moved.expireAt = t0 + TimeUnit.MILLISECONDS.toNanos(400);
            deadlines.watch(moved);

            await().atMost(Duration.ofSeconds(10)).until(() -> !soon.expiredAt.isEmpty() && !moved.expiredAt.isEmpty());
            assertThat(soon.expiredAt.get(0) - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
            assertThat(moved.expiredAt.get(0) - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(400));
            Thread.sleep(200);
            assertThat(soon.expiredAt).hasSize(1);
            assertThat(moved.expiredAt).hasSize(1);
            assertThat(never.expiredAt).isEmpty();
            assertThat(forgotten.expiredAt).isEmpty();
            assertThat(deadlines.size()).isEqualTo(3);
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void aDeadlineLeftAfterAnExpiryStillFires() throws Exception {
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("deadlines-test", true);
        scheduler.start();
        try {
            // Expiries run on another thread, as on the server's pool: after the timer looked for its next deadline.
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
            Deadlines deadlines = new Deadlines(scheduler, command -> pool.execute(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                command.run();
            }));
            long t0 = System.nanoTime();
            long later = t0 + TimeUnit.MILLISECONDS.toNanos(300);
            // Like an exchange whose hang-up watch starts at its first deadline and whose timeout comes later.
            Holder twoStage = new Holder(t0 + TimeUnit.MILLISECONDS.toNanos(50)) {
                @Override
                public void expire() {
                    expiredAt.add(System.nanoTime());
                    expireAt = expiredAt.size() == 1 ? later : Long.MAX_VALUE;
                }
            };
            deadlines.watch(twoStage);
            await().atMost(Duration.ofSeconds(10)).until(() -> twoStage.expiredAt.size() == 2);
            assertThat(twoStage.expiredAt.get(1) - later).isGreaterThanOrEqualTo(0);
            pool.shutdown();
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void noExchangeStaysRegisteredAfterItEnds(@TempDir Path dataDir) throws Exception {
        AtomicReference<DataPlaneHandler> plane = new AtomicReference<>();
        try (GatewayFixture gw = new GatewayFixture(dataDir, store -> {
            DataPlaneHandler h = new DataPlaneHandler(new StoreCatalog(store), SurfaceTranslators.builtIn(),
                    store.usageRecorder());
            plane.set(h);
            return h;
        }); MockWebServer upstream = ModelServers.mockWebServer()) {
            upstream.start();
            String provider = GatewayFixture.newProviderId("deadlines");
            gw.provider(provider, upstream.url("/").toString(), List.of("openai/chat-completions"), List.of("m"));
            String token = gw.accessKey(null);
            gw.gatewayConfig("{\"perRequestTimeout\":\"300ms\",\"totalTimeout\":\"5s\"}");
            String body = "{\"model\":\"" + provider + ":m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            String ok = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                    + "{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}";

            // Answered, upstream errors, a per-request timeout, and a caller that hangs up while waiting.
            for (int i = 0; i < 20; i++) {
                upstream.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ok).build());
            }
            upstream.enqueue(new MockResponse.Builder().code(500).body("{\"error\":\"boom\"}").build());
            upstream.enqueue(new MockResponse.Builder().code(400).body("{\"error\":\"bad\"}").build());
            upstream.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body(ok).build());
            upstream.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body(ok).build());
            List<Integer> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 23; i++) {
                try (Response r = gw.post("/v1/chat/completions", token, body)) {
                    r.body().bytes();
                    statuses.add(r.code());
                }
            }
            assertThat(statuses.subList(0, 20)).containsOnly(200);
            assertThat(statuses.subList(20, 23)).containsExactly(500, 400, 502); // 502: nothing within perRequestTimeout
            Call hangUp = gw.http.newCall(new Request.Builder().url(gw.base + "/v1/chat/completions")
                    .header("Authorization", "Bearer " + token)
                    .post(RequestBody.create(body, GatewayFixture.JSON)).build());
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                hangUp.cancel();
            });
            canceller.start();
            try (Response ignored = hangUp.execute()) {
                // not reached: cancelled while the model server stalls
            } catch (IOException expected) {
                // the caller went away
            }
            canceller.join();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(plane.get().deadlines().size()).isZero());
        }
    }
}
