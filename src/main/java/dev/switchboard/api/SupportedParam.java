package dev.switchboard.api;

/** A request parameter a provider's surface understands, e.g. {@code temperature}. */
public record SupportedParam(String name) {
}
