package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.Access;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ModelRef;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The allowlist of a configuration as a tree of providers and their models, with the
 * "All providers" and "All models" switches, mapped exactly to and from {@link Access}:
 * a switch on = that dimension left out; off = an {@code allow} list of the ticks (possibly empty).
 * Entries the saved configuration names but the gateway no longer knows stay, shown as missing.
 * Turning a switch off ticks what it allowed, so the effective access does not change by itself.
 */
public final class AllowlistEditor {
    private final BooleanProperty allProviders = new SimpleBooleanProperty(this, "allProviders", true);
    private final BooleanProperty allModels = new SimpleBooleanProperty(this, "allModels", true);
    private final ObservableList<AllowlistNode> roots = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper changes = new ReadOnlyIntegerWrapper(this, "changes");
    private final Set<String> providerTicks = new LinkedHashSet<>();
    private final Set<String> modelTicks = new LinkedHashSet<>();
    private final List<String> unrecognizedModelEntries = new ArrayList<>();
    private List<String> savedProviderOrder = List.of();
    private List<String> savedModelOrder = List.of();
    private boolean savedAsEmptyObject;
    private List<Provider> providers = List.of();
    private boolean loading;

    public AllowlistEditor() {
        allProviders.addListener((obs, was, on) -> onSwitch(true, on));
        allModels.addListener((obs, was, on) -> onSwitch(false, on));
    }

    /** Shows {@code access} (null = everything allowed) over the gateway's current providers. */
    public void load(Access access, List<Provider> currentProviders) {
        loading = true;
        try {
            providers = List.copyOf(currentProviders);
            providerTicks.clear();
            modelTicks.clear();
            unrecognizedModelEntries.clear();
            AllowList providerList = access == null ? null : access.providers();
            AllowList modelList = access == null ? null : access.models();
            savedAsEmptyObject = access != null && providerList == null && modelList == null;
            savedProviderOrder = providerList == null || providerList.allow() == null ? List.of() : List.copyOf(providerList.allow());
            savedModelOrder = modelList == null || modelList.allow() == null ? List.of() : List.copyOf(modelList.allow());
            allProviders.set(providerList == null || providerList.allow() == null);
            allModels.set(modelList == null || modelList.allow() == null);
            providerTicks.addAll(savedProviderOrder);
            for (String entry : savedModelOrder) {
                modelTicks.add(entry);
                if (ModelRef.parse(entry).isEmpty()) {
                    unrecognizedModelEntries.add(entry);
                }
            }
            roots.setAll(buildTree());
        } finally {
            loading = false;
        }
        recompute();
    }

    private List<AllowlistNode> buildTree() {
        Map<String, AllowlistNode> byProvider = new LinkedHashMap<>();
        Map<String, Set<String>> knownModels = new LinkedHashMap<>();
        for (Provider p : providers) {
            AllowlistNode node = AllowlistNode.provider(p.providerId(), p.name(), false);
            byProvider.put(p.providerId(), node);
            Set<String> ids = new LinkedHashSet<>();
            if (p.models() != null) {
                for (ProviderModel m : p.models()) {
                    if (ids.add(m.modelId())) {
                        node.addChild(AllowlistNode.model(p.providerId(), m.modelId(), false));
                    }
                }
            }
            knownModels.put(p.providerId(), ids);
        }
        for (String providerId : savedProviderOrder) {
            byProvider.computeIfAbsent(providerId, id -> AllowlistNode.provider(id, null, true));
        }
        for (String entry : savedModelOrder) {
            Optional<ModelRef> ref = ModelRef.parse(entry);
            if (ref.isEmpty()) {
                continue;
            }
            String pid = ref.get().provider();
            AllowlistNode parent = byProvider.computeIfAbsent(pid, id -> AllowlistNode.provider(id, null, true));
            Set<String> ids = knownModels.computeIfAbsent(pid, id -> new LinkedHashSet<>());
            if (ids.add(ref.get().model())) {
                parent.addChild(AllowlistNode.model(pid, ref.get().model(), true));
            }
        }
        return new ArrayList<>(byProvider.values());
    }

    public BooleanProperty allProvidersProperty() {
        return allProviders;
    }

