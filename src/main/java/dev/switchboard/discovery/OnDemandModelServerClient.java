package dev.switchboard.discovery;

import java.util.function.Supplier;

/**
 * A {@link ModelServerClient} built on first use. Building one sets up OkHttp and its TLS context (the trust
 * store is read the first time, ~100-200 ms), so the pages that need it take this instead and use it only inside
 * their background tasks: opening them, or the Add-provider wizard, keeps the FX thread free.
 */
public final class OnDemandModelServerClient implements Supplier<ModelServerClient>, AutoCloseable {
    private final Supplier<ModelServerClient> build;
    private ModelServerClient client;
    private boolean closed;

    public OnDemandModelServerClient() {
        this(ModelServerClient::new);
    }

    /** @param build makes the client, once, on the thread of the first {@link #get()} */
    public OnDemandModelServerClient(Supplier<ModelServerClient> build) {
        this.build = build;
    }

    @Override
    public synchronized ModelServerClient get() {
        if (closed) {
            throw new IllegalStateException("The model-server client is closed.");
        }
        if (client == null) {
            client = build.get();
        }
        return client;
    }

    /** Whether the client was built yet. */
    public synchronized boolean isBuilt() {
        return client != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}
