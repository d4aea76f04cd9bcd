package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.RouterStep;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** One step of a rule: its keys in failover order. Type and strategy are kept as loaded. */
public final class RouteStepDraft {
    private final String type;
    private final String keySelectionStrategy;
    private final ObservableList<RouteKeyDraft> keys = FXCollections.observableArrayList();

    RouteStepDraft(String type, String keySelectionStrategy, List<RouteKeyDraft> initial) {
        this.type = type;
        this.keySelectionStrategy = keySelectionStrategy;
        keys.setAll(initial);
    }

    static RouteStepDraft ordered() {
        return new RouteStepDraft(RouterStep.TYPE_USER, RouterStep.ORDERED, List.of());
    }

    static RouteStepDraft of(RouterStep step) {
        List<RouteKeyDraft> k = step.keys() == null ? List.of() : step.keys().stream().map(RouteKeyDraft::of).toList();
        return new RouteStepDraft(step.type(), step.keySelectionStrategy(), k);
    }

    public String type() {
        return type;
    }

    public String keySelectionStrategy() {
        return keySelectionStrategy;
    }

    /** The keys in the order they are tried. */
    public ObservableList<RouteKeyDraft> keys() {
        return keys;
    }

    public void moveUp(int index) {
        move(index, index - 1);
    }

    public void moveDown(int index) {
        move(index, index + 1);
    }

    /** Moves one key (drag and drop, or up/down); out-of-range moves are ignored. */
    public void move(int from, int to) {
        if (from < 0 || from >= keys.size() || to < 0 || to >= keys.size() || from == to) {
            return;
        }
        RouteKeyDraft k = keys.get(from);
        List<RouteKeyDraft> copy = new java.util.ArrayList<>(keys);
        copy.remove(from);
        copy.add(to, k);
        keys.setAll(copy);
    }

    RouterStep toStep(boolean redactValues) {
        return new RouterStep(type, keys.stream().map(k -> k.toStepKey(redactValues)).toList(), keySelectionStrategy);
    }
}
