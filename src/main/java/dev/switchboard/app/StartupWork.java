package dev.switchboard.app;

import dev.switchboard.client.NoDelaySocketFactory;
import dev.switchboard.viewmodel.settings.Settings;
import dev.switchboard.viewmodel.settings.SettingsStore;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

/**
 * What the window needs but not the JavaFX toolkit: the logging set-up and the settings file. Started on its own
 * thread before the toolkit, so on a 2-core machine it runs beside the toolkit's start-up instead of after it;
 * the window waits for the settings only. Then, once the first frame is drawn (or the client is asked for, if
 * sooner), the HTTP client: OkHttp sets up TLS eagerly (the trust store: ~100 ms of CPU), which before the first
 * frame only competed with it for the CPU.
 */
final class StartupWork {
    private final CompletableFuture<Loaded> loaded = new CompletableFuture<>();
    private final CompletableFuture<OkHttpClient> http = new CompletableFuture<>();
    private final CountDownLatch httpWanted = new CountDownLatch(1);

    /** The settings as read, and the HTTP client every gateway connection shares (waits until it is built). */
    record Loaded(SettingsStore store, Settings settings, Supplier<OkHttpClient> http) {
    }

    private StartupWork(Path dataFolder) {
        Thread t = new Thread(() -> {
            try {
                LoggerFactory.getILoggerFactory();
                SettingsStore store = new SettingsStore(dataFolder);
                loaded.complete(new Loaded(store, store.load(), this::http));
            } catch (RuntimeException | Error e) {
                loaded.completeExceptionally(e);
            }
            try {
                httpWanted.await();
                http.complete(httpClient());
            } catch (InterruptedException | RuntimeException | Error e) {
                http.completeExceptionally(e);
            }
        }, "startup-work");
        t.setDaemon(true);
        t.start();
    }

    static StartupWork start(Path dataFolder) {
        return new StartupWork(dataFolder);
    }

    /** Waits for the settings; a failure (an unreadable settings file) is thrown as it was. */
    Loaded await() {
        return join(loaded);
    }

    /** Lets the HTTP client be built now: the first frame is on screen, so it no longer competes with it. */
    void firstFrameDrawn() {
        httpWanted.countDown();
    }

    /** The HTTP client being built, or not yet started. */
    CompletableFuture<OkHttpClient> httpClientFuture() {
        return http;
    }

    private OkHttpClient http() {
        httpWanted.countDown();
        return join(http);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    static OkHttpClient httpClient() {
        return new OkHttpClient.Builder().socketFactory(NoDelaySocketFactory.INSTANCE).build();
    }
}
