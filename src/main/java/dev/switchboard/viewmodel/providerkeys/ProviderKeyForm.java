package dev.switchboard.viewmodel.providerkeys;

import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.api.ProviderKeyRotate;
import dev.switchboard.viewmodel.validation.FieldValidator;
import dev.switchboard.viewmodel.validation.Rule;
import dev.switchboard.viewmodel.validation.Rules;
import dev.switchboard.viewmodel.validation.ValidationGroup;
import dev.switchboard.viewmodel.validation.ValidationStatus;
import java.util.List;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Add key" and "Rotate" form: provider (add only), name and the key's value. The value is masked
 * unless {@link #showValueProperty()} is on, and is cleared from the form as soon as a request takes it.
 */
public final class ProviderKeyForm {
    static final int NAME_MAX = 255;
    static final int VALUE_MAX = 8192;

    private final ProviderKeyRow rotating;
    private final ObservableList<ProviderFilter> providers;
    private final ObjectProperty<ProviderFilter> provider = new SimpleObjectProperty<>(this, "provider");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty value = new SimpleStringProperty(this, "value", "");
    private final BooleanProperty showValue = new SimpleBooleanProperty(this, "showValue");
    private final FieldValidator<ProviderFilter> providerValidator;
    private final FieldValidator<String> nameValidator;
    private final FieldValidator<String> valueValidator;
    private final ValidationGroup validation;

    private ProviderKeyForm(ProviderKeyRow rotating, List<ProviderFilter> providers, ProviderFilter preselected) {
        this.rotating = rotating;
        this.providers = FXCollections.observableArrayList(providers);
        provider.set(preselected);
        providerValidator = new FieldValidator<>(provider, p -> rotating != null || p != null && p.providerId() != null
                ? ValidationStatus.ok() : ValidationStatus.error("Choose the provider this key is for."));
        nameValidator = new FieldValidator<>(name, Rules.maxLength("The name", NAME_MAX));
        valueValidator = new FieldValidator<>(value, keyValue());
        validation = new ValidationGroup(providerValidator, nameValidator, valueValidator);
    }

    /** A form to add a key to one of {@code providers}; {@code preselected} (may be null) is picked already. */
    public static ProviderKeyForm add(List<ProviderFilter> providers, ProviderFilter preselected) {
        List<ProviderFilter> real = providers.stream().filter(p -> p.providerId() != null).toList();
        ProviderFilter pick = preselected != null && preselected.providerId() != null ? preselected
                : real.size() == 1 ? real.get(0) : null;
        return new ProviderKeyForm(null, real, pick);
    }

    /** A form to give {@code row}'s key a new value (and optionally a new name). */
    public static ProviderKeyForm rotate(ProviderKeyRow row) {
        ProviderKeyForm form = new ProviderKeyForm(row, List.of(), null);
        form.name.set(row.key().name() == null ? "" : row.key().name());
        return form;
    }

    private static Rule<String> keyValue() {
        return v -> {
            if (v == null || v.isBlank()) {
                return ValidationStatus.error("Paste the key's value, e.g. the API key the model server expects.");
            }
            if (v.length() > VALUE_MAX) {
                return ValidationStatus.error("The value must be at most " + VALUE_MAX + " characters.");
            }
            if (v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return ValidationStatus.error("The value must be one line, without line breaks or tabs.");
            }
            return ValidationStatus.ok();
        };
    }

    public boolean isRotation() {
        return rotating != null;
    }

    /** The key being rotated; null when adding. */
    public ProviderKeyRow rotating() {
        return rotating;
    }

    /** Takes the new key's request and clears the value from the form. */
    ProviderKeyCreate takeCreate() {
        ProviderKeyCreate request = ProviderKeyCreate.of(provider.get().providerId(), nameOrNull(), value.get());
        clearValue();
        return request;
    }

    /** Takes the rotation's request (a name only when it changed) and clears the value from the form. */
    ProviderKeyRotate takeRotate() {
        String newName = nameOrNull();
        ProviderKeyRotate request = new ProviderKeyRotate(newName == null || newName.equals(rotating.key().name()) ? null : newName,
                value.get());
        clearValue();
        return request;
    }

    /** Forgets the typed value (sent, or the dialog was cancelled). */
    public void clearValue() {
        value.set("");
        showValue.set(false);
    }

    private String nameOrNull() {
        String n = name.get().strip();
        return n.isEmpty() ? null : n;
    }

    public ObservableList<ProviderFilter> providers() {
        return providers;
    }

    public ObjectProperty<ProviderFilter> providerProperty() {
        return provider;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** The key's value: bind it to a masked field; it is never read back from the gateway. */
    public StringProperty valueProperty() {
        return value;
    }

    public BooleanProperty showValueProperty() {
        return showValue;
    }

    public FieldValidator<ProviderFilter> providerValidator() {
        return providerValidator;
    }

    public FieldValidator<String> nameValidator() {
        return nameValidator;
    }

    public FieldValidator<String> valueValidator() {
        return valueValidator;
    }

    public BooleanBinding validProperty() {
        return validation.allValidProperty();
    }

    @Override
    public String toString() {
        return "ProviderKeyForm[" + (rotating == null ? "add" : "rotate " + rotating.id()) + ", value=<hidden>]";
    }
}
