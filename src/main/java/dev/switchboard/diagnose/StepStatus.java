package dev.switchboard.diagnose;

/** How a step came out. */
public enum StepStatus {
    PASSED("passed"),
    FAILED("failed"),
    /** The step could not be checked: an earlier step failed, or the fact is not visible from here. */
    NOT_CHECKED("not checked");

    private final String label;

    StepStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
