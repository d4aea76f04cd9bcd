package dev.switchboard.client;

import java.time.Duration;

/**
 * One server-sent event of a model stream: its {@code name} ({@code message} when the server named
 * none), the raw {@code data} (JSON, or {@code [DONE]}), the text it adds for this surface ({@code ""}
 * when none) and when it arrived, counted from the start of the call.
 */
public record StreamEvent(String name, String data, String textDelta, Duration sinceStart) {
}
