package dev.switchboard.diagnose;

import dev.switchboard.api.ApiSurface;
import dev.switchboard.client.Surface;
import dev.switchboard.discovery.ModelServerCheck.RouteAnswer;
import dev.switchboard.discovery.ScanTarget;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 4: the provider's base URL obeys the URL rules, and its API surfaces include the client's surface
 * or one the gateway translates it to; where the server can be asked, it has that surface's route.
 */
final class ProviderCheck {
    /**
     * When a provider lacks the client's surface, the gateway tries these upstream surfaces in order; it
     * translates between every pair of the three surfaces.
     */
    private static final Map<Surface, List<Surface>> TRANSLATION_ORDER = Map.of(
            Surface.CHAT_COMPLETIONS, List.of(Surface.RESPONSES, Surface.MESSAGES),
            Surface.RESPONSES, List.of(Surface.CHAT_COMPLETIONS, Surface.MESSAGES),
            Surface.MESSAGES, List.of(Surface.CHAT_COMPLETIONS, Surface.RESPONSES));

    private ProviderCheck() {
    }

    static StepResult run(Facts f) {
        if (f.provider == null) {
            return StepResult.notChecked(StepId.PROVIDER, "Not checked: the provider is unknown (step 2)", List.of());
        }
        List<String> evidence = new ArrayList<>();
        String providerId = f.provider.providerId();
        String baseUrl = f.provider.baseUrl();
        Action editProvider = new Action(Action.Target.PROVIDERS, "Edit the provider…", providerId);
        String urlProblem = urlProblem(f, baseUrl);
        if (urlProblem != null) {
            evidence.add("baseUrl " + baseUrl);
            evidence.add("Rule: https:// for external URLs; http:// only for ngrok internal endpoints (.internal)"
                    + (f.kind == GatewayKind.EMBEDDED ? " and, on the embedded gateway, loopback hosts" : ""));
            return StepResult.failed(StepId.PROVIDER, urlProblem, evidence, editProvider);
        }
        evidence.add("baseUrl " + baseUrl + " obeys the URL rules (" + Urls.scheme(baseUrl) + "://"
                + (Urls.scheme(baseUrl).equals("https") ? "" : " to " + (f.internalHost() ? "an internal endpoint" : "loopback"))
                + ")");
        Set<Surface> declared = declared(f);
        Surface client = f.request.surface();
        if (declared.isEmpty()) {
            f.upstreamSurface = client;
            evidence.add("The provider lists no API surfaces: the gateway passes " + client.apiName() + " through as is");
        } else if (declared.contains(client)) {
            f.upstreamSurface = client;
            evidence.add("The provider speaks " + client.apiName() + ": passed through");
        } else {
            f.upstreamSurface = TRANSLATION_ORDER.get(client).stream().filter(declared::contains).findFirst().orElse(null);
            if (f.upstreamSurface == null) {
                return StepResult.failed(StepId.PROVIDER, "Provider " + providerId + " does not speak "
                        + client.apiName() + " and the gateway cannot translate it to " + names(declared), evidence,
                        editProvider);
            }
            evidence.add("The provider speaks " + names(declared) + ": the gateway translates " + client.apiName()
                    + " → " + f.upstreamSurface.apiName());
        }
        String upstreamUrl = Urls.upstream(baseUrl, f.upstreamSurface);
        if (f.internalHost()) {
            evidence.add("POST " + upstreamUrl + " cannot be tried from here (internal endpoint)");
        } else {
            RouteAnswer route = f.servers.route(upstreamUrl);
            if (route.missing()) {
                evidence.add("POST " + upstreamUrl + " with {}: HTTP " + route.status() + " " + route.body());
                return StepResult.failed(StepId.PROVIDER, "Provider " + providerId + " says it speaks "
                        + f.upstreamSurface.apiName() + ", but its server has no POST /v1/" + f.upstreamSurface.path()
                        + " (HTTP " + route.status() + "): correct the provider's API surfaces", evidence, editProvider);
            }
            evidence.add("POST " + upstreamUrl + " with {}: " + (route.status() == 0
                    ? "no answer (see step 5)" : "HTTP " + route.status() + ", so the route exists"));
        }
        return StepResult.passed(StepId.PROVIDER, "The base URL is allowed and " + client.apiName() + " calls go to "
                + f.upstreamSurface.apiName() + " at " + upstreamUrl, evidence);
    }

    private static String urlProblem(Facts f, String baseUrl) {
        String scheme = Urls.scheme(baseUrl);
        String host = Urls.host(baseUrl);
        if (scheme.isEmpty()) {
            return "The provider's base URL '" + baseUrl + "' is not an http(s) URL";
        }
        if (scheme.equals("https") || host.endsWith(".internal")) {
            return null;
        }
        if (ScanTarget.isLoopbackHost(host)) {
            return f.kind == GatewayKind.EMBEDDED ? null : "The provider's base URL " + baseUrl + " is http:// to this"
                    + " machine's loopback, which the hosted gateway neither allows nor reaches: expose the server as an"
                    + " internal endpoint (" + Urls.ngrokCommand(f.provider.providerId(), "https://"
                    + f.provider.providerId() + ".internal") + ") and use that URL";
        }
        return "The provider's base URL " + baseUrl + " is http:// to an external host: the gateway allows http://"
                + " only for .internal" + (f.kind == GatewayKind.EMBEDDED ? " and loopback" : "") + " hosts, use https://";
    }

    private static Set<Surface> declared(Facts f) {
        Set<Surface> out = EnumSet.noneOf(Surface.class);
        if (f.provider.supportedApiSurfaces() != null) {
            for (ApiSurface s : f.provider.supportedApiSurfaces()) {
                for (Surface each : Surface.values()) {
                    if (s != null && each.apiName().equals(s.surface())) {
                        out.add(each);
                    }
                }
            }
        }
        return out;
    }

    private static String names(Set<Surface> surfaces) {
        List<String> names = new ArrayList<>();
        surfaces.forEach(s -> names.add(s.apiName()));
        return String.join(", ", names);
    }
}
