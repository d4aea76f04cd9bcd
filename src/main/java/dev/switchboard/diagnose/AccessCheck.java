package dev.switchboard.diagnose;

import dev.switchboard.api.Access;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ModelRef;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderModel;
import dev.switchboard.client.NotFoundException;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 2, as the gateway resolves {@code provider:model}: the provider exists; the key's configuration
 * allows the provider and the model (the deciding rule quoted); the provider's model list has the model.
 * The rules are ngrok's: a key with no configuration reaches no custom provider; {@code access} left out
 * allows everything; inside it a dimension left out is unrestricted and {@code allow: []} allows nothing.
 */
final class AccessCheck {
    private AccessCheck() {
    }

    static StepResult run(Facts f) {
        ModelRef ref = f.model();
        List<String> evidence = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Provider p : f.client.providers().list()) {
            ids.add(p.providerId());
            if (p.providerId().equals(ref.provider())) {
                f.provider = p;
            }
        }
        if (f.provider == null) {
            evidence.add("GET /providers: " + (ids.isEmpty() ? "no providers" : String.join(", ", ids)));
            return StepResult.failed(StepId.ACCESS, "The gateway has no provider named '" + ref.provider()
                    + "' (" + (ids.isEmpty() ? "it has no providers yet" : "it has: " + String.join(", ", ids)) + ")",
                    evidence, new Action(Action.Target.PROVIDERS, "Open Providers…", null));
        }
        evidence.add("Provider '" + ref.provider() + "' exists (" + f.provider.id() + ", " + f.provider.baseUrl() + ")");
        StepResult access = allowlist(f, evidence);
        if (access != null) {
            return access;
        }
        List<String> models = modelIds(f.provider);
        if (!models.isEmpty() && !models.contains(ref.model())) {
            evidence.add("Provider '" + ref.provider() + "' models: " + String.join(", ", models));
            return StepResult.failed(StepId.ACCESS, "Provider " + ref.provider() + " has no model '" + ref.model()
                    + "' in its model list (it lists " + String.join(", ", models) + ")", evidence,
                    new Action(Action.Target.PROVIDERS, "Edit the provider's models…", ref.provider()));
        }
        evidence.add(models.isEmpty() ? "Provider '" + ref.provider() + "' lists no models: any model id is passed on"
                : "Provider '" + ref.provider() + "' lists the model '" + ref.model() + "'");
        if (f.key == null) {
            return StepResult.notChecked(StepId.ACCESS, "The provider and model exist; the key's access could not be"
                    + " read (see step 1).", evidence);
        }
        return StepResult.passed(StepId.ACCESS, "The key " + f.keyLabel() + " may call " + ref
                + (f.configuration == null ? "." : " (configuration " + f.configurationLabel() + ")."), evidence);
    }

    /** The allowlist check; null when it passes (or the key is unknown), else the failure. */
    private static StepResult allowlist(Facts f, List<String> evidence) {
        if (f.key == null) {
            return null;
        }
        ModelRef ref = f.model();
        Action editAccess = new Action(Action.Target.CONFIGURATION, "Edit access…",
                f.key.accessKeyConfiguration() == null ? null : f.key.accessKeyConfiguration().id());
        if (f.key.accessKeyConfiguration() == null) {
            evidence.add("Access key " + f.keyLabel() + ": accessKeyConfiguration is null");
            evidence.add("Rule: a key with no access-key configuration can call no custom provider (ERR_NGROK_3803)");
            return StepResult.failed(StepId.ACCESS, "The key " + f.keyLabel() + " has no access-key configuration,"
                    + " so it may call no custom provider", evidence,
                    new Action(Action.Target.ACCESS_KEYS, "Give the key a configuration…", f.keyId));
        }
        String configId = f.key.accessKeyConfiguration().id();
        try {
            f.configuration = f.client.accessKeyConfigurations().get(configId);
            f.configurationKnown = true;
        } catch (NotFoundException e) {
            evidence.add("GET /access-key-configurations/" + configId + ": HTTP 404");
            return StepResult.failed(StepId.ACCESS, "The key " + f.keyLabel() + " refers to configuration " + configId
                    + ", which no longer exists, so the gateway refuses everything", evidence,
                    new Action(Action.Target.ACCESS_KEYS, "Give the key a configuration…", f.keyId));
        }
        String config = "configuration " + f.configurationLabel() + " (" + configId + ")";
        Access access = f.configuration.access();
        if (access == null) {
            evidence.add(config + ": access is left out, so every provider and model is allowed");
            return null;
        }
        AllowList providers = access.providers();
        if (providers == null || providers.allow() == null) {
            evidence.add(config + ": access.providers is left out, so any provider is allowed");
        } else if (providers.allow().contains(ref.provider())) {
            evidence.add(config + ": access.providers.allow " + quote(providers.allow()) + " lists " + ref.provider());
        } else {
            evidence.add(config + ": access.providers.allow " + quote(providers.allow()));
            return StepResult.failed(StepId.ACCESS, "The key " + f.keyLabel() + " is not allowed to call provider "
                    + ref.provider() + ": its configuration " + f.configurationLabel() + " allows "
                    + only(providers.allow()), evidence, editAccess);
        }
        AllowList models = access.models();
        if (models == null || models.allow() == null) {
            evidence.add(config + ": access.models is left out, so any model is allowed");
        } else if (models.allow().contains(ref.toString())) {
            evidence.add(config + ": access.models.allow " + quote(models.allow()) + " lists " + ref);
        } else {
            evidence.add(config + ": access.models.allow " + quote(models.allow()));
            return StepResult.failed(StepId.ACCESS, "The key " + f.keyLabel() + " is not allowed to call model "
                    + ref + ": its configuration " + f.configurationLabel() + " allows " + only(models.allow()),
                    evidence, editAccess);
        }
        return null;
    }

    static List<String> modelIds(Provider p) {
        List<String> ids = new ArrayList<>();
        if (p.models() != null) {
            for (ProviderModel m : p.models()) {
                if (m != null && m.modelId() != null) {
                    ids.add(m.modelId());
                }
            }
        }
        return ids;
    }

    private static String only(List<String> allowed) {
        return allowed.isEmpty() ? "none (allow: [])" : "only " + String.join(", ", allowed);
    }

    static String quote(List<String> items) {
        List<String> quoted = new ArrayList<>();
        items.forEach(i -> quoted.add("\"" + i + "\""));
        return "[" + String.join(", ", quoted) + "]";
    }
}
