package dev.switchboard.diagnose;

import dev.switchboard.discovery.ConnectionTimings;
import dev.switchboard.discovery.ServedModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Steps 5 and 6: the model server, seen from this machine: reachable (phase by phase), and serving the model. */
final class ServerChecks {
    private ServerChecks() {
    }

    static StepResult reachable(Facts f) {
        if (f.provider == null) {
            return StepResult.notChecked(StepId.REACHABLE, "Not checked: the provider is unknown (step 2)", List.of());
        }
        String baseUrl = f.provider.baseUrl();
        if (f.internalHost()) {
            String command = Urls.ngrokCommand(f.provider.providerId(), baseUrl);
            List<String> evidence = List.of(
                    Urls.host(baseUrl) + " is an ngrok internal endpoint: only the hosted gateway reaches it",
                    "Put the model server behind it with: " + command);
            if (f.kind == GatewayKind.EMBEDDED) {
                return StepResult.failed(StepId.REACHABLE, "The embedded gateway cannot reach " + Urls.host(baseUrl)
                        + ": an ngrok internal endpoint is reachable only by the hosted gateway; point the provider at"
                        + " the server's local URL instead", evidence,
                        new Action(Action.Target.PROVIDERS, "Edit the provider…", f.provider.providerId()));
            }
            return StepResult.notChecked(StepId.REACHABLE, "Not checked from here: " + Urls.host(baseUrl)
                    + " is reachable only by the hosted gateway, through an ngrok internal endpoint (" + command + ")",
                    evidence);
        }
        f.reach = f.servers.reach(baseUrl);
        ConnectionTimings t = f.reach;
        List<String> evidence = new ArrayList<>();
        evidence.add("GET " + t.url());
        evidence.add("DNS: " + phase(t.dns(), t, ConnectionTimings.DNS, "not needed (an IP address)"));
        evidence.add("TCP connect" + (t.address() != null ? " to " + t.address() : "") + ": "
                + phase(t.tcp(), t, ConnectionTimings.TCP, "not reached"));
        evidence.add("TLS: " + phase(t.tls(), t, ConnectionTimings.TLS, t.url().startsWith("https") ? "not reached" : "none (http://)"));
        evidence.add("HTTP answer: " + (t.answered() ? "HTTP " + t.status() + " in " + ms(t.http())
                : phase(t.http(), t, ConnectionTimings.HTTP, "none")));
        if (t.answered()) {
            return StepResult.passed(StepId.REACHABLE, "The model server at " + baseUrl + " answers from this machine"
                    + " (HTTP " + t.status() + ")", evidence);
        }
        evidence.add(t.problem());
        String why = switch (t.failedAt()) {
            case ConnectionTimings.DNS -> "the host " + Urls.host(baseUrl) + " cannot be found (DNS)";
            case ConnectionTimings.TCP -> "nothing accepts connections at " + hostPort(t, baseUrl)
                    + (t.problem().contains("refused") ? " (connection refused)"
                    : t.problem().contains("timed out") ? " (timed out)" : ": " + t.problem().replaceAll("\\.$", ""));
            case ConnectionTimings.TLS -> "the TLS handshake with " + Urls.host(baseUrl) + " fails";
            default -> "the server at " + baseUrl + " accepts connections but gives no HTTP answer";
        };
        return StepResult.failed(StepId.REACHABLE, "The model server cannot be reached: " + why, evidence,
                new Action(Action.Target.MODEL_SERVER, "Check the model server and the provider's base URL…",
                        f.provider.providerId()));
    }

    static StepResult servesModel(Facts f) {
        if (f.provider == null || f.reach == null || !f.reach.answered()) {
            return StepResult.notChecked(StepId.MODEL_SERVER, "Not checked: the model server was not reached (step 5)",
                    List.of());
        }
        String model = f.model().model();
        String providerId = f.provider.providerId();
        ServedModels served = f.servers.servedModels(f.provider.baseUrl());
        List<String> evidence = new ArrayList<>();
        if (!served.listed()) {
            evidence.add(served.problem());
            return StepResult.notChecked(StepId.MODEL_SERVER, served.wantsKey()
                    ? "Not checked: the server lists its models only with a key, and provider-key values cannot be read back"
                    : "Not checked: the server offers no model list at /v1/models or /api/tags", evidence);
        }
        evidence.add(served.source() + ": " + (served.models().isEmpty() ? "no models" : String.join(", ", served.models())));
        List<String> providerModels = AccessCheck.modelIds(f.provider);
        if (!served.serves(model)) {
            if (!served.models().isEmpty()) {
                f.modelListFix = new ModelListFix(f.provider.id(), providerId, served.models(),
                        "Set " + providerId + "'s model list to what its server serves: " + String.join(", ", served.models()));
            }
            return StepResult.failed(StepId.MODEL_SERVER, "The model server of " + providerId + " does not serve '" + model
                    + "': it lists " + (served.models().isEmpty() ? "no models" : String.join(", ", served.models())),
                    evidence, new Action(Action.Target.PROVIDERS, "Fix the provider's model list…", providerId));
        }
        if (!providerModels.isEmpty() && !providerModels.contains(model)) {
            List<String> fixed = new ArrayList<>(providerModels);
            fixed.add(model);
            f.modelListFix = new ModelListFix(f.provider.id(), providerId, fixed,
                    "Add '" + model + "' to " + providerId + "'s model list");
        }
        return StepResult.passed(StepId.MODEL_SERVER, "The model server lists '" + model + "'", evidence);
    }

    private static String phase(Duration d, ConnectionTimings t, String name, String absent) {
        if (name.equals(t.failedAt())) {
            return "failed";
        }
        return d == null ? absent : ms(d);
    }

    static String ms(Duration d) {
        if (d == null) {
            return "—";
        }
        double millis = d.toNanos() / 1_000_000.0;
        return millis < 10 ? String.format(Locale.ROOT, "%.1f ms", millis) : Math.round(millis) + " ms";
    }

    private static String hostPort(ConnectionTimings t, String baseUrl) {
        okhttp3.HttpUrl u = okhttp3.HttpUrl.parse(baseUrl.strip());
        return u == null ? baseUrl : u.host() + ":" + u.port();
    }
}