    public BooleanProperty allModelsProperty() {
        return allModels;
    }

    /** Every provider (and missing one) with its models; filter with {@link #visibleRoots(String)}. */
    public ObservableList<AllowlistNode> roots() {
        return roots;
    }

    /** Goes up by one on every change of the allowlist. */
    public ReadOnlyIntegerProperty changesProperty() {
        return changes.getReadOnlyProperty();
    }

    /** The user ticks or unticks a row. Ignored (and re-shown) when a switch makes the row read-only. */
    public void setChecked(AllowlistNode node, boolean value) {
        if (node.isEditable()) {
            if (node.isProvider()) {
                if (!allProviders.get()) {
                    toggle(providerTicks, node.providerId(), value);
                }
                if (!allModels.get()) {
                    node.children().forEach(child -> toggle(modelTicks, child.ref(), value));
                }
            } else {
                toggle(modelTicks, node.ref(), value);
                if (!allProviders.get()) {
                    AllowlistNode parent = parentOf(node);
                    if (value) {
                        providerTicks.add(node.providerId());
                    } else if (parent != null && parent.children().stream().noneMatch(c -> modelTicks.contains(c.ref()))) {
                        providerTicks.remove(node.providerId());
                    }
                }
            }
        }
        recompute();
    }

    /** Ticks exactly the given {@code provider:model} refs (and their providers), unticking the rest. */
    public void tickOnly(Collection<String> modelRefs) {
        allProviders.set(false);
        allModels.set(false);
        providerTicks.clear();
        modelTicks.clear();
        for (String r : modelRefs) {
            modelTicks.add(r);
            ModelRef.parse(r).ifPresent(ref -> providerTicks.add(ref.provider()));
        }
        recompute();
    }

    public Optional<AllowlistNode> find(String ref) {
        for (AllowlistNode root : roots) {
            if (root.ref().equals(ref)) {
                return Optional.of(root);
            }
            for (AllowlistNode child : root.children()) {
                if (child.ref().equals(ref)) {
                    return Optional.of(child);
                }
            }
        }
        return Optional.empty();
    }

    private AllowlistNode parentOf(AllowlistNode model) {
        return roots.stream().filter(r -> r.providerId().equals(model.providerId())).findFirst().orElse(null);
    }

    private static void toggle(Set<String> set, String value, boolean on) {
        if (on) {
            set.add(value);
        } else {
            set.remove(value);
        }
    }

    private void onSwitch(boolean providersSwitch, boolean on) {
        if (loading) {
            return;
        }
        if (providersSwitch) {
            providerTicks.clear();
            if (!on) {
                for (AllowlistNode root : roots) {
                    boolean hasTickedModel = root.children().stream().anyMatch(c -> modelTicks.contains(c.ref()));
                    if (!root.isMissing() && (allModels.get() || hasTickedModel)) {
                        providerTicks.add(root.providerId());
                    }
                }
            }
        } else {
            modelTicks.clear();
            if (!on) {
                for (AllowlistNode root : roots) {
                    if (allProviders.get() || providerTicks.contains(root.providerId())) {
                        root.children().stream().filter(c -> !c.isMissing()).forEach(c -> modelTicks.add(c.ref()));
                    }
                }
            } else {
                unrecognizedModelEntries.clear();
            }
        }
        recompute();
    }

    /** Removes saved {@code models} entries that are not {@code provider:model} (they match nothing). */
    public void dropUnrecognizedEntries() {
        unrecognizedModelEntries.forEach(modelTicks::remove);
        unrecognizedModelEntries.clear();
        recompute();
    }

    public List<String> unrecognizedModelEntries() {
        return List.copyOf(unrecognizedModelEntries);
    }

    private void recompute() {
        boolean allP = allProviders.get();
        boolean allM = allModels.get();
        for (AllowlistNode root : roots) {
            boolean providerTicked = allP || providerTicks.contains(root.providerId());
            int ticked = 0;
            for (AllowlistNode child : root.children()) {
                boolean on = allM ? providerTicked : modelTicks.contains(child.ref());
                if (on) {
                    ticked++;
                }
                child.show(on, false, !allM);
            }
            int n = root.children().size();
            if (allM) {
                root.show(providerTicked, false, !allP);
            } else if (allP) {
                root.show(n > 0 && ticked == n, ticked > 0 && ticked < n, n > 0);
            } else if (n == 0) {
                root.show(providerTicked, false, true);
            } else {
                boolean full = providerTicked && ticked == n;
                root.show(full, !full && (providerTicked || ticked > 0), true);
            }
        }
        changes.set(changes.get() + 1);
    }

