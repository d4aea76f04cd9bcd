package dev.switchboard.gateway.store;

/** A provider key with its secret value, for the data plane's upstream calls only. */
public record ProviderKeyValue(String id, String providerId, String value) {
    @Override
    public String toString() {
        return "ProviderKeyValue[id=" + id + ", providerId=" + providerId + ", value=<hidden>]";
    }
}
