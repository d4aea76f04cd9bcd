package dev.switchboard.viewmodel.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyConfigurationUpdate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Json;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.discovery.ScanTarget;
import dev.switchboard.viewmodel.KeyPlaceholders;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The requests the wizard sends, and the text that shows them (JSON, curl, the ngrok command). Pure functions. */
public final class ProviderRequests {
    public static final String HOSTED_CONTROL_PLANE = "https://api.ngrok.ai";

    private ProviderRequests() {
    }

    public static ProviderCreate create(String providerId, String name, String baseUrl, List<ApiSurface> surfaces,
                                        List<String> modelIds) {
        return ProviderCreate.of(providerId, name.strip(), baseUrl.strip(), List.copyOf(surfaces), List.copyOf(modelIds));
    }

    /** The body exactly as the client sends it (same mapper), indented for reading. */
    public static String prettyJson(Object body) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same request as a curl command against the hosted control plane, the API key as a placeholder. */
    public static String curl(String controlPlaneUrl, String path, Object body) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        String base = controlPlaneUrl.replaceAll("/+$", "");
        return "curl -X POST " + base + path + " \\\n"
                + "  -H \"Authorization: Bearer " + KeyPlaceholders.HOSTED_API_KEY + "\" \\\n"
                + "  -H \"Content-Type: application/json\" \\\n"
                + "  -d '" + json.replace("'", "'\\''") + "'";
    }

    /** A first call to a new provider's model on the data plane; an empty token is left to the shell variable. */
    public static String tryItCurl(String dataPlaneUrl, String modelRef, String token) {
        return "curl " + dataPlaneUrl.replaceAll("/+$", "") + "/v1/chat/completions \\\n"
                + "  -H \"Authorization: Bearer " + (token.isEmpty() ? KeyPlaceholders.ACCESS_TOKEN : token) + "\" \\\n"
                + "  -H \"Content-Type: application/json\" \\\n"
                + "  -d '{\"model\": \"" + modelRef + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}'";
    }

    /** The ngrok internal endpoint a local server is reached at by the hosted gateway. */
    public static String internalUrl(String providerId) {
        return "https://" + providerId + ".internal";
    }

    /** {@code ngrok http 11434 --url https://my-ollama.internal}; a server on another host is named as host:port. */
    public static String ngrokCommand(ScanTarget server, String providerId) {
        String upstream = server.isLoopback() ? String.valueOf(server.port()) : server.toString();
        return "ngrok http " + upstream + " --url " + internalUrl(providerId);
    }

    /**
     * What to change in an existing configuration so its keys may call the provider: the provider
     * (and its models, where models are restricted) joins the allowlists, and the provider key,
     * if any, becomes the first key of the provider's routing rule. Empty when nothing changes.
     */
    public static Optional<AccessKeyConfigurationUpdate> addProvider(AccessKeyConfiguration config, String providerId,
                                                                     List<String> modelIds, String providerKeyId) {
        AccessKeyConfigurationUpdate.Builder update = AccessKeyConfigurationUpdate.builder();
        boolean changed = false;
        Access access = config.access();
        if (access != null) {
            AllowList providers = access.providers();
            AllowList models = access.models();
            boolean accessChanged = false;
            if (providers != null && (providers.allow() == null || !providers.allow().contains(providerId))) {
                List<String> allow = new ArrayList<>(providers.allow() == null ? List.of() : providers.allow());
                allow.add(providerId);
                providers = new AllowList(allow);
                accessChanged = true;
            }
            if (models != null) {
                List<String> allow = new ArrayList<>(models.allow() == null ? List.of() : models.allow());
                for (String model : modelIds) {
                    String ref = providerId + ":" + model;
                    if (!allow.contains(ref)) {
                        allow.add(ref);
                        accessChanged = true;
                    }
                }
                models = new AllowList(allow);
            }
            if (accessChanged) {
                update.access(new Access(providers, models));
                changed = true;
            }
        }
        if (providerKeyId != null) {
            update.router(withFirstKey(config.router(), providerId, providerKeyId));
            changed = true;
        }
        return changed ? Optional.of(update.build()) : Optional.empty();
    }

    /** A new configuration that allows only this provider, routing its calls through the provider key if any. */
    public static AccessKeyConfigurationCreate newConfiguration(String name, String providerId, String providerKeyId) {
        Access access = new Access(new AllowList(List.of(providerId)), null);
        Router router = providerKeyId == null ? null : withFirstKey(null, providerId, providerKeyId);
        return AccessKeyConfigurationCreate.of(name.strip(), access, router);
    }

    /** Whether a configuration lets its keys call every provider already (no provider allowlist). */
    public static boolean allowsEveryProvider(AccessKeyConfiguration config) {
        return config.access() == null || config.access().providers() == null;
    }

    static Router withFirstKey(Router router, String providerId, String providerKeyId) {
        List<RouterRule> rules = new ArrayList<>(router == null || router.rules() == null ? List.of() : router.rules());
        StepKey key = StepKey.existing(providerKeyId);
        for (int i = 0; i < rules.size(); i++) {
            RouterRule rule = rules.get(i);
            if (providerId.equals(rule.provider()) && rule.model() == null) {
                List<RouterStep> steps = new ArrayList<>(rule.steps() == null ? List.of() : rule.steps());
                if (steps.isEmpty()) {
                    steps.add(RouterStep.ordered(List.of(key)));
                } else {
                    RouterStep first = steps.get(0);
                    List<StepKey> keys = new ArrayList<>(first.keys() == null ? List.of() : first.keys());
                    keys.removeIf(k -> providerKeyId.equals(k.id()));
                    keys.add(0, key);
                    steps.set(0, new RouterStep(first.type(), keys, first.keySelectionStrategy()));
                }
                rules.set(i, new RouterRule(rule.provider(), null, steps));
                return new Router(rules);
            }
        }
        rules.add(new RouterRule(providerId, null, List.of(RouterStep.ordered(List.of(key)))));
        return new Router(rules);
    }
}
