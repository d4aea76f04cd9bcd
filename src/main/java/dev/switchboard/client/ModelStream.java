package dev.switchboard.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running model stream. Events go to the {@link StreamListener} on a background thread;
 * {@link #cancel()} (or {@link #close()}, so try-with-resources works) stops it and closes the
 * connection. {@link #result()} completes when the stream ends: normally with a {@link StreamResult}
 * (completed or cancelled), exceptionally with the {@link GatewayException} that ended it.
 */
public final class ModelStream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStream.class);

    private final Surface surface;
    private final StreamListener listener;
    private final Secrets secrets;
    private final HttpUrl url;
    private final Duration idleTimeout;
    private final Executor callbacks;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CompletableFuture<StreamResult> result = new CompletableFuture<>();
    private final StreamAccumulator accumulator;
    private final Object lock = new Object();
    private volatile EventSource source;
    private volatile boolean cancelled;
    private volatile GatewayTrace trace;
    private volatile Duration timeToFirstEvent;
    private volatile Duration timeToFirstText;
    private int eventCount;

    ModelStream(Surface surface, StreamListener listener, Secrets secrets, HttpUrl url, Duration idleTimeout,
                Executor callbacks) {
        this.surface = surface;
        this.listener = listener;
        this.secrets = secrets;
        this.url = url;
        this.idleTimeout = idleTimeout;
        this.callbacks = callbacks;
        this.accumulator = new StreamAccumulator(surface);
    }

    void start(EventSource.Factory factory, okhttp3.Request request) {
        source = factory.newEventSource(request, new Bridge());
        if (cancelled) {
            source.cancel();
        }
    }

    public Surface surface() {
        return surface;
    }

    /** Stops the stream and closes its connection; the listener then gets {@code onComplete} with CANCELLED. */
    public void cancel() {
        cancelled = true;
        EventSource s = source;
        if (s != null) {
            s.cancel();
        }
        if (ended.compareAndSet(false, true)) {
            StreamResult partial = snapshot(StreamResult.Outcome.CANCELLED);
            result.complete(partial);
            try {
                callbacks.execute(() -> safely(() -> listener.onComplete(partial)));
            } catch (java.util.concurrent.RejectedExecutionException closedClient) {
                safely(() -> listener.onComplete(partial));
            }
        }
    }

    /** Same as {@link #cancel()}; a finished stream is left as it is. */
    @Override
    public void close() {
        cancel();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Completes with the outcome, or exceptionally with the {@link GatewayException} that ended the stream. */
    public CompletableFuture<StreamResult> result() {
        return result.copy();
    }

    /**
     * Waits for the stream to end. Throws the stream's {@link GatewayException}, or a client-side
     * {@link GatewayTimeoutException} when {@code timeout} passes first (the stream keeps going).
     */
    public StreamResult await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GatewayException g) {
                throw g;
            }
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new GatewayTimeoutException(ErrorInfo.of("The stream did not end within "
                    + Errors.human(timeout) + "."), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException(ErrorInfo.of("Interrupted while waiting for the stream."), e);
        }
    }

    /** The text so far. */
    public String text() {
        synchronized (lock) {
            return accumulator.text();
        }
    }

    public Optional<Duration> timeToFirstEvent() {
        return Optional.ofNullable(timeToFirstEvent);
    }

    /** The trace headers, once the gateway has answered. */
    public Optional<GatewayTrace> trace() {
        return Optional.ofNullable(trace);
    }

    private Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private StreamResult snapshot(StreamResult.Outcome outcome) {
        synchronized (lock) {
            return new StreamResult(surface, outcome, accumulator.text(), accumulator.usage(),
                    accumulator.stopReason(), trace, timeToFirstEvent, timeToFirstText, sinceStart(), eventCount);
        }
    }

    private void complete() {
        if (ended.compareAndSet(false, true)) {
            StreamResult done = snapshot(StreamResult.Outcome.COMPLETED);
            safely(() -> listener.onComplete(done));
            result.complete(done);
        }
    }

    private void fail(GatewayException error) {
        if (ended.compareAndSet(false, true)) {
            StreamResult partial = snapshot(StreamResult.Outcome.FAILED);
            safely(() -> listener.onError(error, partial));
            result.completeExceptionally(error);
        }
    }

    private static void safely(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("A stream listener threw", e);
        }
    }

    @Override
    public String toString() {
        return "ModelStream[" + surface + ", " + (result.isDone() ? "done" : "running") + "]";
    }

    private final class Bridge extends EventSourceListener {
        @Override
        public void onOpen(EventSource eventSource, Response response) {
            trace = GatewayTrace.from(response.headers());
            if (!ended.get()) {
                safely(() -> listener.onOpen(trace));
            }
        }

        @Override
        public void onEvent(EventSource eventSource, String id, String type, String data) {
            if (ended.get()) {
                return;
            }
            Duration at = sinceStart();
            String delta;
            StreamAccumulator.StreamError error;
            synchronized (lock) {
                if (timeToFirstEvent == null) {
                    timeToFirstEvent = at;
                }
                eventCount++;
                delta = accumulator.accept(type, data);
                if (!delta.isEmpty() && timeToFirstText == null) {
                    timeToFirstText = at;
                }
                error = accumulator.error();
            }
            StreamEvent event = new StreamEvent(type == null ? "message" : type, data, delta, at);
            safely(() -> listener.onEvent(event));
            if (error != null && !cancelled) {
                GatewayTrace t = trace;
                fail(Errors.fromStreamError(error.code(), error.type(), error.message(), error.details(),
                        t == null ? null : t.requestId(), secrets));
                eventSource.cancel();
            }
        }

        @Override
        public void onClosed(EventSource eventSource) {
            if (cancelled) {
                // Stop closed the connection: cancel() ends the stream as CANCELLED, not as a broken stream.
                return;
            }
            boolean finished;
            synchronized (lock) {
                finished = accumulator.finished();
            }
            if (finished) {
                complete();
            } else {
                fail(new NetworkException(ErrorInfo.of("The stream ended before the model finished."), null));
            }
        }

        @Override
        public void onFailure(EventSource eventSource, Throwable t, Response response) {
            if (cancelled || ended.get()) {
                return;
            }
            if (response != null && trace == null) {
                trace = GatewayTrace.from(response.headers());
            }
            if (response != null && !response.isSuccessful()) {
                fail(Errors.fromResponse(response, secrets));
            } else if (t instanceof IOException io) {
                fail(Errors.fromIo(io, url, idleTimeout, trace != null));
            } else if (response != null) {
                fail(new UnexpectedResponseException(ErrorInfo.of(
                        "The gateway did not answer with an event stream (HTTP " + response.code() + ")."),
                        secrets.scrub(t)));
            } else {
                fail(new UnexpectedResponseException(ErrorInfo.of("The stream failed unexpectedly."), secrets.scrub(t)));
            }
        }
    }
}
