package dev.switchboard.gateway.server;

import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.gateway.control.ControlPlane;
import dev.switchboard.gateway.store.Store;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The Jetty server: one connector, {@link GatewayHandler} at the root, JSON for Jetty's own errors. */
public final class GatewayServer {
    private final Server server;
    private final ServerConnector connector;
    private final InlineConnectionTasksPool threads;

    /**
     * @param dataPlane the handler for {@code /v1/...}, or null to answer those with a JSON 404
     */
    public GatewayServer(GatewayOptions options, Store store, AdminKey adminKey, Handler dataPlane) {
        threads = new InlineConnectionTasksPool(64, 4);
        threads.setName("gateway");
        // No reserved threads: the handlers never block, so Jetty runs each request on the selector thread
        // that read it instead of waking a reserved thread to take over selecting (a futex wake-up per read).
        threads.setReservedThreads(0);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // No acceptor thread: the selector accepts, so a new connection's first request is read without the
        // hand-off (and wake-up) from a blocked accept() to the selector.
        connector = new ServerConnector(server, 0, -1, new HttpConnectionFactory(http));
        connector.setHost(options.bindAddress());
        connector.setPort(options.port());
        connector.setIdleTimeout(60_000);
        server.addConnector(connector);
        server.setHandler(new GatewayHandler(new ControlPlane(store), adminKey, options.allowRemoteAdmin(), dataPlane));
        server.setErrorHandler(new JsonErrorHandler(dataPlane instanceof DataPlaneErrorWriter w ? w : null));
        server.setStopTimeout(2_000);
        server.setStopAtShutdown(false);
    }

    public void start() throws Exception {
        server.start();
    }

    /** The port actually bound (meaningful once started). */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * How many times a keep-alive connection went on to its next request on the thread that completed the
     * previous answer instead of a pooled thread (see {@link InlineConnectionTasksPool}).
     */
    public long resumedInline() {
        return threads.resumedInline();
    }

    /** How many accepted connections were set up on the selector thread that accepted them. */
    public long acceptedInline() {
        return threads.acceptedInline();
    }

    public void stop() throws Exception {
        server.stop();
    }

    public boolean isRunning() {
        return server.isRunning();
    }
}
