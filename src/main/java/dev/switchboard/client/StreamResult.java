package dev.switchboard.client;

import dev.switchboard.api.TokenUsage;
import java.time.Duration;

/**
 * How a stream ended (or where it stood when it failed): the accumulated {@code text}, {@code usage}
 * and {@code stopReason} when the stream reported them (else null), the trace headers (null when no
 * answer arrived), time to the first event and to the first text (null when none came), the total
 * time and the number of events.
 */
public record StreamResult(Surface surface, Outcome outcome, String text, TokenUsage usage, String stopReason,
                           GatewayTrace trace, Duration timeToFirstEvent, Duration timeToFirstText,
                           Duration elapsed, int eventCount) {

    public enum Outcome {
        /** The model finished (the surface's end event arrived). */
        COMPLETED,
        /** The caller cancelled the stream. */
        CANCELLED,
        /** The stream failed; see the {@link GatewayException} delivered with it. */
        FAILED
    }

    public boolean isCompleted() {
        return outcome == Outcome.COMPLETED;
    }
}
