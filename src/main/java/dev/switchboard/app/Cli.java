package dev.switchboard.app;

import dev.switchboard.client.GatewayException;
import dev.switchboard.gateway.GatewayStartException;
import dev.switchboard.logging.Redaction;
import java.io.PrintStream;

/** How the configuration commands end: one line on stderr saying what went wrong, and the exit code. */
final class Cli {
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Cli() {
    }

    static int usageError(PrintStream err, String message) {
        err.println("switchboard: " + message);
        err.println("Run 'switchboard --help' for usage.");
        return USAGE;
    }

    static int failed(PrintStream err, String message) {
        err.println("switchboard: " + Redaction.redact(message));
        return FAILED;
    }

    /** A failure the person can act on; anything else is a bug and says so. */
    static int failed(PrintStream err, RuntimeException e) {
        if (e instanceof IllegalArgumentException) {
            return usageError(err, Redaction.redact(e.getMessage()));
        }
        if (e instanceof GatewayException || e instanceof GatewayStartException || e instanceof IllegalStateException) {
            return failed(err, e.getMessage());
        }
        return failed(err, "unexpected error: " + e);
    }
}
