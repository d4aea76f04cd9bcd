package dev.switchboard.diagnose;

import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.UsageEvent;
import dev.switchboard.client.Completion;
import dev.switchboard.client.GatewayException;
import dev.switchboard.client.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step 7: one real one-token call through the gateway on the chosen surface: its status, request id,
 * attempts, the upstream's own answer, and the request's rows in the log.
 */
final class CallCheck {
    private static final int MAX_TEXT = 200;
    private static final Duration LOG_WAIT = Duration.ofSeconds(3);

    private CallCheck() {
    }

    static StepResult run(Facts f) {
        if (f.request.token() == null) {
            return StepResult.notChecked(StepId.CALL, "Not checked: no token for this key (a token is shown only when"
                    + " the key is made; keep it in the console or pass --token)", List.of());
        }
        ChatRequest ask = ChatRequest.builder(f.model().toString()).user("Reply with the word OK.").maxTokens(1).build();
        String surface = f.request.surface().apiName();
        Instant start = Instant.now().minusSeconds(1);
        List<String> evidence = new ArrayList<>();
        try {
            Completion answer = f.client.complete(f.request.token(), f.request.surface(), ask);
            String requestId = answer.trace().requestId();
            evidence.add("POST /v1/" + f.request.surface().path() + ": HTTP 200 in " + ServerChecks.ms(answer.latency()));
            evidence.add("Ngrok-AIG-Request-Id: " + requestId + "; attempts: " + answer.trace().attempts()
                    + "; answered by " + answer.trace().model());
            evidence.add("The model said: \"" + clip(answer.text()) + "\"");
            logRows(f, requestId, start, evidence);
            return StepResult.passed(StepId.CALL, "A one-token call on " + surface + " works (HTTP 200, request "
                    + requestId + ")", evidence);
        } catch (GatewayException e) {
            String requestId = e.requestId().orElse(null);
            evidence.add("POST /v1/" + f.request.surface().path() + ": HTTP " + e.status()
                    + e.errorCode().map(c -> " " + c).orElse(""));
            if (requestId != null) {
                evidence.add("Ngrok-AIG-Request-Id: " + requestId);
            }
            evidence.add("The gateway answered: \"" + clip(e.getMessage()) + "\"");
            List<UsageEvent> rows = e.status() == 401 ? List.of() : logRows(f, requestId, start, evidence);
            long attempts = rows.stream().filter(r -> r.attemptNumber() > 0).count();
            boolean upstreamSaid = attempts > 0 && rows.get(rows.size() - 1).statusCode() == e.status();
            String code = e.errorCode().map(c -> " " + c).orElse("");
            String what = e.status() == 0 ? "the call did not reach the gateway: " + clip(e.getMessage())
                    : upstreamSaid ? "the model server answered HTTP " + e.status() + " (" + attempts + " attempt"
                    + (attempts == 1 ? "" : "s") + "): " + clip(e.getMessage())
                    : "the gateway answered HTTP " + e.status() + code
                    + (attempts > 0 ? " after " + attempts + " upstream attempt" + (attempts == 1 ? "" : "s") : "")
                    + ": " + clip(e.getMessage());
            return StepResult.failed(StepId.CALL, "A one-token call on " + surface + " fails: " + what, evidence,
                    new Action(Action.Target.LOGS, "Open Logs…", requestId));
        }
    }

    /** Adds the request's log rows to the evidence (waiting briefly for the log's writer) and returns them. */
    private static List<UsageEvent> logRows(Facts f, String requestId, Instant start, List<String> evidence) {
        if (requestId == null || (f.keyId == null && !f.tokenAccepted)) {
            return List.of();
        }
        Usage.Query query = Usage.Query.recent().withStartTime(start).withRetries(true).withLimit(100);
        if (f.keyId != null) {
            query = query.withAccessKeyId(f.keyId);
        }
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        List<UsageEvent> rows = List.of();
        try {
            while (true) {
                rows = f.client.usage().page(query).items().stream().map(UsageEvent::of)
                        .filter(e -> requestId.equals(e.requestId()))
                        .sorted(Comparator.comparingInt(UsageEvent::attemptNumber)).toList();
                if (rows.stream().anyMatch(UsageEvent::isFinalAttempt) || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(100);
            }
        } catch (GatewayException e) {
            evidence.add("The request log could not be read: " + e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        if (rows.isEmpty()) {
            evidence.add("Log: no row for " + requestId + " yet");
        }
        for (UsageEvent row : rows) {
            evidence.add("Log: attempt " + row.attemptNumber() + (row.isFinalAttempt() ? " (final)" : "") + ", "
                    + row.modelRef() + ", status " + row.statusCode() + (row.timedOut() ? ", timed out" : "")
                    + (row.providerKeyId() != null ? ", provider key " + row.providerKeyId() : ""));
        }
        return rows;
    }

    private static String clip(String text) {
        String s = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
