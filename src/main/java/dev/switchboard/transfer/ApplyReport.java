package dev.switchboard.transfer;

import java.util.ArrayList;
import java.util.List;

/**
 * What applying a plan did: the changes applied, the one that failed (if any) with the gateway's
 * message, and those not tried after it.
 */
public record ApplyReport(List<Change> applied, Change failed, String failure, List<Change> notApplied) {
    public ApplyReport {
        applied = List.copyOf(applied);
        notApplied = List.copyOf(notApplied);
    }

    public boolean succeeded() {
        return failed == null;
    }

    /** Lines for a person: what was applied, what failed and why, what was not applied. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (succeeded()) {
            out.add(applied.isEmpty() ? "Nothing to do: the gateway already matches."
                    : "Applied all " + applied.size() + " change" + (applied.size() == 1 ? "" : "s") + ".");
        } else {
            int total = applied.size() + 1 + notApplied.size();
            out.add("Stopped after " + applied.size() + " of " + total + " changes: " + failed.describe()
                    + " failed: " + failure);
        }
        if (!succeeded()) {
            applied.forEach(c -> out.add("  applied:     " + c.describe()));
            out.add("  FAILED:      " + failed.describe());
            notApplied.forEach(c -> out.add("  not applied: " + c.describe()));
        }
        return out;
    }
}
