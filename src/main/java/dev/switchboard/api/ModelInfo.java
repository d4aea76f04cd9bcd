package dev.switchboard.api;

/** One entry of {@code GET /v1/models}: {@code id} is the {@code provider:model} a key may call. */
public record ModelInfo(String id, String ownedBy) {
}
