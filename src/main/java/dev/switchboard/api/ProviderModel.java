package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A model a provider serves. On create only {@code modelId} is sent; {@code id} comes back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderModel(String id, String modelId) {
    public static ProviderModel of(String modelId) {
        return new ProviderModel(null, modelId);
    }
}
