package dev.switchboard.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The jar's entry point. It does not extend {@code Application}, so {@code java -jar}
 * works with JavaFX on the class path; it handles the commands that need no window
 * before the toolkit is loaded.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code >= 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the command line. Returns the exit code, or -1 when the desktop app was
     * started and the JVM should stay alive until its window closes.
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (DiagnoseCommand.isCalled(args)) {
            return DiagnoseCommand.run(args, out, err);
        }
        CommandLine cli;
        try {
            cli = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("switchboard: " + e.getMessage());
            err.println("Run 'switchboard --help' for usage.");
            return 2;
        }
        if (cli.version()) {
            out.println("switchboard " + Version.current());
            return 0;
        }
        if (cli.help()) {
            out.print(usage());
            return 0;
        }
        switch (cli.command()) {
            case "app":
                return launchWindow(cli, System.getenv(), System.getProperty("os.name", ""), err);
            case "serve":
                return ServeCommand.run(cli, out, err);
            case "export":
                return ExportCommand.run(cli, out, err);
            case "import":
                return ImportCommand.run(cli, out, err);
            case "push":
                return PushCommand.run(cli, out, err);
            default:
                err.println("switchboard: unknown command '" + cli.command() + "'");
                err.println("Run 'switchboard --help' for usage.");
                return 2;
        }
    }

    /** The one line said when the window cannot open; {@code serve} needs no display. */
    static final String NO_DISPLAY = "switchboard: no display found, so the window cannot open. "
            + "'switchboard serve' runs the gateway without a window.";

    /** Keeps JavaFX's logger (and its level) alive: a weakly held logger would forget the level. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private static int launchWindow(CommandLine cli, java.util.Map<String, String> env, String os, PrintStream err) {
        // Monocle (the headless glass platform of the CDS training run in packaging/) needs no display.
        if (!displayAvailable(env, os) && !"Monocle".equals(System.getProperty("glass.platform"))) {
            err.println(NO_DISPLAY);
            return 2;
        }
        // JavaFX warns on every start when loaded from the class path, as the jar does; it works as intended here.
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            SwitchboardApp.launchWith(cli);
            return -1;
        } catch (RuntimeException | Error e) {
            if (mentionsDisplay(e)) {
                err.println(NO_DISPLAY);
                return 2;
            }
            throw e;
        }
    }

    /** On Linux and other X11/Wayland systems a window needs DISPLAY or WAYLAND_DISPLAY; Windows and macOS always have one. */
    static boolean displayAvailable(java.util.Map<String, String> env, String os) {
        String name = os.toLowerCase(java.util.Locale.ROOT);
        if (name.startsWith("windows") || name.startsWith("mac")) {
            return true;
        }
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }

    private static boolean mentionsDisplay(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("DISPLAY")) {
                return true;
            }
        }
        return false;
    }

    static String usage() {
        return String.join(System.lineSeparator(), List.of(
                "Usage: switchboard [COMMAND] [OPTIONS]",
                "",
                "A desktop console for an AI gateway's custom providers.",
                "",
                "Commands:",
                "  (none)            open the desktop app, driving the embedded gateway by default",
                "  serve             run the embedded gateway headless (no window)",
                "  export [--out FILE] [--include-secrets]",
                "                    write the gateway's configuration as a file (YAML; .json for JSON)",
                "  import FILE [--dry-run] [--prune]",
                "                    bring the gateway to the state FILE describes (--prune deletes the rest)",
                "  push --to URL --to-api-key K [--dry-run] [--prune] [--internal NAME=https://NAME.internal ...]",
                "                    copy the configuration, with provider-key values, to another gateway",
                "  (export, import and push work on --gateway URL --api-key K, else on the embedded gateway)",
                "  diagnose          walk every step of a provider:model call (see 'switchboard diagnose --help')",
                "",
                "Options:",
                "  --data DIR        where data lives (default: $" + DataFolder.ENV_VAR + ", else the per-user data folder)",
                "  --port N          serve: port to listen on (default 7878; 0 picks a free port)",
                "  --bind ADDR       serve: address to bind (default 127.0.0.1)",
                "  --allow-remote-admin  serve: accept control-plane calls from non-loopback clients",
                "  --version         print the version and exit",
                "  --help            print this help and exit",
                "")) ;
    }

    /** The parsed command line: a command plus its options. */
    public record CommandLine(String command, String dataDir, Integer port, String bind,
                              boolean allowRemoteAdmin, boolean version, boolean help, List<String> rest) {

        public static CommandLine parse(String[] args) {
            String command = "app";
            String data = null;
            Integer port = null;
            String bind = null;
            boolean allowRemote = false;
            boolean version = false;
            boolean help = false;
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--version", "-V" -> version = true;
                    case "--help", "-h" -> help = true;
                    case "--data" -> data = value(args, ++i, a);
                    case "--port" -> port = parsePort(value(args, ++i, a));
                    case "--bind" -> bind = value(args, ++i, a);
                    case "--allow-remote-admin" -> allowRemote = true;
                    default -> {
                        if (a.startsWith("--data=")) {
                            data = a.substring("--data=".length());
                        } else if (a.startsWith("--port=")) {
                            port = parsePort(a.substring("--port=".length()));
                        } else if (a.startsWith("--bind=")) {
                            bind = a.substring("--bind=".length());
                        } else if (a.startsWith("-") && !command.equals("app") && !command.equals("serve")) {
                            rest.add(a);
                        } else if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + a + "'");
                        } else if (command.equals("app") && rest.isEmpty()) {
                            command = a;
                        } else {
                            rest.add(a);
                        }
                    }
                }
            }
            return new CommandLine(command, data, port, bind, allowRemote, version, help, List.copyOf(rest));
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }

        private static int parsePort(String s) {
            try {
                int p = Integer.parseInt(s);
                if (p < 0 || p > 65535) {
                    throw new IllegalArgumentException("--port must be between 0 and 65535, got " + s);
                }
                return p;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number, got '" + s + "'");
            }
        }
    }
}
