package dev.switchboard.api;

/** A reference to another resource, as the API embeds it: {@code {id, uri}} and, where it has one, {@code name}. */
public record Ref(String id, String uri, String name) {
}
