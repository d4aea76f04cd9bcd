package dev.switchboard.viewmodel.providers;

import dev.switchboard.api.AccessKeyConfiguration;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.util.Callback;

/** An existing access key configuration on the Access page, ticked to let its keys call the new provider. */
public final class ConfigurationChoice {
    private final AccessKeyConfiguration configuration;
    private final BooleanProperty selected = new SimpleBooleanProperty(this, "selected", false);

    public ConfigurationChoice(AccessKeyConfiguration configuration) {
        this.configuration = configuration;
    }

    public static Callback<ConfigurationChoice, Observable[]> extractor() {
        return c -> new Observable[] {c.selected};
    }

    public AccessKeyConfiguration configuration() {
        return configuration;
    }

    public String name() {
        return configuration.name() == null || configuration.name().isBlank() ? configuration.id() : configuration.name();
    }

    /** A short note for the list: whether its keys may already call every provider. */
    public String note() {
        if (ProviderRequests.allowsEveryProvider(configuration)) {
            return "already allows every provider";
        }
        var allow = configuration.access().providers().allow();
        int n = allow == null ? 0 : allow.size();
        return n == 0 ? "allows no provider yet" : n == 1 ? "allows " + allow.get(0) : "allows " + n + " providers";
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    public boolean isSelected() {
        return selected.get();
    }

    public void setSelected(boolean value) {
        selected.set(value);
    }

    @Override
    public String toString() {
        return name();
    }
}
