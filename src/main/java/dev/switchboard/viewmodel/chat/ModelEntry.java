package dev.switchboard.viewmodel.chat;

/**
 * One row of the model picker: a provider heading ({@code header}, {@code id} is the provider) or a
 * {@code provider:model} the key may call.
 */
public record ModelEntry(String provider, String id, boolean header) {
    public static ModelEntry heading(String provider) {
        return new ModelEntry(provider, provider, true);
    }

    public static ModelEntry model(String id) {
        int colon = id.indexOf(':');
        return new ModelEntry(colon > 0 ? id.substring(0, colon) : "", id, false);
    }

    @Override
    public String toString() {
        return id;
    }
}
