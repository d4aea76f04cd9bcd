package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.ModelRef;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The configuration editor's state: name, description, allowlist and routing, the JSON it would
 * send with a diff against what is saved, and whether anything is unsaved. No I/O here.
 */
public class AccessKeyConfigurationEditorViewModel {
    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 255;

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final AllowlistEditor allowlist = new AllowlistEditor();
    private final RoutingEditor routing = new RoutingEditor();
    private final ReadOnlyStringWrapper preview = new ReadOnlyStringWrapper(this, "preview", "");
    private final ReadOnlyObjectWrapper<List<LineDiff.Line>> diff = new ReadOnlyObjectWrapper<>(this, "diff", List.of());
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper(this, "canSave");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper(this, "nameError");
    private final ReadOnlyStringWrapper descriptionError = new ReadOnlyStringWrapper(this, "descriptionError");
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<AccessKeyConfiguration> saved = new ReadOnlyObjectWrapper<>(this, "saved");
    private final ObservableList<AccessKey> accessKeys = FXCollections.observableArrayList();
    private final ObservableList<AccessKeyConfiguration> configurations = FXCollections.observableArrayList();
    private final ObjectProperty<AccessKey> effectiveKey = new SimpleObjectProperty<>(this, "effectiveKey");
    private final ObservableList<EffectiveModel> effectiveModels = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper effectiveSummary = new ReadOnlyStringWrapper(this, "effectiveSummary", "");
    private final ObservableList<String> ruleTargets = FXCollections.observableArrayList();
    private List<Provider> providers = List.of();
    private String savedJson = "";
    private boolean loading;

    public AccessKeyConfigurationEditorViewModel() {
        name.addListener((o, a, b) -> refresh());
        description.addListener((o, a, b) -> refresh());
        allowlist.changesProperty().addListener((o, a, b) -> refresh());
        routing.changesProperty().addListener((o, a, b) -> refresh());
        effectiveKey.addListener((o, a, b) -> refreshEffective());
        accessKeys.addListener((javafx.collections.ListChangeListener<AccessKey>) c -> refreshEffective());
        configurations.addListener((javafx.collections.ListChangeListener<AccessKeyConfiguration>) c -> refreshEffective());
        refresh();
    }

    /** The gateway's keys and configurations, for the effective-access picker. */
    public void setKeysAndConfigurations(List<AccessKey> keys, List<AccessKeyConfiguration> configs) {
        AccessKey picked = effectiveKey.get();
        configurations.setAll(configs);
        accessKeys.setAll(keys);
        effectiveKey.set(picked == null ? null
                : keys.stream().filter(k -> k.id().equals(picked.id())).findFirst().orElse(null));
    }

    private void refreshEffective() {
        AccessKey key = effectiveKey.get();
        if (key == null) {
            List<ModelRef> draft = allowlist.effectiveAccess();
            Router router = routing.toRouter(true);
            effectiveModels.setAll(draft.stream().map(ref -> new EffectiveModel(ref.toString(), credentials(ref, router))).toList());
            effectiveSummary.set("Keys with this configuration could call " + count(draft.size()) + " on "
                    + providerCount(draft) + " after saving" + listed(draft));
            return;
        }
        List<ModelRef> models = effectiveAccessFor(key, configurations);
        Router router = routerFor(key);
        effectiveModels.setAll(models.stream().map(ref -> new EffectiveModel(ref.toString(), credentials(ref, router))).toList());
        String config = key.accessKeyConfiguration() == null ? "no configuration, so no custom provider"
                : (key.accessKeyConfiguration().name() == null ? key.accessKeyConfiguration().id() : key.accessKeyConfiguration().name());
        boolean usesThis = saved.get() != null && key.accessKeyConfiguration() != null
                && saved.get().id().equals(key.accessKeyConfiguration().id());
        effectiveSummary.set("'" + key.name() + "' (" + config + ") can call " + count(models.size()) + " on "
                + providerCount(models) + (usesThis ? " once this draft is saved" : "") + listed(models));
    }

    /** One model a key could call, and the provider keys the gateway would try for it, in order. */
    public record EffectiveModel(String ref, String credentials) {
        @Override
        public String toString() {
            return ref;
        }
    }

