package dev.switchboard.app;

import dev.switchboard.gateway.store.StoredKeyValues;
import dev.switchboard.transfer.ConfigFile;
import dev.switchboard.transfer.ConfigFiles;
import dev.switchboard.transfer.GatewaySnapshot;
import dev.switchboard.transfer.SecretSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code switchboard export [--out FILE] [--include-secrets]}: a gateway's configuration as a file. */
final class ExportCommand {
    private ExportCommand() {
    }

    static int run(Launcher.CommandLine cli, PrintStream out, PrintStream err) {
        return run(cli, out, err, System.getenv());
    }

    static int run(Launcher.CommandLine cli, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandOptions o;
        try {
            o = CommandOptions.parse("export", cli.rest(), Set.of("--out", "--gateway", "--api-key"),
                    Set.of("--include-secrets"));
            if (!o.positional().isEmpty()) {
                throw new IllegalArgumentException("'export' takes no argument '" + o.positional().get(0)
                        + "' (write to a file with --out FILE)");
            }
        } catch (IllegalArgumentException e) {
            return Cli.usageError(err, e.getMessage());
        }
        boolean secrets = o.flag("--include-secrets");
        try (CommandGateway source = CommandGateway.open(o.value("--gateway"), o.value("--api-key"),
                cli.dataDir(), env)) {
            if (secrets && source.dataDir().isEmpty()) {
                return Cli.failed(err, "--include-secrets works on the embedded gateway only: a gateway's API never"
                        + " returns provider-key values.");
            }
            GatewaySnapshot snapshot = GatewaySnapshot.read(source.client());
            ConfigFile file = snapshot.toConfigFile();
            List<String> problems = file.problems();
            if (!problems.isEmpty()) {
                return Cli.failed(err, "Cannot export " + source.description() + ": " + problems.get(0));
            }
            if (secrets) {
                file = file.withValues(SecretSource.byId(StoredKeyValues.read(source.dataDir().get()), snapshot));
            }
            String counts = file.providers().size() + " providers, " + file.providerKeys().size()
                    + " provider keys, " + file.accessKeyConfigurations().size() + " access key configurations";
            String target = o.value("--out");
            if (target == null) {
                out.print(ConfigFiles.write(file, ConfigFiles.Format.YAML));
                out.flush();
                err.println("Exported " + counts + " from " + source.description() + ".");
            } else {
                ConfigFiles.save(Path.of(target), file);
                err.println("Exported " + counts + " from " + source.description() + " to " + target
                        + (file.hasSecrets() ? " (with provider-key values: readable by you only)" : "") + ".");
            }
            return 0;
        } catch (IOException e) {
            return Cli.failed(err, "Could not write " + o.value("--out") + ": " + e.getMessage());
        } catch (RuntimeException e) {
            return Cli.failed(err, e);
        }
    }
}
