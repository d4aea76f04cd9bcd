package dev.switchboard.api;

import java.time.Instant;

/** An allowlist plus routing, shared by any number of access keys. */
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
