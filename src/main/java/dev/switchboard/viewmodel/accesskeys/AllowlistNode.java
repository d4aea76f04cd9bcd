package dev.switchboard.viewmodel.accesskeys;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * One row of the allowlist tree: a provider (branch) or one of its models (leaf).
 * Its tick state is computed by {@link AllowlistEditor}; the view only mirrors it.
 */
public final class AllowlistNode {
    public enum Kind { PROVIDER, MODEL }

    private final Kind kind;
    private final String providerId;
    private final String modelId;
    private final String providerName;
    private final boolean missing;
    private final List<AllowlistNode> children = new ArrayList<>();
    private final ReadOnlyBooleanWrapper checked = new ReadOnlyBooleanWrapper(this, "checked");
    private final ReadOnlyBooleanWrapper indeterminate = new ReadOnlyBooleanWrapper(this, "indeterminate");
    private final ReadOnlyBooleanWrapper editable = new ReadOnlyBooleanWrapper(this, "editable", true);

    private AllowlistNode(Kind kind, String providerId, String modelId, String providerName, boolean missing) {
        this.kind = kind;
        this.providerId = providerId;
        this.modelId = modelId;
        this.providerName = providerName;
        this.missing = missing;
    }

    static AllowlistNode provider(String providerId, String name, boolean missing) {
        return new AllowlistNode(Kind.PROVIDER, providerId, null, name, missing);
    }

    static AllowlistNode model(String providerId, String modelId, boolean missing) {
        return new AllowlistNode(Kind.MODEL, providerId, modelId, null, missing);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isProvider() {
        return kind == Kind.PROVIDER;
    }

    public String providerId() {
        return providerId;
    }

    /** The model id as the provider knows it; null for a provider. */
    public String modelId() {
        return modelId;
    }

    /** {@code provider:model} for a model; the provider id for a provider. */
    public String ref() {
        return isProvider() ? providerId : providerId + ":" + modelId;
    }

    /** Referenced by the saved configuration but no longer known to the gateway. */
    public boolean isMissing() {
        return missing;
    }

    public String label() {
        String base;
        if (isProvider()) {
            base = providerName == null || providerName.isBlank() || providerName.equals(providerId)
                    ? providerId : providerId + " — " + providerName;
        } else {
            base = modelId;
        }
        return missing ? base + " (missing: deleted since saved)" : base;
    }

    public List<AllowlistNode> children() {
        return Collections.unmodifiableList(children);
    }

    void addChild(AllowlistNode child) {
        children.add(child);
    }

    public ReadOnlyBooleanProperty checkedProperty() {
        return checked.getReadOnlyProperty();
    }

    public boolean isChecked() {
        return checked.get();
    }

    public ReadOnlyBooleanProperty indeterminateProperty() {
        return indeterminate.getReadOnlyProperty();
    }

    public boolean isIndeterminate() {
        return indeterminate.get();
    }

    /** False while a switch makes this row's tick meaningless ("All providers"/"All models"). */
    public ReadOnlyBooleanProperty editableProperty() {
        return editable.getReadOnlyProperty();
    }

    public boolean isEditable() {
        return editable.get();
    }

    void show(boolean isChecked, boolean isIndeterminate, boolean isEditable) {
        checked.set(isChecked);
        indeterminate.set(isIndeterminate);
        editable.set(isEditable);
    }

    /** Case-insensitive match on provider id, name or model id. */
    public boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String f = filter.strip().toLowerCase(java.util.Locale.ROOT);
        return ref().toLowerCase(java.util.Locale.ROOT).contains(f)
                || (providerName != null && providerName.toLowerCase(java.util.Locale.ROOT).contains(f));
    }

    @Override
    public String toString() {
        return "AllowlistNode[" + ref() + (missing ? ", missing" : "") + "]";
    }
}
