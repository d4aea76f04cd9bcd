package dev.switchboard.viewmodel.chat;

import dev.switchboard.api.TokenUsage;
import dev.switchboard.client.Completion;
import dev.switchboard.client.GatewayTrace;
import dev.switchboard.client.StreamResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one reply cost: time to first token (null when not streamed or no text came), total time,
 * tokens (null when the model reported no usage), and the gateway's trace headers.
 */
public record ReplyMetrics(Duration timeToFirstToken, Duration total, TokenUsage usage, String requestId,
                           int attempts, String model) {

    public static ReplyMetrics of(StreamResult r) {
        GatewayTrace t = r.trace();
        return new ReplyMetrics(r.timeToFirstText(), r.elapsed(), r.usage(), t == null ? null : t.requestId(),
                t == null ? 0 : t.attempts(), t == null ? null : t.model());
    }

    public static ReplyMetrics of(Completion c) {
        GatewayTrace t = c.trace();
        return new ReplyMetrics(null, c.latency(), c.usage(), t == null ? null : t.requestId(),
                t == null ? 0 : t.attempts(), t == null ? null : t.model());
    }

    /**
     * Output tokens per second while generating: counted from the first token when streamed, else over
     * the whole call; null without usage or time.
     */
    public Double tokensPerSecond() {
        if (usage == null || usage.outputTokens() <= 0 || total == null) {
            return null;
        }
        Duration generating = timeToFirstToken != null ? total.minus(timeToFirstToken) : total;
        if (generating.isNegative() || generating.isZero()) {
            generating = total;
        }
        double seconds = generating.toNanos() / 1e9;
        return seconds <= 0 ? null : usage.outputTokens() / seconds;
    }

    /** The timings and token counts only (the model and request id left out), for a column's header. */
    public String timings() {
        List<String> parts = new ArrayList<>();
        if (timeToFirstToken != null) {
            parts.add("first token " + human(timeToFirstToken));
        }
        Double tps = tokensPerSecond();
        if (tps != null) {
            parts.add(String.format(Locale.ROOT, "%.1f tok/s", tps));
        }
        if (total != null) {
            parts.add("total " + human(total));
        }
        if (usage != null) {
            parts.add(usage.inputTokens() + " in / " + usage.outputTokens() + " out");
        }
        return String.join(" · ", parts);
    }

    /** One line for under the reply, e.g. {@code first token 120 ms · 42.0 tok/s · 1.20 s · 12 in / 50 out · p:m · 1 attempt · rq_…}. */
    public String summary() {
        return summary(null);
    }

    /** The timings and the trace, leaving the model out when it is {@code asked} (the reply's own heading names it). */
    public String summary(String asked) {
        List<String> parts = new ArrayList<>();
        String timings = timings();
        if (!timings.isEmpty()) {
            parts.add(timings);
        }
        String trace = trace(asked);
        if (!trace.isEmpty()) {
            parts.add(trace);
        }
        return String.join(" · ", parts);
    }

    /** What identifies the call: the model that answered (when not {@code asked}), the attempts, the request id. */
    public String trace(String asked) {
        List<String> parts = new ArrayList<>();
        if (model != null && !model.equals(asked)) {
            parts.add(model);
        }
        if (attempts > 0) {
            parts.add(attempts == 1 ? "1 attempt" : attempts + " attempts");
        }
        if (requestId != null) {
            parts.add(requestId);
        }
        return String.join(" · ", parts);
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }
}
