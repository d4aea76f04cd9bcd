package dev.switchboard.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A provider key, named by its provider and its name. {@code value} is present only in a file
 * exported with secrets, and is never shown by {@link #toString()}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"provider", "name", "description", "metadata", "value"})
public record ProviderKeyEntry(String provider, String name, String description, String metadata, String value) {
    public ProviderKeyEntry {
        Entries.required(provider, "a provider key's provider");
        Entries.required(name, "provider key of '" + provider + "': name");
    }

    public ProviderKeyEntry withoutValue() {
        return new ProviderKeyEntry(provider, name, description, metadata, null);
    }

    public ProviderKeyEntry withValue(String newValue) {
        return new ProviderKeyEntry(provider, name, description, metadata, newValue);
    }

    /** {@code provider/name}: how messages and the plan name the key. */
    public String label() {
        return provider + "/" + name;
    }

    @Override
    public String toString() {
        return "ProviderKeyEntry[" + label() + (value != null ? ", value=<hidden>" : "") + "]";
    }
}
