package dev.switchboard.viewmodel.transfer;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.transfer.Applier;
import dev.switchboard.transfer.ApplyReport;
import dev.switchboard.transfer.Change;
import dev.switchboard.transfer.ConfigFile;
import dev.switchboard.transfer.GatewaySnapshot;
import dev.switchboard.transfer.LocalProviders;
import dev.switchboard.transfer.Plan;
import dev.switchboard.transfer.Planner;
import dev.switchboard.transfer.SecretSource;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.accesskeys.LineDiff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The plan-and-apply part of the Import and "Copy to another gateway" dialogs: the plan as a list of changes
 * with a line diff of the selected one, inputs that change the plan (prune, missing key values, internal
 * URLs of local providers), then applying it off the FX thread with progress, and a summary.
 */
public final class TransferViewModel {
    public enum Phase { INPUT, WORKING, REVIEW, APPLYING, DONE }

    private final BackgroundTasks tasks;
    private final Executor ui;
    private final ObjectProperty<Phase> phase = new SimpleObjectProperty<>(this, "phase", Phase.INPUT);
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final BooleanProperty failed = new SimpleBooleanProperty(this, "failed", false);
    private final BooleanProperty prune = new SimpleBooleanProperty(this, "prune", false);
    private final ObservableList<Change> changes = FXCollections.observableArrayList();
    private final ObjectProperty<Change> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<LineDiff.Line> diff = FXCollections.observableArrayList();
    private final StringProperty planSummary = new SimpleStringProperty(this, "planSummary", "");
    private final ObservableList<SecretInput> missingSecrets = FXCollections.observableArrayList();
    private final ObservableList<InternalUrlInput> localProviders = FXCollections.observableArrayList();
    private final ObservableList<String> notes = FXCollections.observableArrayList();
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final StringProperty ngrokCommands = new SimpleStringProperty(this, "ngrokCommands", "");
    private final BooleanBinding canApply;

    private ConfigFile wanted;
    private GatewaySnapshot target;
    private GatewayClient targetClient;
    private SecretSource knownSecrets = SecretSource.none();
    private Plan plan;
    private List<LocalProviders.Rewrite> rewrites = List.of();

    public TransferViewModel(BackgroundTasks tasks, Executor ui) {
        this.tasks = tasks;
        this.ui = ui;
        this.canApply = Bindings.createBooleanBinding(() -> phase.get() == Phase.REVIEW && !failed.get()
                && changes.stream().anyMatch(Change::writes), phase, failed, changes);
        prune.addListener((obs, o, n) -> replan());
        selected.addListener((obs, o, n) -> diff.setAll(n == null ? List.of() : LineDiff.of(n.beforeText(),
                n.afterText())));
    }

    /**
     * The plan's inputs, read off the FX thread: what is wanted, the target's state and a client for it, and
     * values known for keys (e.g. from the embedded store); the plan is then made and shown.
     */
    void review(ConfigFile wantedFile, GatewaySnapshot targetState, GatewayClient client, SecretSource secrets) {
        this.wanted = wantedFile;
        this.target = targetState;
        this.targetClient = client;
        this.knownSecrets = secrets;
        localProviders.clear();
        missingSecrets.clear();
        this.plan = null;
        phase.set(Phase.REVIEW);
        replan();
        if (plan != null) {
            plan.missingSecrets().forEach(label -> missingSecrets.add(watched(new SecretInput(label))));
        }
    }

    /** Like {@link #review}, and asks for an internal URL for each local provider (copy to another gateway). */
    void reviewCopy(ConfigFile wantedFile, GatewaySnapshot targetState, GatewayClient client, SecretSource secrets) {
        review(wantedFile, targetState, client, secrets);
        wantedFile.providers().stream().filter(p -> LocalProviders.isLocal(p.baseUrl())).forEach(p -> {
            InternalUrlInput input = new InternalUrlInput(p.providerId(), p.baseUrl());
            input.internalUrlProperty().addListener((obs, o, n) -> replan());
            localProviders.add(input);
        });
        replan();
    }

    private SecretInput watched(SecretInput input) {
        input.valueProperty().addListener((obs, o, n) -> replan());
        return input;
    }

