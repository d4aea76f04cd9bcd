package dev.switchboard.app;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.GatewayException;
import dev.switchboard.client.Surface;
import dev.switchboard.diagnose.Diagnoser;
import dev.switchboard.diagnose.Diagnosis;
import dev.switchboard.diagnose.DiagnosisListener;
import dev.switchboard.diagnose.DiagnosisRequest;
import dev.switchboard.diagnose.DiagnosisText;
import dev.switchboard.diagnose.StepResult;
import dev.switchboard.discovery.ModelServerCheck;
import dev.switchboard.gateway.server.AdminKey;
import dev.switchboard.viewmodel.KeptTokens;
import dev.switchboard.viewmodel.settings.SettingsStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * {@code switchboard diagnose}: walks every step of a {@code provider:model} call for an access key and
 * prints each step as it finishes, then the verdict. Exit status 0 when the call works, 1 when a step
 * fails, 2 for bad usage. Without {@code --gateway} it diagnoses the embedded gateway of the data folder:
 * the one running (on the port in its settings), else one started for the check.
 */
final class DiagnoseCommand {
    static final String NAME = "diagnose";
    static final String TOKEN_ENV = dev.switchboard.viewmodel.KeyPlaceholders.ACCESS_TOKEN_VAR;
    static final String API_KEY_ENV = "SWITCHBOARD_API_KEY";

    private DiagnoseCommand() {
    }

    /** Whether the command line asks for this command: its first word that is not an option is {@code diagnose}. */
    static boolean isCalled(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i].equals(NAME);
            }
        }
        return false;
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        DiagnoseOptions options;
        try {
            options = DiagnoseOptions.parse(args, env);
        } catch (IllegalArgumentException e) {
            err.println("switchboard diagnose: " + e.getMessage());
            err.println("Run 'switchboard diagnose --help' for usage.");
            return 2;
        }
        if (options.help()) {
            out.print(DiagnoseOptions.usage());
            return 0;
        }
        Path data = DataFolder.resolve(options.dataDir(), env, System.getProperty("os.name", ""),
                System.getProperty("user.home"));
        String token = options.token();
        if (token == null && options.keyId() != null) {
            token = keptToken(data, options.keyId());
        }
        DiagnosisRequest request;
        try {
            request = DiagnosisRequest.of(options.keyId(), token, options.model(), options.surface());
        } catch (IllegalArgumentException e) {
            err.println("switchboard diagnose: " + e.getMessage());
            return 2;
        }
        try (Target target = options.gateway() != null ? Target.remote(options) : Target.embedded(data, err);
             ModelServerCheck servers = new ModelServerCheck()) {
            Diagnoser diagnoser = new Diagnoser(target.client(), servers);
            if (!options.json()) {
                out.println("Diagnosing " + request.model() + " on " + request.surface().apiName() + " through the "
                        + diagnoser.kind().name().toLowerCase(java.util.Locale.ROOT) + " gateway at "
                        + target.client().controlPlaneUrl() + target.note());
                out.println();
                out.flush();
            }
            Diagnosis d = diagnoser.run(request, options.json() ? DiagnosisListener.NONE : (StepResult r) -> {
                out.print(DiagnosisText.step(r));
                out.flush();
            });
            if (options.json()) {
                out.println(DiagnosisText.json(d).toPrettyString());
            } else {
                out.println();
                out.print(DiagnosisText.verdict(d));
            }
            return d.works() ? 0 : 1;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("switchboard diagnose: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("switchboard diagnose: could not start the embedded gateway for the check: " + e.getMessage());
            return 1;
        }
    }

    private static String keptToken(Path data, String keyId) {
        try {
            return new KeptTokens(data).find(keyId).map(KeptTokens.KeptToken::token).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The gateway to diagnose, and what to stop afterwards. */
    private record Target(GatewayClient client, AutoCloseable started, String note) implements AutoCloseable {
        static Target remote(DiagnoseOptions o) {
            GatewayClient client = GatewayClient.builder().controlPlaneUrl(o.gateway()).dataPlaneUrl(o.dataPlane())
                    .apiKey(o.apiKey()).build();
            return new Target(client, null, "");
        }

        static Target embedded(Path data, PrintStream err) throws Exception {
            String adminKey = AdminKey.loadOrCreate(data).value();
            int port = new SettingsStore(data).load().embeddedPort();
            if (port > 0) {
                GatewayClient running = GatewayClient.builder().embedded("http://127.0.0.1:" + port).apiKey(adminKey)
                        .connectTimeout(Duration.ofSeconds(1)).build();
                try {
                    running.gatewayConfig();
                    return new Target(running, null, " (the running one)");
                } catch (GatewayException e) {
                    running.close();
                }
            }
            EmbeddedGatewayStarter.RunningGateway started = EmbeddedGatewayStarter.loopback().start(data, 0);
            GatewayClient client = GatewayClient.builder().embedded(started.baseUrl()).apiKey(started.adminKey()).build();
            return new Target(client, started.stopper(), " (started for the check, data " + data + ")");
        }

        @Override
        public void close() {
            client.close();
            if (started != null) {
                try {
                    started.close();
                } catch (Exception e) {
                    LoggerFactory.getLogger(DiagnoseCommand.class).warn("The gateway started for the check did not stop"
                            + " cleanly: {}", e.toString());
                }
            }
        }
    }

    /** Surfaces by the names the command takes. */
    static final List<String> SURFACES = List.of(Surface.CHAT_COMPLETIONS.apiName(), Surface.RESPONSES.apiName(),
            Surface.MESSAGES.apiName());
}
