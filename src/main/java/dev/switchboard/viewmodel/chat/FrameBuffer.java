package dev.switchboard.viewmodel.chat;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Collects streamed text on a background thread and hands it to the UI thread in batches: however
 * fast deltas arrive, at most one flush is queued on {@code ui} at a time (with {@code Platform.runLater}
 * that is at most one per pulse), and it takes everything gathered so far.
 */
final class FrameBuffer {
    private final Executor ui;
    private final Consumer<String> sink;
    private final StringBuilder pending = new StringBuilder();
    private final AtomicBoolean queued = new AtomicBoolean();

    FrameBuffer(Executor ui, Consumer<String> sink) {
        this.ui = ui;
        this.sink = sink;
    }

    /** Called from any thread. */
    void add(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        synchronized (pending) {
            pending.append(delta);
        }
        if (queued.compareAndSet(false, true)) {
            ui.execute(this::flush);
        }
    }

    /** On the UI thread: hands over everything gathered. */
    void flush() {
        queued.set(false);
        String batch;
        synchronized (pending) {
            batch = pending.toString();
            pending.setLength(0);
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
