package dev.switchboard.api;

import java.time.Instant;
import java.util.List;

/** A custom provider: a model server reached at {@code baseUrl}, named {@code providerId} in {@code provider:model}. */
public record Provider(
        String id,
        String uri,
        Instant createdAt,
        Instant updatedAt,
        Ref createdBy,
        Ref lastUpdatedBy,
        String description,
        String metadata,
        String providerId,
        String name,
        String baseUrl,
        List<ApiSurface> supportedApiSurfaces,
        List<ProviderModel> models) {
}
