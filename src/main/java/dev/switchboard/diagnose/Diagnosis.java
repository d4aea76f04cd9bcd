package dev.switchboard.diagnose;

import java.util.List;
import java.util.Optional;

/**
 * A finished diagnosis: every step in order, one plain {@code verdict} sentence, the action it points
 * to (null when the call works), and an offer to fix the provider's model list when step 6 found one.
 */
public record Diagnosis(DiagnosisRequest request, List<StepResult> steps, String verdict, Action action,
                        ModelListFix modelListFix) {
    public Diagnosis {
        steps = List.copyOf(steps);
    }

    /** True when no step failed and the real call (step 7) was made and worked. */
    public boolean works() {
        return steps.stream().noneMatch(StepResult::failed)
                && steps.stream().anyMatch(s -> s.step() == StepId.CALL && s.status() == StepStatus.PASSED);
    }

    public Optional<StepResult> firstFailure() {
        return steps.stream().filter(StepResult::failed).findFirst();
    }

    public StepResult step(StepId id) {
        return steps.stream().filter(s -> s.step() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + id));
    }
}