    private Router routerFor(AccessKey key) {
        if (key.accessKeyConfiguration() == null) {
            return null;
        }
        String id = key.accessKeyConfiguration().id();
        if (saved.get() != null && id.equals(saved.get().id())) {
            return routing.toRouter(true);
        }
        return configurations.stream().filter(c -> id.equals(c.id())).findFirst().map(AccessKeyConfiguration::router).orElse(null);
    }

    /** The keys tried for {@code ref}: its model rule, else its provider's rule; or why there are none. */
    String credentials(ModelRef ref, Router router) {
        List<RouterRule> rules = router == null || router.rules() == null ? List.of() : router.rules();
        RouterRule rule = rules.stream().filter(r -> ref.toString().equals(r.model())).findFirst()
                .or(() -> rules.stream().filter(r -> r.model() == null && ref.provider().equals(r.provider())).findFirst())
                .orElse(null);
        if (rule == null) {
            return routing.providersWithoutKeys(List.of(ref.provider())).isEmpty() ? "no key needed"
                    : "no provider key: refused (ERR_NGROK_3802)";
        }
        List<String> labels = new ArrayList<>();
        if (rule.steps() != null) {
            rule.steps().forEach(step -> {
                if (step.keys() != null) {
                    step.keys().forEach(k -> labels.add(routing.label(RouteKeyDraft.of(k))));
                }
            });
        }
        return "keys in order: " + String.join("  →  ", labels);
    }

    private static String count(int n) {
        return n == 1 ? "1 model" : n + " models";
    }

    private static String providerCount(List<ModelRef> models) {
        long n = models.stream().map(ModelRef::provider).distinct().count();
        return n == 1 ? "1 provider" : n + " providers";
    }

    private static String listed(List<ModelRef> models) {
        return models.isEmpty() ? "." : ": " + String.join(", ", models.stream().map(ModelRef::toString).toList()) + ".";
    }

    /** What "Add rule" offers: providers without a rule, then models without a per-model rule. */
    private void refreshRuleTargets() {
        List<String> out = new ArrayList<>();
        for (Provider p : providers) {
            if (routing.findProviderRule(p.providerId()).isEmpty()) {
                out.add(p.providerId());
            }
        }
        for (Provider p : providers) {
            if (p.models() == null) {
                continue;
            }
            for (var m : p.models()) {
                String ref = p.providerId() + ":" + m.modelId();
                if (routing.rules().stream().noneMatch(r -> ref.equals(r.model()))) {
                    out.add(ref);
                }
            }
        }
        if (!out.equals(ruleTargets)) {
            ruleTargets.setAll(out);
        }
    }

    /** Adds a rule for a provider id or a {@code provider:model} from {@link #ruleTargets()}. */
    public RouteRuleDraft addRule(String target) {
        boolean isProvider = providers.stream().anyMatch(p -> p.providerId().equals(target));
        if (isProvider) {
            return routing.ruleFor(target);
        }
        return ModelRef.parse(target).map(routing::ruleForModel)
                .orElseThrow(() -> new IllegalArgumentException("Not a provider or provider:model: " + target));
    }

    /** A note for rules with more than one step: only the first is edited here, the rest are kept. */
    public String stepNote(RouteRuleDraft rule) {
        if (rule == null || rule.steps().size() <= 1) {
            return "";
        }
        return "This rule has " + rule.steps().size() + " steps; the keys of step 1 are shown, the other steps are kept as saved.";
    }

    public ObservableList<String> ruleTargets() {
        return ruleTargets;
    }

    public ObservableList<AccessKey> accessKeys() {
        return accessKeys;
    }

    public ObjectProperty<AccessKey> effectiveKeyProperty() {
        return effectiveKey;
    }

    public ObservableList<EffectiveModel> effectiveModels() {
        return effectiveModels;
    }

    public ReadOnlyStringProperty effectiveSummaryProperty() {
        return effectiveSummary.getReadOnlyProperty();
    }

    /** Edits a saved configuration (or a new one when {@code config} is null) over the gateway's current state. */
    public void load(AccessKeyConfiguration config, List<Provider> currentProviders, List<ProviderKey> providerKeys) {
        loading = true;
        try {
            providers = List.copyOf(currentProviders);
            saved.set(config);
            name.set(config == null || config.name() == null ? "" : config.name());
            description.set(config == null || config.description() == null ? "" : config.description());
            allowlist.load(config == null ? null : config.access(), providers);
            routing.load(config == null ? null : config.router(), providerKeys);
            savedJson = config == null ? "" : new ConfigurationRequest(config.name(), config.description(),
                    config.access(), config.router()).toPrettyJson(true);
        } finally {
            loading = false;
        }
        refresh();
    }

