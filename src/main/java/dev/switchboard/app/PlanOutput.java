package dev.switchboard.app;

import dev.switchboard.transfer.Applier;
import dev.switchboard.transfer.ApplyReport;
import dev.switchboard.transfer.Change;
import dev.switchboard.transfer.Plan;
import dev.switchboard.viewmodel.accesskeys.LineDiff;
import java.io.PrintStream;

/** Prints a plan (what changes, with the changed lines of each update) and an apply's progress and report. */
final class PlanOutput {
    private PlanOutput() {
    }

    static void print(Plan plan, String target, PrintStream out) {
        out.println("Plan for " + target + ": " + plan.summary() + ".");
        for (Change c : plan.changes()) {
            if (!c.writes()) {
                continue;
            }
            out.println("  " + sign(c.action()) + " " + c.describe());
            if (c.action() == Change.Action.UPDATE) {
                for (LineDiff.Line line : LineDiff.of(c.beforeText(), c.afterText())) {
                    if (line.kind() != LineDiff.Kind.SAME) {
                        out.println("      " + line.render());
                    }
                }
            }
        }
        if (!plan.missingSecrets().isEmpty()) {
            out.println("Still to be set (no value in the file and not on the gateway): "
                    + String.join(", ", plan.missingSecrets()));
            out.println("  Add each key with its value (the console's Provider keys page, or POST /provider-keys),"
                    + " then run this again.");
        }
        plan.notes().stream().distinct().forEach(n -> out.println("Note: " + n));
        out.flush();
    }

    static Applier.Progress progress(PrintStream out) {
        return (done, total, next) -> {
            if (next != null) {
                out.println("[" + (done + 1) + "/" + total + "] " + next.describe());
                out.flush();
            }
        };
    }

    static void print(ApplyReport report, PrintStream out) {
        report.lines().forEach(out::println);
        out.flush();
    }

    private static String sign(Change.Action action) {
        return switch (action) {
            case CREATE -> "+";
            case UPDATE -> "~";
            case DELETE -> "-";
            case UNCHANGED -> "=";
        };
    }
}
