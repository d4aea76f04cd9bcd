package dev.switchboard.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** An allowlist plus routing, shared by any number of access keys. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessKeyConfiguration(
        String id,
        String uri,
        Instant createdAt,
        Instant updatedAt,
        Ref createdBy,
        Ref lastUpdatedBy,
        String description,
        String metadata,
        String name,
        Access access,
        Router router) {
}