    public void startNew(List<Provider> currentProviders, List<ProviderKey> providerKeys) {
        load(null, currentProviders, providerKeys);
    }

    private void refresh() {
        if (loading) {
            return;
        }
        boolean isNew = saved.get() == null;
        String draft = request(true).toPrettyJson(!isNew);
        preview.set(draft);
        String comparable = isNew ? draft : request(true).toPrettyJson(true);
        List<LineDiff.Line> lines = LineDiff.of(savedJson, comparable);
        diff.set(lines);
        dirty.set(isNew ? hasInput() : LineDiff.hasChanges(lines));
        nameError.set(validateName(name.get()));
        descriptionError.set(description.get() != null && description.get().length() > MAX_DESCRIPTION
                ? "At most " + MAX_DESCRIPTION + " characters." : null);
        List<String> allWarnings = new ArrayList<>(allowlist.warnings());
        java.util.Set<String> allowedProviders = new java.util.LinkedHashSet<>();
        allowlist.effectiveAccess().forEach(ref -> allowedProviders.add(ref.provider()));
        for (String providerId : routing.providersWithoutKeys(allowedProviders)) {
            allWarnings.add("Provider '" + providerId + "' has provider keys, so the gateway needs one, but no routing rule "
                    + "gives it any: its models will be refused (ERR_NGROK_3802). Add a rule on the Routing tab.");
        }
        warnings.setAll(allWarnings);
        problems.setAll(routing.problems());
        refreshRuleTargets();
        refreshEffective();
        canSave.set(dirty.get() && nameError.get() == null && descriptionError.get() == null && problems.isEmpty());
    }

    private boolean hasInput() {
        return !name.get().isBlank() || !description.get().isBlank() || allowlist.toAccess() != null
                || !routing.rules().isEmpty();
    }

    static String validateName(String value) {
        if (value == null || value.isBlank()) {
            return "A name is required.";
        }
        if (value.length() > MAX_NAME) {
            return "At most " + MAX_NAME + " characters.";
        }
        return null;
    }

    /** The body to send; {@code redactValues} hides new provider-key values (for the preview). */
    public ConfigurationRequest request(boolean redactValues) {
        String desc = description.get() == null || description.get().isBlank() ? null : description.get();
        return new ConfigurationRequest(name.get() == null ? null : name.get().strip(), desc,
                allowlist.toAccess(), routing.toRouter(redactValues));
    }

    /** What {@code key} could call once this draft is saved (keys of other configurations: as saved). */
    public List<ModelRef> effectiveAccessFor(AccessKey key, List<AccessKeyConfiguration> configurations) {
        if (key.accessKeyConfiguration() == null) {
            return List.of();
        }
        String configId = key.accessKeyConfiguration().id();
        if (saved.get() != null && configId.equals(saved.get().id())) {
            return allowlist.effectiveAccess();
        }
        return configurations.stream().filter(c -> configId.equals(c.id())).findFirst()
                .map(c -> EffectiveAccess.of(c.access(), providers))
                .orElse(List.of());
    }

    /** The keys among {@code keys} that use the configuration being edited. */
    public List<AccessKey> keysUsingThis(List<AccessKey> keys) {
        List<AccessKey> out = new ArrayList<>();
        if (saved.get() == null) {
            return out;
        }
        for (AccessKey k : keys) {
            if (k.accessKeyConfiguration() != null && saved.get().id().equals(k.accessKeyConfiguration().id())) {
                out.add(k);
            }
        }
        return out;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public AllowlistEditor allowlist() {
        return allowlist;
    }

    public RoutingEditor routing() {
        return routing;
    }

    public List<Provider> providers() {
        return providers;
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<LineDiff.Line>> diffProperty() {
        return diff.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionErrorProperty() {
        return descriptionError.getReadOnlyProperty();
    }

    public ObservableList<String> warnings() {
        return warnings;
    }

    public ObservableList<String> problems() {
        return problems;
    }

    public ReadOnlyObjectProperty<AccessKeyConfiguration> savedProperty() {
        return saved.getReadOnlyProperty();
    }
}
