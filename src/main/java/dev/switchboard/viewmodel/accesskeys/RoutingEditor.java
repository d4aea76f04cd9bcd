package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.ModelRef;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The routing of a configuration: at most one rule per provider, plus optional per-model rules;
 * each rule's keys in failover order, existing ones by id or new ones typed in (write-only).
 */
public final class RoutingEditor {
    private final ObservableList<RouteRuleDraft> rules = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper changes = new ReadOnlyIntegerWrapper(this, "changes");
    private final ListChangeListener<Object> bump = c -> changed();
    private List<ProviderKey> providerKeys = List.of();
    private Router saved;

    public RoutingEditor() {
        rules.addListener((ListChangeListener<RouteRuleDraft>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::watch);
            }
            changed();
        });
    }

    public void load(Router router, List<ProviderKey> keys) {
        saved = router;
        providerKeys = List.copyOf(keys);
        List<RouteRuleDraft> drafts = router == null || router.rules() == null ? List.of()
                : router.rules().stream().map(RouteRuleDraft::of).toList();
        rules.setAll(drafts);
    }

    private void watch(RouteRuleDraft rule) {
        rule.steps().addListener((ListChangeListener<RouteStepDraft>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(s -> s.keys().addListener(bump));
            }
            changed();
        });
        rule.steps().forEach(s -> s.keys().addListener(bump));
    }

    private void changed() {
        changes.set(changes.get() + 1);
    }

    public ReadOnlyIntegerProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }

    public ObservableList<RouteRuleDraft> rules() {
        return rules;
    }

    /** Adds (or returns the existing) rule for a provider. */
    public RouteRuleDraft ruleFor(String providerId) {
        return findProviderRule(providerId).orElseGet(() -> {
            RouteRuleDraft rule = new RouteRuleDraft(providerId, null, List.of(RouteStepDraft.ordered()));
            rules.add(rule);
            return rule;
        });
    }

    /** Adds (or returns the existing) rule for one {@code provider:model}. */
    public RouteRuleDraft ruleForModel(ModelRef ref) {
        return rules.stream().filter(r -> ref.toString().equals(r.model())).findFirst().orElseGet(() -> {
            RouteRuleDraft rule = new RouteRuleDraft(ref.provider(), ref.toString(), List.of(RouteStepDraft.ordered()));
            rules.add(rule);
            return rule;
        });
    }

    public Optional<RouteRuleDraft> findProviderRule(String providerId) {
        return rules.stream().filter(r -> !r.isModelRule() && providerId.equals(r.providerId())).findFirst();
    }

    public void remove(RouteRuleDraft rule) {
        rules.remove(rule);
    }

    /** The provider's keys not yet in the rule's first step: what "Add existing key" offers. */
    public List<ProviderKey> keysToAdd(RouteRuleDraft rule) {
        List<String> used = rule.firstStep().keys().stream().map(RouteKeyDraft::id).toList();
        return providerKeys.stream()
                .filter(k -> rule.providerId().equals(k.providerId()) && !used.contains(k.id()))
                .toList();
    }

    public void addExisting(RouteRuleDraft rule, ProviderKey key) {
        if (rule.firstStep().keys().stream().noneMatch(k -> key.id().equals(k.id()))) {
            rule.firstStep().keys().add(RouteKeyDraft.existing(key.id()));
        }
    }

    /** Adds a key typed in; the gateway creates it on save. Returns the problem, if any. */
    public Optional<String> addNew(RouteRuleDraft rule, String name, String value) {
        if (name == null || name.isBlank()) {
            return Optional.of("Give the new key a name.");
        }
        if (value == null || value.isBlank()) {
            return Optional.of("Paste the key's value.");
        }
        rule.firstStep().keys().add(RouteKeyDraft.newKey(name.strip(), value.strip()));
        return Optional.empty();
    }

    /** How a key shows in the list: name and redacted value, or what is wrong with it. */
    public String label(RouteKeyDraft key) {
        if (key.isNew()) {
            return key.name() + " (new, value write-only)";
        }
        return providerKeys.stream().filter(k -> key.id().equals(k.id())).findFirst()
                .map(k -> k.name() + "  " + (k.keyRedacted() == null ? "" : k.keyRedacted()))
                .orElse(key.id() + " (missing: deleted since saved)");
    }

    /**
     * Providers among {@code allowedProviders} that have provider keys (so the gateway needs one for
     * them) but no rule of this configuration gives them any: their models would be refused.
     */
    public List<String> providersWithoutKeys(java.util.Collection<String> allowedProviders) {
        List<String> out = new ArrayList<>();
        for (String providerId : allowedProviders) {
            boolean hasKeys = providerKeys.stream().anyMatch(k -> providerId.equals(k.providerId()));
            boolean routed = rules.stream().anyMatch(r -> providerId.equals(r.providerId()));
            if (hasKeys && !routed) {
                out.add(providerId);
            }
        }
        return out;
    }

    /** Problems that would make the gateway refuse the router. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (RouteRuleDraft rule : rules) {
            boolean empty = rule.steps().isEmpty() || rule.steps().stream().allMatch(s -> s.keys().isEmpty());
            if (empty) {
                out.add("The rule for " + rule.label() + " has no keys: add one or remove the rule.");
            }
        }
        return out;
    }

    public Router toRouter(boolean redactValues) {
        if (rules.isEmpty()) {
            boolean savedEmpty = saved == null || saved.rules() == null || saved.rules().isEmpty();
            return savedEmpty ? saved : new Router(List.of());
        }
        List<RouterRule> out = rules.stream().map(r -> r.toRule(redactValues)).toList();
        return new Router(out);
    }
}
