package dev.switchboard.gateway;

import dev.switchboard.gateway.dataplane.DataPlaneHandler;
import dev.switchboard.gateway.store.Store;
import dev.switchboard.gateway.upstream.SurfaceTranslators;
import java.util.Optional;
import java.util.ServiceLoader;
import org.eclipse.jetty.server.Handler;

/**
 * Builds the data-plane handler that serves everything under {@code /v1/}. The handler
 * is started and stopped with the server (it may hold an HTTP client, a usage writer...).
 *
 * <p>{@link EmbeddedGateway#start(GatewayOptions)} uses {@link #standard()} unless another
 * factory is registered through {@link ServiceLoader} (in
 * {@code META-INF/services/dev.switchboard.gateway.DataPlaneFactory}). Tests may pass one
 * directly to {@link EmbeddedGateway#start(GatewayOptions, DataPlaneFactory)}.
 */
@FunctionalInterface
public interface DataPlaneFactory {

    Handler create(Store store);

    /** The data plane ({@link DataPlaneHandler}) over the store ({@link StoreCatalog}), logging to its usage recorder. */
    static DataPlaneFactory standard() {
        return store -> new DataPlaneHandler(new StoreCatalog(store), SurfaceTranslators.builtIn(), store.usageRecorder());
    }

    /** The factory registered on the class path, if any (the first one found). */
    static Optional<DataPlaneFactory> discover() {
        return ServiceLoader.load(DataPlaneFactory.class, DataPlaneFactory.class.getClassLoader()).findFirst();
    }
}
