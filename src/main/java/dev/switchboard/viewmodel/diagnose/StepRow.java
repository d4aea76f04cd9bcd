package dev.switchboard.viewmodel.diagnose;

import dev.switchboard.diagnose.Action;
import dev.switchboard.diagnose.StepId;
import dev.switchboard.diagnose.StepResult;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One step of the Diagnose view as it fills in: waiting, running, then its result. Changed on the UI thread. */
public final class StepRow {
    /** Where the step is: the engine's three outcomes plus the two states before one. */
    public enum State { WAITING, RUNNING, PASSED, FAILED, NOT_CHECKED }

    private final StepId step;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.WAITING);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ObservableList<String> evidence = FXCollections.observableArrayList();
    // one wrapper for every caller: it holds its listeners' link to the list only weakly, so a wrapper made per
    // call was collected with them and the step card missed the evidence after a GC
    private final ObservableList<String> evidenceView = FXCollections.unmodifiableObservableList(evidence);
    private final ReadOnlyObjectWrapper<Action> action = new ReadOnlyObjectWrapper<>(this, "action");

    StepRow(StepId step) {
        this.step = step;
    }

    public StepId step() {
        return step;
    }

    /** "2. Provider, model and access". */
    public String title() {
        return step.number() + ". " + step.title();
    }

    void reset() {
        state.set(State.WAITING);
        summary.set("");
        evidence.clear();
        action.set(null);
    }

    void running() {
        state.set(State.RUNNING);
        summary.set("Checking…");
    }

    void finish(StepResult result) {
        summary.set(result.summary() + ".");
        evidence.setAll(result.evidence());
        action.set(result.action());
        state.set(switch (result.status()) {
            case PASSED -> State.PASSED;
            case FAILED -> State.FAILED;
            case NOT_CHECKED -> State.NOT_CHECKED;
        });
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ObservableList<String> evidence() {
        return evidenceView;
    }

    public ReadOnlyObjectProperty<Action> actionProperty() {
        return action.getReadOnlyProperty();
    }
}
