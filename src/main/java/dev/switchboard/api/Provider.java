package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A custom provider: a model server reached at {@code baseUrl}, named {@code providerId} in {@code provider:model}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provider(
        String id,
        String uri,
        Instant createdAt,
        Instant updatedAt,
        Ref createdBy,
        Ref lastUpdatedBy,
        String metadata,
        String providerId,
        String name,
        String baseUrl,
        List<ApiSurface> supportedApiSurfaces,
        List<ProviderModel> models) {
}
