package dev.switchboard.transfer;

import dev.switchboard.transfer.Change.Action;
import dev.switchboard.transfer.Change.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Compares a wanted configuration with a gateway's state and lists what would bring the gateway to it. */
public final class Planner {
    private Planner() {
    }

    /**
     * @param secrets values for provider keys the target lacks (a value in the file wins)
     * @param prune   also delete what the target has and the file lacks
     * @throws IllegalStateException when names in the target are ambiguous (two keys of a provider, or two
     *                               configurations, share a name), so the file cannot say which one it means
     */
    public static Plan plan(ConfigFile wanted, GatewaySnapshot target, SecretSource secrets, boolean prune) {
        ConfigFile want = wanted.sorted();
        ConfigFile have = target.toConfigFile();
        List<String> ambiguous = ConfigCheck.duplicates(have).stream().map(ConfigCheck.Problem::message).toList();
        if (!ambiguous.isEmpty()) {
            throw new IllegalStateException("The target gateway's names are ambiguous: " + ambiguous.get(0));
        }
        List<Change> changes = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, String> values = new HashMap<>();

        if (want.gateway() != null) {
            GatewaySettings now = have.gateway();
            GatewaySettings next = new GatewaySettings(
                    want.gateway().totalTimeout() != null || now == null ? want.gateway().totalTimeout()
                            : now.totalTimeout(),
                    want.gateway().perRequestTimeout() != null || now == null ? want.gateway().perRequestTimeout()
                            : now.perRequestTimeout(),
                    want.gateway().maxInputTokens(), want.gateway().maxOutputTokens());
            changes.add(new Change(Objects.equals(now, next) ? Action.UNCHANGED : Action.UPDATE,
                    Kind.GATEWAY_SETTINGS, "gateway", now, next));
        }
        List<Change> deletions = new ArrayList<>();
        compare(Kind.PROVIDER, want.providers(), have.providers(), ProviderEntry::providerId, prune, changes,
                deletions);

        Set<String> keysThere = new HashSet<>();
        List<ProviderKeyEntry> keysToCompare = new ArrayList<>();
        Map<String, ProviderKeyEntry> haveKeys = index(have.providerKeys(), ProviderKeyEntry::label);
        for (ProviderKeyEntry k : want.providerKeys()) {
            if (haveKeys.containsKey(k.label())) {
                keysToCompare.add(k);
                keysThere.add(k.label());
                continue;
            }
            Optional<String> value = Optional.ofNullable(k.value()).or(() -> secrets.value(k.provider(), k.name()));
            if (value.isPresent() && !value.get().isEmpty()) {
                keysToCompare.add(k);
                keysThere.add(k.label());
                values.put(k.label(), value.get());
            } else {
                missing.add(k.label());
            }
        }
        compare(Kind.PROVIDER_KEY, keysToCompare, have.providerKeys(), ProviderKeyEntry::label, false, changes, null);
        if (prune) {
            Map<String, ProviderKeyEntry> wantKeys = index(want.providerKeys(), ProviderKeyEntry::label);
            have.providerKeys().stream().filter(k -> !wantKeys.containsKey(k.label()))
                    .forEach(k -> deletions.add(new Change(Action.DELETE, Kind.PROVIDER_KEY, k.label(), k, null)));
        }

        List<ConfigurationEntry> configurations = new ArrayList<>();
        for (ConfigurationEntry c : want.accessKeyConfigurations()) {
            configurations.add(withKnownKeys(c, keysThere, notes));
        }
        compare(Kind.CONFIGURATION, configurations, have.accessKeyConfigurations(), ConfigurationEntry::name, prune,
                changes, deletions);

        // deletions run last, configurations before the keys and providers they may still refer to
        deletions.sort((a, b) -> Integer.compare(b.kind().ordinal(), a.kind().ordinal()));
        changes.addAll(deletions);
        return new Plan(changes, missing, notes, target, values);
    }

    private static <T> void compare(Kind kind, List<T> wanted, List<T> present, Function<T, String> name,
                                    boolean prune, List<Change> changes, List<Change> deletions) {
        Map<String, T> have = index(present, name);
        Set<String> wantedNames = new HashSet<>();
        for (T w : wanted) {
            String n = name.apply(w);
            wantedNames.add(n);
            T h = have.get(n);
            Action action = h == null ? Action.CREATE : same(h, w) ? Action.UNCHANGED : Action.UPDATE;
            changes.add(new Change(action, kind, n, h, w));
        }
        if (prune && deletions != null) {
            for (T h : present) {
                if (!wantedNames.contains(name.apply(h))) {
                    deletions.add(new Change(Action.DELETE, kind, name.apply(h), h, null));
                }
            }
        }
    }

    /** Equal as they would be on the gateway (a key's value is not compared: the API never shows it). */
    private static boolean same(Object have, Object want) {
        if (want instanceof ProviderKeyEntry k) {
            return k.withoutValue().equals(have);
        }
        return have.equals(want);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> name) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.putIfAbsent(name.apply(i), i));
        return map;
    }

    /** The configuration with router keys that will not exist on the target left out (steps and rules left empty go too). */
    private static ConfigurationEntry withKnownKeys(ConfigurationEntry c, Set<String> keysThere, List<String> notes) {
        if (c.router() == null) {
            return c;
        }
        List<RuleEntry> rules = new ArrayList<>();
        for (RuleEntry rule : c.rules()) {
            List<StepEntry> steps = new ArrayList<>();
            for (StepEntry step : rule.steps()) {
                if (!step.isUser()) {
                    steps.add(step);
                    continue;
                }
                List<String> keys = new ArrayList<>();
                for (String key : step.keys()) {
                    String label = rule.providerOfRule() + "/" + key;
                    if (keysThere.contains(label)) {
                        keys.add(key);
                    } else {
                        notes.add("Configuration '" + c.name() + "' will route without provider key '" + label
                                + "' until its value is set; import again then.");
                    }
                }
                if (!keys.isEmpty()) {
                    steps.add(new StepEntry(step.type(), step.keySelectionStrategy(), keys));
                }
            }
            if (!steps.isEmpty()) {
                rules.add(new RuleEntry(rule.provider(), rule.model(), steps));
            }
        }
        return c.withRouter(new RouterEntry(rules)).sorted();
    }
}
