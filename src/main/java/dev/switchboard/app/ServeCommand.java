package dev.switchboard.app;

import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.gateway.GatewayStartException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code switchboard serve}: the embedded gateway without a window, until SIGTERM or Ctrl-C. */
final class ServeCommand {
    private ServeCommand() {
    }

    static int run(Launcher.CommandLine cli, PrintStream out, PrintStream err) {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                // the JVM exits only once the server and the database are closed
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "switchboard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(cli, out, err, stop);
        } finally {
            stopped.countDown();
        }
    }

    /** Serves until {@code stop} opens; prints the one ready line to {@code out}. Returns the exit code. */
    static int run(Launcher.CommandLine cli, PrintStream out, PrintStream err, CountDownLatch stop) {
        Path data = DataFolder.resolve(cli.dataDir());
        GatewayOptions options = new GatewayOptions(data, cli.bind(),
                cli.port() != null ? cli.port() : GatewayOptions.DEFAULT_PORT, cli.allowRemoteAdmin());
        EmbeddedGateway gateway;
        try {
            gateway = EmbeddedGateway.start(options);
        } catch (GatewayStartException e) {
            err.println("switchboard: " + e.getMessage());
            return 1;
        }
        try {
            out.println("Switchboard gateway listening on " + gateway.baseUrl());
            out.flush();
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            gateway.close();
        }
        return 0;
    }
}
