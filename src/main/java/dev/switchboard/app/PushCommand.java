package dev.switchboard.app;

import dev.switchboard.gateway.store.StoredKeyValues;
import dev.switchboard.transfer.Applier;
import dev.switchboard.transfer.ApplyReport;
import dev.switchboard.transfer.GatewaySnapshot;
import dev.switchboard.transfer.LocalProviders;
import dev.switchboard.transfer.Plan;
import dev.switchboard.transfer.Planner;
import dev.switchboard.transfer.SecretSource;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code switchboard push --to URL --to-api-key K [--dry-run] [--prune] [--internal NAME=URL ...]}: the source
 * gateway's configuration applied to another gateway, provider-key values copied straight from the embedded
 * store, local base URLs rewritten to ngrok internal endpoints.
 */
final class PushCommand {
    private PushCommand() {
    }

    static int run(Launcher.CommandLine cli, PrintStream out, PrintStream err) {
        return run(cli, out, err, System.getenv());
    }

    static int run(Launcher.CommandLine cli, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandOptions o;
        Map<String, String> internal = new LinkedHashMap<>();
        try {
            o = CommandOptions.parse("push", cli.rest(),
                    Set.of("--to", "--to-api-key", "--internal", "--gateway", "--api-key"),
                    Set.of("--dry-run", "--prune"));
            if (!o.positional().isEmpty()) {
                throw new IllegalArgumentException("'push' takes no argument '" + o.positional().get(0) + "'");
            }
            if (o.value("--to") == null) {
                throw new IllegalArgumentException("'push' needs --to URL --to-api-key K (the gateway to copy to)");
            }
            for (String mapping : o.values("--internal")) {
                Map.Entry<String, String> e = LocalProviders.parseMapping(mapping);
                internal.put(e.getKey(), e.getValue());
            }
        } catch (IllegalArgumentException e) {
            return Cli.usageError(err, e.getMessage());
        }
        try (CommandGateway target = CommandGateway.remote(o.value("--to"), o.value("--to-api-key"), "--to",
                "--to-api-key");
             CommandGateway source = CommandGateway.open(o.value("--gateway"), o.value("--api-key"), cli.dataDir(),
                     env)) {
            GatewaySnapshot from = GatewaySnapshot.read(source.client());
            List<String> problems = from.toConfigFile().problems();
            if (!problems.isEmpty()) {
                return Cli.failed(err, "Cannot copy " + source.description() + ": " + problems.get(0));
            }
            SecretSource secrets = source.dataDir()
                    .map(dir -> SecretSource.byId(StoredKeyValues.read(dir), from)).orElse(SecretSource.none());
            LocalProviders.Result rewritten = LocalProviders.rewrite(from.toConfigFile(), internal);
            if (!rewritten.unmapped().isEmpty() && !LocalProviders.isLocal(o.value("--to"))) {
                err.println("switchboard: " + target.description() + " cannot reach a base URL on this machine. Give"
                        + " each local provider an ngrok internal endpoint:");
                rewritten.file().providers().stream().filter(p -> rewritten.unmapped().contains(p.providerId()))
                        .forEach(p -> err.println("  --internal " + p.providerId() + "="
                                + LocalProviders.suggestedInternalUrl(p.providerId()) + "    (now " + p.baseUrl()
                                + ")"));
                return Cli.USAGE;
            }
            Plan plan = Planner.plan(rewritten.file(), GatewaySnapshot.read(target.client()), secrets,
                    o.flag("--prune"));
            out.println("Copying " + source.description() + " to " + target.description() + ".");
            PlanOutput.print(plan, target.description(), out);
            if (!o.flag("--dry-run")) {
                ApplyReport report = Applier.apply(plan, target.client(), PlanOutput.progress(out));
                PlanOutput.print(report, out);
                if (!report.succeeded()) {
                    return Cli.FAILED;
                }
            } else {
                out.println("Dry run: nothing was changed.");
            }
            if (!rewritten.rewrites().isEmpty()) {
                out.println("Run these on this machine so the gateway reaches your local model servers:");
                rewritten.rewrites().forEach(r -> out.println("  " + r.ngrokCommand()));
            }
            return 0;
        } catch (RuntimeException e) {
            return Cli.failed(err, e);
        }
    }
}
