package dev.switchboard.diagnose;

import java.util.List;

/**
 * One step's outcome: a plain {@code summary} (one sentence without its final period), the {@code evidence} behind it (rules quoted,
 * timings, the server's own words; never a secret), and an {@code action} when it failed (else null).
 */
public record StepResult(StepId step, StepStatus status, String summary, List<String> evidence, Action action) {
    public StepResult {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        summary = summary.endsWith(".") ? summary.substring(0, summary.length() - 1) : summary;
    }

    static StepResult passed(StepId step, String summary, List<String> evidence) {
        return new StepResult(step, StepStatus.PASSED, summary, evidence, null);
    }

    static StepResult failed(StepId step, String summary, List<String> evidence, Action action) {
        return new StepResult(step, StepStatus.FAILED, summary, evidence, action);
    }

    static StepResult notChecked(StepId step, String summary, List<String> evidence) {
        return new StepResult(step, StepStatus.NOT_CHECKED, summary, evidence, null);
    }

    public boolean failed() {
        return status == StepStatus.FAILED;
    }
}
