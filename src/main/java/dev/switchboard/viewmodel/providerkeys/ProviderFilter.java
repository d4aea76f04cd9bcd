package dev.switchboard.viewmodel.providerkeys;

import dev.switchboard.api.Provider;

/** An entry of the provider filter: every provider ({@code providerId} null) or one of them. */
public record ProviderFilter(String providerId, String label) {
    public static final ProviderFilter ALL = new ProviderFilter(null, "All providers");

    static ProviderFilter of(Provider p) {
        String name = p.name() == null || p.name().isBlank() || p.name().equals(p.providerId()) ? "" : " (" + p.name() + ")";
        return new ProviderFilter(p.providerId(), p.providerId() + name);
    }

    @Override
    public String toString() {
        return label;
    }
}
