package dev.switchboard.discovery;

import java.util.function.Supplier;

/**
 * A model-server client ({@link ModelServerClient}, {@link ModelServerCheck}) built on first use. Building one sets
 * up OkHttp and its TLS context (the trust store is read the first time, ~100-200 ms), so the pages and windows that
 * need one take this instead and use it only inside their background tasks: opening them keeps the FX thread free.
 */
public final class OnDemand<T extends AutoCloseable> implements Supplier<T>, AutoCloseable {
    private final Supplier<T> build;
    private final String closedMessage;
    private T value;
    private boolean closed;

    /**
     * @param build         makes the client, once, on the thread of the first {@link #get()}
     * @param closedMessage what {@link #get()} says once {@link #close()} ran
     */
    public OnDemand(Supplier<T> build, String closedMessage) {
        this.build = build;
        this.closedMessage = closedMessage;
    }

    /** A {@link ModelServerClient} with its default timeouts. */
    public static OnDemand<ModelServerClient> modelServerClient() {
        return new OnDemand<>(ModelServerClient::new, "The model-server client is closed.");
    }

    @Override
    public synchronized T get() {
        if (closed) {
            throw new IllegalStateException(closedMessage);
        }
        if (value == null) {
            value = build.get();
        }
        return value;
    }

    /** Whether the client was built yet. */
    public synchronized boolean isBuilt() {
        return value != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (value != null) {
            try {
                value.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Could not close " + value + ": " + e.getMessage(), e);
            }
        }
    }
}
