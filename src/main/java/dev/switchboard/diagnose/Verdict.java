package dev.switchboard.diagnose;

import java.util.List;

/** The one sentence a diagnosis ends with, built from the first failed step (or the working call). */
final class Verdict {
    private Verdict() {
    }

    static String of(DiagnosisRequest request, List<StepResult> steps) {
        String model = request.model().toString();
        for (StepResult s : steps) {
            if (s.failed()) {
                return model + " fails because " + lowerFirst(s.summary()) + "."
                        + (s.action() != null ? " " + s.action().label() : "");
            }
        }
        StepResult call = steps.get(steps.size() - 1);
        if (call.status() == StepStatus.PASSED) {
            return model + " works: " + lowerFirst(call.summary()) + ".";
        }
        return model + " passes every step that could be checked; " + lowerFirst(call.summary()) + ".";
    }

    /** "The key…" becomes "the key…"; an id or a name in capitals is left as it is. */
    static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0))
                && (Character.isLowerCase(s.charAt(1)) || s.charAt(1) == ' ')) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }
}
