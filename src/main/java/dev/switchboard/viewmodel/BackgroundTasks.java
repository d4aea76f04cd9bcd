package dev.switchboard.viewmodel;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Where view-models run I/O: {@code work} runs on a background thread, then {@code onSuccess} or
 * {@code onFailure} runs on the UI thread. Injected, so tests can run everything synchronously.
 */
public interface BackgroundTasks extends AutoCloseable {

    /**
     * Runs {@code work} in the background and publishes its result on the UI thread.
     * The returned future completes after the callback has run (handy for tests and shutdown).
     */
    <T> CompletableFuture<T> run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs {@code action} on the UI thread every {@code period}, until the returned handle is closed. */
    Repeating every(Duration period, Runnable action);

    @Override
    void close();

    /** A handle on a repeating action. */
    interface Repeating extends AutoCloseable {
        @Override
        void close();
    }

    /** Runs work and callbacks on the calling thread; {@link #every} never fires. For tests without a toolkit. */
    static BackgroundTasks direct() {
        return new ExecutorBackgroundTasks(Runnable::run, Runnable::run, null);
    }
}
