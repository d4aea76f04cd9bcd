package dev.switchboard.api;

import java.util.Optional;

/**
 * A {@code provider:model} reference. Split at the first {@code :}, since model ids
 * may hold colons themselves ({@code my-ollama:qwen2.5:0.5b}).
 */
public record ModelRef(String provider, String model) {

    public ModelRef {
        if (provider == null || provider.isEmpty() || model == null || model.isEmpty()) {
            throw new IllegalArgumentException("provider and model must not be empty");
        }
    }

    /** Parses {@code provider:model}; empty when there is no {@code :} or either side is empty. */
    public static Optional<ModelRef> parse(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        int colon = ref.indexOf(':');
        if (colon <= 0 || colon == ref.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ModelRef(ref.substring(0, colon), ref.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return provider + ":" + model;
    }
}
