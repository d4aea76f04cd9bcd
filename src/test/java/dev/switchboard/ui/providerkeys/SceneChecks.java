package dev.switchboard.ui.providerkeys;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Cell;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import javafx.stage.Window;

/** Reads what a person could see in the scene graph: every text shown, and labels cut short with an ellipsis. */
final class SceneChecks {
    private SceneChecks() {
    }

    /** Every text of every open window: labels, buttons, fields, Text nodes, tooltips. */
    static List<String> allTexts() {
        List<String> texts = new ArrayList<>();
        for (Window w : List.copyOf(Window.getWindows())) {
            if (w.getScene() != null) {
                collect(w.getScene().getRoot(), texts);
            }
        }
        return texts;
    }

    private static void collect(Node node, List<String> texts) {
        if (node instanceof Labeled l) {
            texts.add(l.getText());
            add(l.getTooltip(), texts);
        }
        if (node instanceof TextInputControl t) {
            texts.add(t.getText());
            texts.add(t.getPromptText());
        }
        if (node instanceof Text t) {
            texts.add(t.getText());
        }
        if (node instanceof javafx.scene.control.Control c) {
            add(c.getTooltip(), texts);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, texts);
            }
        }
    }

    private static void add(Tooltip tooltip, List<String> texts) {
        if (tooltip != null) {
            texts.add(tooltip.getText());
        }
    }

    /**
     * The visible labels, buttons, tabs and column headers under {@code root} whose text is shown cut short
     * (the skin's text ends in an ellipsis the label's own text does not have). Table and list cells hold
     * data, not labels, and are skipped.
     */
    static List<String> truncated(Node root) {
        List<String> cut = new ArrayList<>();
        walk(root, cut);
        return cut;
    }

    private static void walk(Node node, List<String> cut) {
        if (!node.isVisible() || node instanceof Cell<?>) {
            return;
        }
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            String full = l.getText().replace("_", "");
            for (Node child : l.getChildrenUnmodifiable()) {
                if (child instanceof Text shown && child.isVisible() && !shown.getText().equals(full)
                        && (shown.getText().endsWith(l.getEllipsisString()) || shown.getText().endsWith("…"))) {
                    cut.add(l.getClass().getSimpleName() + " '" + full + "' shown as '" + shown.getText() + "'");
                }
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, cut);
            }
        }
    }
}