    /** Makes the plan again from the inputs as they are now; pure computation, no I/O. */
    void replan() {
        if (wanted == null || target == null || phase.get() != Phase.REVIEW) {
            return;
        }
        try {
            Map<String, String> mappings = new LinkedHashMap<>();
            for (InternalUrlInput input : localProviders) {
                if (!input.valid()) {
                    showPlanProblem("The internal URL of " + input.providerId() + " is not usable.");
                    return;
                }
                if (input.mapping() != null) {
                    mappings.put(input.providerId(), input.mapping());
                }
            }
            LocalProviders.Result rewritten = LocalProviders.rewrite(wanted, mappings);
            Map<String, String> typed = new HashMap<>();
            missingSecrets.stream().filter(SecretInput::isSet).forEach(s -> typed.put(s.label(), s.valueProperty().get()));
            plan = Planner.plan(rewritten.file(), target, SecretSource.of(typed).or(knownSecrets), prune.get());
            rewrites = rewritten.rewrites();
            Change keep = selected.get();
            changes.setAll(plan.writes());
            selected.set(changes.stream().filter(c -> keep != null && c.describe().equals(keep.describe()))
                    .findFirst().orElse(changes.isEmpty() ? null : changes.get(0)));
            notes.setAll(plan.notes().stream().distinct().toList());
            planSummary.set(plan.isEmpty() ? "Nothing to do: the gateway already matches (" + plan.summary() + ")."
                    : "The plan: " + plan.summary() + ".");
            failed.set(false);
            status.set(plan.missingSecrets().isEmpty() ? "" : "No value yet for " + String.join(", ",
                    plan.missingSecrets()) + ": type it below, or add the key later and run this again.");
        } catch (IllegalArgumentException | IllegalStateException e) {
            showPlanProblem(e.getMessage());
        }
    }

    private void showPlanProblem(String message) {
        plan = null;
        changes.clear();
        failed.set(true);
        status.set(message);
    }

    /** Applies the plan in the background, with progress; ends with a summary. */
    public void apply() {
        if (!canApply.get()) {
            return;
        }
        Plan toApply = plan;
        GatewayClient client = targetClient;
        phase.set(Phase.APPLYING);
        progress.set(0);
        tasks.run(() -> Applier.apply(toApply, client, (done, total, next) -> ui.execute(() -> {
            progress.set(total == 0 ? 1 : (double) done / total);
            if (next != null) {
                status.set("Applying " + (done + 1) + " of " + total + ": " + next.describe() + "…");
            }
        })), report -> finished(toApply, report), e -> {
            phase.set(Phase.DONE);
            failed.set(true);
            status.set("Could not apply the plan: " + e.getMessage());
            summary.set("Nothing more was applied after the error above.");
        });
    }

    private void finished(Plan applied, ApplyReport report) {
        List<String> lines = new ArrayList<>(report.lines());
        if (report.succeeded()) {
            report.applied().forEach(c -> lines.add("  applied:     " + c.describe()));
        } else {
            lines.add(1, "");
        }
        if (!applied.missingSecrets().isEmpty()) {
            lines.add("Still to be set: " + String.join(", ", applied.missingSecrets())
                    + " (add each key with its value, then run this again).");
        }
        summary.set(String.join("\n", lines));
        ngrokCommands.set(String.join("\n", rewrites.stream().map(LocalProviders.Rewrite::ngrokCommand).toList()));
        failed.set(!report.succeeded());
        status.set(report.succeeded() ? "Done." : "Stopped at an error: " + report.failed().describe() + ".");
        progress.set(1);
        phase.set(Phase.DONE);
    }

    void working(String message) {
        phase.set(Phase.WORKING);
        failed.set(false);
        status.set(message);
    }

    void failedBeforeReview(String message) {
        phase.set(Phase.INPUT);
        failed.set(true);
        status.set(message);
    }

    BackgroundTasks tasks() {
        return tasks;
    }

    public ObjectProperty<Phase> phaseProperty() {
        return phase;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty failedProperty() {
        return failed;
    }

    public BooleanProperty pruneProperty() {
        return prune;
    }

    public ObservableList<Change> changes() {
        return changes;
    }

    public ObjectProperty<Change> selectedProperty() {
        return selected;
    }

    public ObservableList<LineDiff.Line> diff() {
        return diff;
    }

    public StringProperty planSummaryProperty() {
        return planSummary;
    }

    public ObservableList<SecretInput> missingSecrets() {
        return missingSecrets;
    }

    public ObservableList<InternalUrlInput> localProviders() {
        return localProviders;
    }

    public ObservableList<String> notes() {
        return notes;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty ngrokCommandsProperty() {
        return ngrokCommands;
    }

    public BooleanBinding canApplyProperty() {
        return canApply;
    }
}
