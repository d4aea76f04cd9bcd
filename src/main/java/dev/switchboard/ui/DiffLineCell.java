package dev.switchboard.ui;

import dev.switchboard.viewmodel.accesskeys.LineDiff;
import javafx.scene.control.ListCell;

/** One line of a before/after diff: added, removed or the same, styled {@code diff-added} / {@code diff-removed}. */
public final class DiffLineCell extends ListCell<LineDiff.Line> {
    @Override
    protected void updateItem(LineDiff.Line line, boolean empty) {
        super.updateItem(line, empty);
        getStyleClass().removeAll("diff-added", "diff-removed");
        if (empty || line == null) {
            setText(null);
            return;
        }
        setText(line.render());
        if (line.kind() == LineDiff.Kind.ADDED) {
            getStyleClass().add("diff-added");
        } else if (line.kind() == LineDiff.Kind.REMOVED) {
            getStyleClass().add("diff-removed");
        }
    }
}
