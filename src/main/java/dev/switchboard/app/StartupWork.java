package dev.switchboard.app;

import dev.switchboard.client.NoDelaySocketFactory;
import dev.switchboard.viewmodel.settings.Settings;
import dev.switchboard.viewmodel.settings.SettingsStore;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;
import org.slf4j.LoggerFactory;

/**
 * What the window needs before its first frame but not the JavaFX toolkit: the logging set-up, the
 * settings file (Jackson) and the HTTP client (OkHttp builds its TLS context eagerly). Started on its own
 * thread before the toolkit, so on a 2-core machine it runs beside the toolkit's start-up instead of after it.
 */
final class StartupWork {
    private final CompletableFuture<Loaded> loaded;

    /** The settings as read, and the HTTP client every gateway connection shares. */
    record Loaded(SettingsStore store, Settings settings, OkHttpClient http) {
    }

    private StartupWork(Path dataFolder) {
        loaded = CompletableFuture.supplyAsync(() -> {
            LoggerFactory.getILoggerFactory();
            SettingsStore store = new SettingsStore(dataFolder);
            Settings settings = store.load();
            return new Loaded(store, settings, httpClient());
        }, r -> {
            Thread t = new Thread(r, "startup-work");
            t.setDaemon(true);
            t.start();
        });
    }

    static StartupWork start(Path dataFolder) {
        return new StartupWork(dataFolder);
    }

    /** Waits for the work; a failure (an unreadable settings file) is thrown as it was. */
    Loaded await() {
        try {
            return loaded.join();
        } catch (java.util.concurrent.CompletionException e) {
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
