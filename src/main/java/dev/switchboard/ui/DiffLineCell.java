package dev.switchboard.ui;

import dev.switchboard.viewmodel.accesskeys.LineDiff;
import java.util.Objects;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;

/** One line of a before/after diff: added, removed or the same, styled {@code diff-added} / {@code diff-removed}. */
public final class DiffLineCell extends ListCell<LineDiff.Line> {
    static final String STYLESHEET = "/dev/switchboard/ui/diff.css";

    /** Shows {@code list}'s lines as a diff: these cells, monospace, added and removed lines coloured (diff.css). */
    public static void install(ListView<LineDiff.Line> list) {
        list.setCellFactory(l -> new DiffLineCell());
        list.getStyleClass().add("diff-view");
        list.getStylesheets().add(Objects.requireNonNull(DiffLineCell.class.getResource(STYLESHEET)).toExternalForm());
    }

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