    /** The allowlist as the API wants it; saved entries keep their order, new ones follow in tree order. */
    public Access toAccess() {
        AllowList providerList = allProviders.get() ? null
                : new AllowList(ordered(providerTicks, savedProviderOrder, roots.stream().map(AllowlistNode::ref).toList()));
        List<String> treeModels = new ArrayList<>();
        roots.forEach(r -> r.children().forEach(c -> treeModels.add(c.ref())));
        AllowList modelList = allModels.get() ? null : new AllowList(ordered(modelTicks, savedModelOrder, treeModels));
        if (providerList == null && modelList == null) {
            return savedAsEmptyObject ? new Access(null, null) : null;
        }
        return new Access(providerList, modelList);
    }

    private static List<String> ordered(Set<String> ticks, List<String> saved, List<String> treeOrder) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        saved.stream().filter(ticks::contains).forEach(out::add);
        treeOrder.stream().filter(ticks::contains).forEach(out::add);
        out.addAll(ticks);
        return List.copyOf(out);
    }

    /** What keys with this allowlist could call, over the gateway's current providers. */
    public List<ModelRef> effectiveAccess() {
        return EffectiveAccess.of(toAccess(), providers);
    }

    /** Plain-language warnings: nothing ticked, missing entries, models whose provider is not ticked. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        boolean allP = allProviders.get();
        boolean allM = allModels.get();
        if (!allP && providerTicks.isEmpty()) {
            out.add("No provider is ticked: keys with this configuration can call nothing.");
        } else if (!allM && modelTicks.isEmpty()) {
            out.add("No model is ticked: keys with this configuration can call nothing.");
        } else if (!(allP && allM) && effectiveAccess().isEmpty()) {
            out.add("Nothing that exists is allowed: keys with this configuration can call nothing.");
        }
        for (AllowlistNode root : roots) {
            if (root.isMissing() && !allP && providerTicks.contains(root.providerId())) {
                out.add("Provider '" + root.providerId() + "' is allowed but no longer exists. Untick it to remove it.");
            }
            for (AllowlistNode child : root.children()) {
                if (allM || !modelTicks.contains(child.ref())) {
                    continue;
                }
                if (child.isMissing()) {
                    out.add("Model '" + child.ref() + "' is allowed but no longer exists. Untick it to remove it.");
                } else if (!allP && !providerTicks.contains(root.providerId())) {
                    out.add("Model '" + child.ref() + "' is ticked but provider '" + root.providerId()
                            + "' is not, so it cannot be called.");
                }
            }
        }
        for (String entry : unrecognizedModelEntries) {
            out.add("Model entry '" + entry + "' is not provider:model, so it matches nothing.");
        }
        return out;
    }

    /** One line saying what the switches mean right now. */
    public String hint() {
        boolean allP = allProviders.get();
        boolean allM = allModels.get();
        if (allP && allM) {
            return "Every provider and model is allowed, including ones added later. Turn a switch off to choose.";
        }
        if (allM) {
            return "Tick providers: every model of a ticked provider is allowed, including models added later.";
        }
        if (allP) {
            return "Tick models: only ticked models are allowed, whichever provider serves them.";
        }
        return "Tick providers and models: a model is allowed when it and its provider are ticked.";
    }

    /** The roots to show for a filter: a provider matches by itself or through any of its models. */
    public List<AllowlistNode> visibleRoots(String filter) {
        return roots.stream().filter(r -> r.matches(filter) || r.children().stream().anyMatch(c -> c.matches(filter))).toList();
    }

    /** The children to show for a filter: all of them when the provider itself matches. */
    public List<AllowlistNode> visibleChildren(AllowlistNode root, String filter) {
        if (root.matches(filter)) {
            return root.children();
        }
        return root.children().stream().filter(c -> c.matches(filter)).toList();
    }
}
