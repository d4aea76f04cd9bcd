package dev.switchboard.app;

import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.ConnectionState;
import dev.switchboard.viewmodel.Connections;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.settings.Settings;
import dev.switchboard.viewmodel.settings.SettingsStore;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the app's gateway connection: reads the saved settings, starts the embedded gateway (or stops
 * it when the user switches to Hosted), and publishes the result as a {@link ConnectionState}.
 * State changes happen on the UI thread; starting and stopping run on the background executor.
 */
public final class ConnectionManager implements Connections, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionManager.class);

    private final SettingsStore store;
    private final BackgroundTasks tasks;
    private final EmbeddedGatewayStarter starter;
    private final Supplier<OkHttpClient> http;
    private final ReadOnlyObjectWrapper<ConnectionState> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final Object gatewayLock = new Object();
    private EmbeddedGatewayStarter.RunningGateway embedded;
    private int embeddedPort = -1;
    private long generation;

    /** @param http shared by every connection's {@link GatewayClient} (one pool, one dispatcher) */
    public ConnectionManager(SettingsStore store, BackgroundTasks tasks, EmbeddedGatewayStarter starter, OkHttpClient http) {
        this(store, tasks, starter, () -> http);
    }

    /** @param http gives the shared client, waiting while it is still being built; asked off the UI thread first */
    public ConnectionManager(SettingsStore store, BackgroundTasks tasks, EmbeddedGatewayStarter starter, Supplier<OkHttpClient> http) {
        this.store = store;
        this.tasks = tasks;
        this.starter = starter;
        this.http = http;
        state.addListener((obs, old, now) -> {
            if (old != null && old.connection() != null && (now == null || now.connection() != old.connection())) {
                old.connection().close();
            }
        });
    }

    @Override
    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    @Override
    public void reconnect() {
        connect();
    }

    /** Like {@link #reconnect()}, with a future that completes when the connection is ready or has failed. */
    public CompletableFuture<ConnectionState> connect() {
        long gen = ++generation;
        CompletableFuture<ConnectionState> done = new CompletableFuture<>();
        tasks.run(store::load, settings -> {
            if (gen != generation) {
                done.complete(state.get());
                return;
            }
            if (settings.mode() == GatewayMode.EMBEDDED) {
                connectEmbedded(gen, settings, done);
            } else {
                connectHosted(gen, settings, done);
            }
        }, e -> publish(gen, ConnectionState.failed(GatewayMode.EMBEDDED, "Could not read the settings: " + e.getMessage()), done));
        return done;
    }

    private void connectEmbedded(long gen, Settings settings, CompletableFuture<ConnectionState> done) {
        state.set(ConnectionState.starting(GatewayMode.EMBEDDED, "Starting embedded gateway…"));
        tasks.run(() -> {
            http.get();
            return ensureEmbedded(settings.embeddedPort());
        },
                running -> publish(gen, ConnectionState.ready(new GatewayConnection(GatewayMode.EMBEDDED,
                        running.baseUrl(), running.baseUrl(), running.adminKey(), http.get())), done),
                e -> {
                    LOG.warn("The embedded gateway did not start: {}", e.toString());
                    publish(gen, ConnectionState.failed(GatewayMode.EMBEDDED, "Embedded gateway did not start: " + e.getMessage()), done);
                });
    }

    private void connectHosted(long gen, Settings settings, CompletableFuture<ConnectionState> done) {
        state.set(ConnectionState.starting(GatewayMode.HOSTED, "Connecting to " + settings.controlPlaneUrl() + "…"));
        tasks.run(() -> {
            stopEmbedded();
            http.get();
            return store.loadApiKey().orElse("");
        }, key -> {
            if (key.isBlank()) {
                publish(gen, ConnectionState.failed(GatewayMode.HOSTED,
                        "No API key for the hosted gateway: add one in Settings."), done);
                return;
            }
            GatewayConnection connection = new GatewayConnection(GatewayMode.HOSTED, settings.controlPlaneUrl(),
                    settings.dataPlaneUrl(), key, http.get());
            try {
                connection.client();
            } catch (RuntimeException e) {
                publish(gen, ConnectionState.failed(GatewayMode.HOSTED, "The hosted gateway's settings are not usable: "
                        + e.getMessage()), done);
                return;
            }
            publish(gen, ConnectionState.ready(connection), done);
        },
                e -> publish(gen, ConnectionState.failed(GatewayMode.HOSTED, "Could not read the API key: " + e.getMessage()), done));
    }

    private void publish(long gen, ConnectionState s, CompletableFuture<ConnectionState> done) {
        if (gen == generation) {
            state.set(s);
        }
        done.complete(state.get());
    }

    private EmbeddedGatewayStarter.RunningGateway ensureEmbedded(int port) throws Exception {
        synchronized (gatewayLock) {
            if (embedded != null && (port == 0 || port == embeddedPort)) {
                return embedded;
            }
            stopEmbedded();
            embedded = starter.start(store.dataFolder(), port);
            embeddedPort = port;
            LOG.info("Embedded gateway listening at {}", embedded.baseUrl());
            return embedded;
        }
    }

    private void stopEmbedded() {
        synchronized (gatewayLock) {
            if (embedded == null) {
                return;
            }
            try {
                embedded.stopper().close();
                LOG.info("Embedded gateway stopped");
            } catch (Exception e) {
                LOG.warn("Stopping the embedded gateway failed: {}", e.toString());
            } finally {
                embedded = null;
                embeddedPort = -1;
            }
        }
    }

    /** Stops the embedded gateway if it runs. Blocking; called on exit. */
    @Override
    public void close() {
        stopEmbedded();
    }
}
