package dev.switchboard.diagnose;

import java.util.List;

/**
 * An offer to set a provider's model list to what its model server serves. {@code providerResourceId}
 * is the provider's {@code aigp_} id; {@code models} the new list.
 */
public record ModelListFix(String providerResourceId, String providerId, List<String> models, String description) {
    public ModelListFix {
        models = List.copyOf(models);
    }
}
