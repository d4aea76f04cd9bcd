package dev.switchboard.app;

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

    /** The real embedded gateway, bound to loopback. */
    static EmbeddedGatewayStarter loopback() {
        return (dataFolder, port) -> {
            throw new IllegalStateException("the embedded gateway is not part of this build yet");
        };
    }
}
