package dev.switchboard.diagnose;

/** Hears a diagnosis as it runs, on the diagnosing thread: each step as it starts and as it ends. */
public interface DiagnosisListener {
    DiagnosisListener NONE = result -> { };

    default void started(StepId step) {
    }

    void finished(StepResult result);
}
