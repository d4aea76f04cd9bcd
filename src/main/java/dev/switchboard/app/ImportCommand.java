package dev.switchboard.app;

import dev.switchboard.transfer.Applier;
import dev.switchboard.transfer.ApplyReport;
import dev.switchboard.transfer.ConfigFile;
import dev.switchboard.transfer.ConfigFileException;
import dev.switchboard.transfer.ConfigFiles;
import dev.switchboard.transfer.GatewaySnapshot;
import dev.switchboard.transfer.Plan;
import dev.switchboard.transfer.Planner;
import dev.switchboard.transfer.SecretSource;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** {@code switchboard import FILE [--dry-run] [--prune]}: brings a gateway to the state a file describes. */
final class ImportCommand {
    private ImportCommand() {
    }

    static int run(Launcher.CommandLine cli, PrintStream out, PrintStream err) {
        return run(cli, out, err, System.getenv());
    }

    static int run(Launcher.CommandLine cli, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandOptions o;
        try {
            o = CommandOptions.parse("import", cli.rest(), Set.of("--gateway", "--api-key"),
                    Set.of("--dry-run", "--prune"));
            if (o.positional().size() != 1) {
                throw new IllegalArgumentException("'import' needs one FILE (a file written by 'switchboard export')");
            }
        } catch (IllegalArgumentException e) {
            return Cli.usageError(err, e.getMessage());
        }
        ConfigFile file;
        try {
            file = ConfigFiles.read(Path.of(o.positional().get(0)));
        } catch (ConfigFileException e) {
            // our own reader's words, which never quote a long value: printed as they are
            err.println("switchboard: " + e.getMessage());
            return Cli.FAILED;
        }
        try (CommandGateway target = CommandGateway.open(o.value("--gateway"), o.value("--api-key"), cli.dataDir(),
                env)) {
            Plan plan = Planner.plan(file, GatewaySnapshot.read(target.client()), SecretSource.none(),
                    o.flag("--prune"));
            PlanOutput.print(plan, target.description(), out);
            if (o.flag("--dry-run")) {
                out.println("Dry run: nothing was changed.");
                return 0;
            }
            ApplyReport report = Applier.apply(plan, target.client(), PlanOutput.progress(out));
            PlanOutput.print(report, out);
            return report.succeeded() ? 0 : Cli.FAILED;
        } catch (RuntimeException e) {
            return Cli.failed(err, e);
        }
    }
}
