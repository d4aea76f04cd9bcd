package dev.switchboard.api;

import java.util.List;

/** {@code {"allow": [...]}}: exact strings; an empty list allows nothing. */
public record AllowList(List<String> allow) {
}
