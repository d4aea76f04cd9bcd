package dev.switchboard.diagnose;

import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 3: whether the provider needs a provider key (it has some), and which keys the configuration's
 * router gives it, in the order they are tried. A rule for the model wins over the provider's rule;
 * only {@code user} steps count, and a key of another provider is never sent.
 */
final class RoutingCheck {
    private RoutingCheck() {
    }

    static StepResult run(Facts f) {
        if (f.provider == null) {
            return StepResult.notChecked(StepId.ROUTING, "Not checked: the provider is unknown (step 2)", List.of());
        }
        String providerId = f.provider.providerId();
        List<String> evidence = new ArrayList<>();
        f.providerKeys = new ArrayList<>();
        f.client.providerKeys().listForProvider(providerId).forEach(f.providerKeys::add);
        boolean needsKey = !f.providerKeys.isEmpty();
        evidence.add(needsKey ? "Provider '" + providerId + "' has " + f.providerKeys.size() + " provider key"
                + (f.providerKeys.size() == 1 ? "" : "s") + " (" + names(f.providerKeys) + "), so it needs one"
                : "Provider '" + providerId + "' has no provider keys, so it is called without one");
        if (!f.configurationKnown) {
            if (!needsKey) {
                return StepResult.passed(StepId.ROUTING, "Provider " + providerId + " needs no provider key", evidence);
            }
            return StepResult.notChecked(StepId.ROUTING, "Provider " + providerId + " needs a key; which one the key's"
                    + " configuration gives it is not known (steps 1 and 2)", evidence);
        }
        RouterRule rule = ruleFor(f);
        Action editRouting = new Action(Action.Target.CONFIGURATION, "Edit routing…", f.configuration.id());
        if (rule == null) {
            evidence.add("Configuration " + f.configurationLabel() + ": no router rule for " + providerId + " or " + f.model());
            if (needsKey) {
                return StepResult.failed(StepId.ROUTING, "Provider " + providerId + " needs a provider key and the"
                        + " configuration " + f.configurationLabel() + " gives it none: add a router rule for "
                        + providerId + " with one of its keys", evidence, editRouting);
            }
            return StepResult.passed(StepId.ROUTING, "Provider " + providerId + " needs no provider key", evidence);
        }
        String ruleName = rule.model() != null && !rule.model().isEmpty() ? "the rule for model " + rule.model()
                : "the rule for provider " + providerId;
        List<String> order = new ArrayList<>();
        if (rule.steps() != null) {
            int stepNo = 0;
            for (RouterStep step : rule.steps()) {
                stepNo++;
                if (step == null || step.keys() == null) {
                    continue;
                }
                if (step.type() != null && !RouterStep.TYPE_USER.equals(step.type())) {
                    evidence.add("Step " + stepNo + " is of type '" + step.type() + "': skipped");
                    continue;
                }
                for (StepKey k : step.keys()) {
                    describeKey(f, k, stepNo, order, evidence);
                }
            }
        }
        if (order.isEmpty()) {
            return StepResult.failed(StepId.ROUTING, "The router's " + ruleName + " in configuration "
                    + f.configurationLabel() + " lists no usable provider key for " + providerId, evidence, editRouting);
        }
        evidence.add("Keys tried in order: " + String.join(" → ", order));
        return StepResult.passed(StepId.ROUTING, "The router's " + ruleName + " gives " + providerId + " "
                + order.size() + " provider key" + (order.size() == 1 ? "" : "s") + ", tried in order", evidence);
    }

    private static RouterRule ruleFor(Facts f) {
        if (f.configuration.router() == null || f.configuration.router().rules() == null) {
            return null;
        }
        RouterRule byProvider = null;
        for (RouterRule r : f.configuration.router().rules()) {
            if (r == null) {
                continue;
            }
            if (r.model() != null && !r.model().isEmpty()) {
                if (r.model().equals(f.model().toString())) {
                    return r;
                }
            } else if (f.model().provider().equals(r.provider()) && byProvider == null) {
                byProvider = r;
            }
        }
        return byProvider;
    }

    private static void describeKey(Facts f, StepKey k, int stepNo, List<String> order, List<String> evidence) {
        if (k == null || k.id() == null) {
            return;
        }
        ProviderKey own = f.providerKeys.stream().filter(p -> p.id().equals(k.id())).findFirst().orElse(null);
        if (own == null) {
            evidence.add("Step " + stepNo + ": key " + (k.name() != null ? "'" + k.name() + "' " : "") + k.id()
                    + " is not a key of " + f.provider.providerId() + ": skipped");
            return;
        }
        order.add("'" + own.name() + "' (" + own.id() + ", " + own.keyRedacted() + ")");
    }

    private static String names(List<ProviderKey> keys) {
        List<String> names = new ArrayList<>();
        keys.forEach(k -> names.add("'" + k.name() + "'"));
        return String.join(", ", names);
    }
}
