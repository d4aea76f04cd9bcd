package dev.switchboard.gateway;

import dev.switchboard.gateway.server.AdminKey;
import dev.switchboard.gateway.server.GatewayServer;
import dev.switchboard.gateway.store.Store;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway running inside this JVM: store, admin key and HTTP server. The desktop app
 * and {@code switchboard serve} both start it through {@link #start(GatewayOptions)}.
 */
public final class EmbeddedGateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedGateway.class);

    private final GatewayOptions options;
    private final Store store;
    private final AdminKey adminKey;
    private final GatewayServer server;
    private final URI baseUrl;
    private boolean closed;

    private EmbeddedGateway(GatewayOptions options, Store store, AdminKey adminKey, GatewayServer server) {
        this.options = options;
        this.store = store;
        this.adminKey = adminKey;
        this.server = server;
        this.baseUrl = URI.create("http://" + clientHost(options.bindAddress()) + ":" + server.port());
    }

    /** Starts with the standard data plane (or one registered on the class path, see {@link DataPlaneFactory}). */
    public static EmbeddedGateway start(GatewayOptions options) {
        return start(options, DataPlaneFactory.discover().orElseGet(DataPlaneFactory::standard));
    }

    /**
     * Starts the gateway; {@code dataPlane} null leaves {@code /v1/} answering 404.
     *
     * @throws GatewayStartException when the port is taken, the data folder is unusable, ...
     */
    public static EmbeddedGateway start(GatewayOptions options, DataPlaneFactory dataPlane) {
        Store store;
        try {
            store = Store.open(options.dataDir());
        } catch (RuntimeException e) {
            throw new GatewayStartException("Could not open the gateway's database in " + options.dataDir() + ": "
                    + rootMessage(e), e);
        }
        try {
            AdminKey adminKey = AdminKey.loadOrCreate(options.dataDir());
            Handler handler = dataPlane == null ? null : dataPlane.create(store);
            GatewayServer server = new GatewayServer(options, store, adminKey, handler);
            try {
                server.start();
            } catch (Exception e) {
                try {
                    server.stop();
                } catch (Exception stopFailure) {
                    e.addSuppressed(stopFailure);
                }
                if (hasCause(e, BindException.class)) {
                    throw new GatewayStartException("Could not listen on " + options.bindAddress() + ":"
                            + options.port() + ": the address is in use or not available. Pick another --port"
                            + " (0 picks a free one).", e);
                }
                throw new GatewayStartException("Could not start the gateway: " + rootMessage(e), e);
            }
            EmbeddedGateway gateway = new EmbeddedGateway(options, store, adminKey, server);
            LOG.info("Gateway started on {} (data folder {}, admin key file {})", gateway.baseUrl(),
                    options.dataDir(), adminKey.fromEnvironment() ? "not used: " + AdminKey.ENV_VAR + " is set"
                            : adminKey.file());
            return gateway;
        } catch (RuntimeException e) {
            store.close();
            throw e instanceof GatewayStartException ? e
                    : new GatewayStartException("Could not start the gateway: " + rootMessage(e), e);
        }
    }

    /** The address a client on this machine uses: a wildcard or loopback bind is reached at 127.0.0.1. */
    static String clientHost(String bind) {
        try {
            InetAddress a = InetAddress.getByName(bind);
            if (a.isAnyLocalAddress() || a.isLoopbackAddress()) {
                return "127.0.0.1";
            }
            String host = a.getHostAddress();
            return host.contains(":") ? "[" + host + "]" : host;
        } catch (UnknownHostException e) {
            return bind;
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** {@code http://127.0.0.1:PORT}: the control plane at the root, the data plane under {@code /v1/}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.port();
    }

    /** The control plane's API key (from the data folder's admin-key file or SWITCHBOARD_ADMIN_KEY). */
    public String adminKey() {
        return adminKey.value();
    }

    GatewayServer server() {
        return server;
    }

    public Store store() {
        return store;
    }

    public GatewayOptions options() {
        return options;
    }

    /** Stops the server and closes the database; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("The gateway's HTTP server did not stop cleanly", e);
        } finally {
            store.close();
        }
        LOG.info("Gateway on {} stopped", baseUrl);
    }
}
