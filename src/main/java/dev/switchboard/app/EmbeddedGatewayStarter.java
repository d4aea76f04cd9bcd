package dev.switchboard.app;

import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import java.nio.file.Path;

/** Starts the in-process gateway. Blocking: the console calls it off the FX thread. */
@FunctionalInterface
public interface EmbeddedGatewayStarter {

    RunningGateway start(Path dataFolder, int port) throws Exception;

    /** A started embedded gateway: where it listens, its admin key (never log it), and how to stop it. */
    record RunningGateway(String baseUrl, String adminKey, AutoCloseable stopper) {
        @Override
        public String toString() {
            return "RunningGateway[" + baseUrl + ", adminKey=***]";
        }
    }

    /** The real embedded gateway, bound to loopback ({@code port} 0 picks a free one). */
    static EmbeddedGatewayStarter loopback() {
        return (dataFolder, port) -> {
            EmbeddedGateway gateway = EmbeddedGateway.start(
                    new GatewayOptions(dataFolder, GatewayOptions.DEFAULT_BIND, port, false));
            String url = gateway.baseUrl().toString();
            return new RunningGateway(url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
                    gateway.adminKey(), gateway);
        };
    }
}
