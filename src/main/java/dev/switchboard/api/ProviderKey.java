package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A credential for a provider. The value is write-only: only {@code keyRedacted} is ever read back. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderKey(
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
        String keyRedacted,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastUsed) {
}
