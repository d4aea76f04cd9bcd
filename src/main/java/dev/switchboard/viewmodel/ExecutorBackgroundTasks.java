package dev.switchboard.viewmodel;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link BackgroundTasks} over two executors: one for work, one that is the UI thread. */
public final class ExecutorBackgroundTasks implements BackgroundTasks {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorBackgroundTasks.class);

    private final Executor background;
    private final Executor ui;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService owned;

    ExecutorBackgroundTasks(Executor background, Executor ui, ScheduledExecutorService scheduler) {
        this.background = background;
        this.ui = ui;
        this.scheduler = scheduler;
        this.owned = background instanceof ExecutorService s ? s : null;
    }

    /** Background work on a small pool of daemon threads; results published with {@code uiExecutor} (e.g. {@code Platform::runLater}). */
    public static ExecutorBackgroundTasks withDaemonThreads(Executor uiExecutor) {
        ExecutorService pool = Executors.newCachedThreadPool(daemon("switchboard-io"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("switchboard-timer"));
        return new ExecutorBackgroundTasks(pool, uiExecutor, scheduler);
    }

    @Override
    public <T> CompletableFuture<T> run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        CompletableFuture<T> done = new CompletableFuture<>();
        try {
            background.execute(() -> callThenPublish(work, onSuccess, onFailure, done));
        } catch (RejectedExecutionException closed) {
            // The app is shutting down: late callers (a status check, a theme save) are dropped quietly.
            done.completeExceptionally(closed);
        }
        return done;
    }

    private <T> void callThenPublish(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure,
                          CompletableFuture<T> done) {
        T result;
        try {
            result = work.call();
        } catch (Throwable e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            ui.execute(() -> {
                try {
                    onFailure.accept(cause);
                } catch (RuntimeException callbackFailure) {
                    LOG.warn("failure callback threw", callbackFailure);
                } finally {
                    done.completeExceptionally(cause);
                }
            });
            return;
        }
        ui.execute(() -> {
            try {
                onSuccess.accept(result);
                done.complete(result);
            } catch (RuntimeException callbackFailure) {
                LOG.warn("success callback threw", callbackFailure);
                done.completeExceptionally(callbackFailure);
            }
        });
    }

    @Override
    public Repeating every(Duration period, Runnable action) {
        if (scheduler == null) {
            return () -> { };
        }
        long millis = Math.max(1, period.toMillis());
        ScheduledFuture<?> f = scheduler.scheduleWithFixedDelay(() -> ui.execute(action), millis, millis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (owned != null) {
            owned.shutdown();
            try {
                if (!owned.awaitTermination(3, TimeUnit.SECONDS)) {
                    owned.shutdownNow();
                }
            } catch (InterruptedException e) {
                owned.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
