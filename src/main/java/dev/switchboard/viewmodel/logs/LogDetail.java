package dev.switchboard.viewmodel.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.api.Json;
import dev.switchboard.api.UsageEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * One request as the detail pane shows it: a few facts in words, one line per attempt (failover,
 * provider key by name, translation), and the raw log events as JSON one click away.
 */
public record LogDetail(String title, List<Fact> facts, List<Attempt> attempts, String rawJson) {

    public record Fact(String label, String value) {
    }

    /** One try at one provider: which, how it ended, how long, with which key. */
    public record Attempt(String number, String model, String outcome, String timing, String key, String note) {
    }

    static LogDetail of(LogRow row, UnaryOperator<String> providerKeyName) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Status", row.stopped() ? "stopped by the client" + (row.status() > 0 ? " (after HTTP " + row.status() + ")" : "")
                : row.error() ? row.statusText() + " — " + Objects.requireNonNullElse(row.errorText(), "failed") : row.statusText()));
        facts.add(new Fact("Model", row.modelRef()));
        facts.add(new Fact("Access key", row.keyName() != null ? row.keyName() : row.accessKeyId() != null ? row.accessKeyId() : "—"));
        facts.add(new Fact("Latency", row.latencyMs() + " ms" + (row.ttftMs() == null ? "" : ", first token after " + row.ttftMs() + " ms")));
        facts.add(new Fact("Tokens", row.tokensText().isEmpty() ? "not reported" : row.tokensText() + " (in → out)"));
        facts.add(new Fact("Streaming", row.streaming() ? "yes" : "no"));
        UsageEvent last = row.events().get(row.events().size() - 1);
        facts.add(new Fact("Translation", Objects.equals(last.surface(), last.clientSurface()) || last.clientSurface() == null
                ? "none (" + last.surface() + ")" : last.clientSurface() + " → " + last.surface()));
        List<Attempt> attempts = new ArrayList<>();
        for (UsageEvent e : row.events()) {
            String outcome = LogRow.stoppedByClient(e) ? "stopped" : e.statusCode() > 0 ? "HTTP " + e.statusCode()
                    : e.timedOut() ? "timed out" : "no answer";
            String key = e.providerKeyId() == null ? "no provider key" : "key " + providerKeyName.apply(e.providerKeyId());
            String note = e.error() != null ? e.error() : e.droppedParams().isEmpty() ? "" : "dropped " + String.join(", ", e.droppedParams());
            attempts.add(new Attempt(e.attemptNumber() == 0 ? "—" : String.valueOf(e.attemptNumber()), e.modelRef(), outcome,
                    e.latencyMs() + " ms", key, note));
        }
        return new LogDetail("Request " + row.requestId(), facts, attempts, json(row.events()));
    }

    private static String json(List<UsageEvent> events) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(events);
        } catch (JsonProcessingException e) {
            return String.join("\n", events.stream().map(Object::toString).toList());
        }
    }

    /** Every attempt of a request, field by field, in words. */
    static List<String> lines(LogRow row) {
        List<String> lines = new ArrayList<>();
        if (row == null) {
            return lines;
        }
        lines.add("Request " + row.requestId());
        for (UsageEvent e : row.events()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("attempt", e.attemptNumber() == 0 ? "refused before any attempt" : e.attemptNumber()
                    + (e.isFinalAttempt() ? " (final)" : ""));
            f.put("time", e.eventTime());
            f.put("model", e.modelRef());
            f.put("surface", Objects.equals(e.surface(), e.clientSurface()) ? e.surface()
                    : e.clientSurface() + " → " + e.surface() + " (translated)");
            f.put("status", LogRow.stoppedByClient(e) ? "stopped" : e.statusCode() == 0 ? (e.timedOut() ? "timed out" : "no answer")
                    : e.statusCode());
            f.put("stop reason", e.stopReason());
            f.put("error", e.error());
            f.put("latency", e.latencyMs() + " ms");
            f.put("time to first token", e.ttftMs() == null ? null : e.ttftMs() + " ms");
            f.put("tokens in/out", (e.inputTokens() == null ? "?" : e.inputTokens()) + " / "
                    + (e.outputTokens() == null ? "?" : e.outputTokens()));
            f.put("streaming", e.isStreaming());
            f.put("provider key", e.providerKeyId() == null ? "none" : e.providerKeyId() + " (" + e.keySource() + ")");
            f.put("dropped parameters", e.droppedParams().isEmpty() ? null : String.join(", ", e.droppedParams()));
            f.put("access key", e.accessKeyId());
            f.put("event id", e.id());
            lines.add("");
            f.forEach((k, v) -> {
                if (v != null) {
                    lines.add(k + ": " + v);
                }
            });
        }
        return lines;
    }
}
