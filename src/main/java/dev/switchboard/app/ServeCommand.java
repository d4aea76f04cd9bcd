package dev.switchboard.app;

import java.io.PrintStream;

/** {@code switchboard serve}: the embedded gateway without a window. */
final class ServeCommand {
    private ServeCommand() {
    }

    static int run(Launcher.CommandLine cli, PrintStream out, PrintStream err) {
        err.println("switchboard: 'serve' is not available in this build yet (the embedded gateway is being built).");
        return 3;
    }
}
