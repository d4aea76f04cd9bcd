package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A data-plane credential. {@code token} is present only in the create response;
 * {@code accessKeyConfiguration} null means the key has none, and so calls no custom provider.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessKey(
        String id,
        String uri,
        Instant createdAt,
        Instant updatedAt,
        Ref createdBy,
        Ref lastUpdatedBy,
        String description,
        String metadata,
        String name,
        String token,
        String keyRedacted,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant lastUsed,
        @JsonInclude(JsonInclude.Include.ALWAYS) Ref accessKeyConfiguration) {

    @Override
    public String toString() {
        return "AccessKey[id=" + id + ", name=" + name + ", keyRedacted=" + keyRedacted
                + (token != null ? ", token=<hidden>" : "") + "]";
    }
}
