package dev.switchboard.viewmodel.shell;

import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.ConnectionState;
import dev.switchboard.viewmodel.Connections;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.GatewayProbe;
import dev.switchboard.viewmodel.ProbeResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The status bar: which gateway the console drives and whether it answers, checked every
 * {@link #CHECK_PERIOD} (and right after the connection changes) off the FX thread.
 */
public final class StatusBarViewModel implements AutoCloseable {
    public static final Duration CHECK_PERIOD = Duration.ofSeconds(10);

    /** The dot's colour. */
    public enum Health { STARTING, CHECKING, CONNECTED, NOT_ANSWERING, FAILED }

    private final Connections connections;
    private final GatewayProbe probe;
    private final BackgroundTasks tasks;
    private final ReadOnlyObjectWrapper<Health> health = new ReadOnlyObjectWrapper<>(this, "health", Health.STARTING);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
    private final BackgroundTasks.Repeating ticker;
    private boolean checking;
    private long generation;

    public StatusBarViewModel(Connections connections, GatewayProbe probe, BackgroundTasks tasks) {
        this.connections = connections;
        this.probe = probe;
        this.tasks = tasks;
        connections.stateProperty().addListener((obs, o, n) -> onState(n));
        onState(connections.stateProperty().get());
        this.ticker = tasks.every(CHECK_PERIOD, this::checkNow);
    }

    /** Probes the current gateway once (unless a check is already running). */
    public CompletableFuture<ProbeResult> checkNow() {
        GatewayConnection c = connections.current();
        if (c == null || checking) {
            return CompletableFuture.completedFuture(null);
        }
        checking = true;
        long gen = generation;
        return tasks.run(() -> probe.probe(c), r -> {
            checking = false;
            if (gen == generation) {
                show(c, r);
            }
        }, e -> {
            checking = false;
            if (gen == generation) {
                show(c, ProbeResult.failed(String.valueOf(e.getMessage()), 0));
            }
        });
    }

    private void onState(ConnectionState s) {
        generation++;
        checking = false;
        if (s == null) {
            health.set(Health.STARTING);
            text.set("Connecting…");
            detail.set("");
            return;
        }
        switch (s.phase()) {
            case STARTING -> {
                health.set(Health.STARTING);
                text.set(s.detail());
                detail.set("");
            }
            case FAILED -> {
                health.set(Health.FAILED);
                text.set(s.detail());
                detail.set("Open Settings to change the gateway, or restart the app.");
            }
            case READY -> {
                health.set(Health.CHECKING);
                text.set(s.connection().label() + " · checking…");
                detail.set("");
                checkNow();
            }
        }
    }

    private void show(GatewayConnection c, ProbeResult r) {
        if (r.ok()) {
            health.set(Health.CONNECTED);
            text.set(c.label() + " · connected");
            detail.set(r.message() + " (" + r.millis() + " ms)");
        } else {
            health.set(Health.NOT_ANSWERING);
            text.set(c.label() + " · not answering");
            detail.set(r.message());
        }
    }

    public ReadOnlyObjectProperty<Health> healthProperty() {
        return health.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** A longer explanation for the tooltip: the probe's answer, or what to do about a failure. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    @Override
    public void close() {
        ticker.close();
    }
}
