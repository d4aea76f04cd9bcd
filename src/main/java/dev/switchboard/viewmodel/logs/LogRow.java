package dev.switchboard.viewmodel.logs;

import dev.switchboard.api.UsageEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * One request in the Logs table: what its last attempt ended with, and every attempt for the
 * detail pane.
 */
public record LogRow(String requestId, Instant time, String accessKeyId, String keyName, String provider,
                     String modelRef, int status, int attempts, long latencyMs, Long ttftMs, Long inputTokens,
                     Long outputTokens, boolean streaming, boolean error, String errorText, List<UsageEvent> events,
                     boolean stopped) {
    /** What the gateway writes when the client hung up mid-answer (until the log says so in a field of its own). */
    static final String CLIENT_WENT_AWAY = "client went away";

    /** Builds the row from all the events of one request seen so far (any order). */
    static LogRow of(List<UsageEvent> events, String keyName) {
        List<UsageEvent> sorted = events.stream().sorted(Comparator.comparingInt(UsageEvent::attemptNumber)).toList();
        UsageEvent last = sorted.get(sorted.size() - 1);
        UsageEvent first = sorted.get(0);
        long total = sorted.stream().mapToLong(UsageEvent::latencyMs).sum();
        boolean stopped = stoppedByClient(last);
        return new LogRow(last.requestId(), first.eventTime(), last.accessKeyId(), keyName, last.provider(),
                last.modelRef(), last.statusCode(), Math.max(1, last.attemptNumber()), total, last.ttftMs(),
                last.inputTokens(), last.outputTokens(), last.isStreaming(), last.isError() && !stopped, last.error(),
                List.copyOf(sorted), stopped);
    }

    /** A request the client stopped (Stop in Chat, a closed app) is neither a success nor the server's error. */
    static boolean stoppedByClient(UsageEvent e) {
        return e.stopped() || (e.error() != null && e.error().startsWith(CLIENT_WENT_AWAY));
    }

    /** {@code 200}, or what stood in for a status: {@code stopped}, {@code timeout}, {@code no answer}. */
    public String statusText() {
        if (stopped) {
            return "stopped";
        }
        if (status > 0) {
            return Integer.toString(status);
        }
        return events.get(events.size() - 1).timedOut() ? "timeout" : "no answer";
    }

    public String tokensText() {
        if (inputTokens == null && outputTokens == null) {
            return "";
        }
        return (inputTokens == null ? "?" : inputTokens) + " → " + (outputTokens == null ? "?" : outputTokens);
    }

    /** 2, 4 or 5 for 2xx/4xx/5xx; 5 for an attempt that got no status at all. */
    public int statusClass() {
        return status <= 0 ? 5 : status / 100;
    }
}
