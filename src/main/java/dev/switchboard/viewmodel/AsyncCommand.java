package dev.switchboard.viewmodel;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * A user action that does I/O: {@code prepare} runs on the UI thread and snapshots the inputs into a
 * {@link Callable}; that runs on the background executor; the result is handed back on the UI thread.
 * Buttons bind {@code disable} to {@code not(executableProperty())}.
 */
public final class AsyncCommand<T> {
    private final BackgroundTasks tasks;
    private final Supplier<Callable<T>> prepare;
    private final Consumer<? super T> onSuccess;
    private final Consumer<? super Throwable> onFailure;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final BooleanBinding executable;

    public AsyncCommand(BackgroundTasks tasks, ObservableBooleanValue canExecute, Supplier<Callable<T>> prepare,
                        Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        this.tasks = Objects.requireNonNull(tasks);
        this.prepare = Objects.requireNonNull(prepare);
        this.onSuccess = Objects.requireNonNull(onSuccess);
        this.onFailure = Objects.requireNonNull(onFailure);
        this.executable = Bindings.createBooleanBinding(() -> canExecute.get() && !running.get(), canExecute, running);
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public BooleanBinding executableProperty() {
        return executable;
    }

    public boolean isExecutable() {
        return executable.get();
    }

    /** Starts the command if it can run now; otherwise does nothing and returns a completed future. */
    public CompletableFuture<T> execute() {
        if (!executable.get()) {
            return CompletableFuture.completedFuture(null);
        }
        Callable<T> work = prepare.get();
        running.set(true);
        return tasks.run(work, result -> {
            running.set(false);
            onSuccess.accept(result);
        }, failure -> {
            running.set(false);
            onFailure.accept(failure);
        });
    }
}
