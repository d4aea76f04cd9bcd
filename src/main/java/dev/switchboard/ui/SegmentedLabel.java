package dev.switchboard.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;

/**
 * Text that wraps only where an id or a metrics line may break: after {@code ·}, {@code :} and {@code -} (so
 * {@code provider:model} ids and {@code " · "}-joined timings break at their boundaries, never inside a name, a
 * number or {@code tok/s}); a path also after its separators. JavaFX's own wrapping cuts a token wider than the
 * line at any character and ignores zero-width break points, so each unbreakable piece is a label of its own,
 * laid out as a flow.
 */
public final class SegmentedLabel extends FlowPane {
    private static final String BREAK_AFTER = "·:-";

    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final String breakAfter;
    private final String[] pieceStyleClasses;

    /** @param pieceStyleClasses style classes of each piece (a label), e.g. its font and colour */
    public SegmentedLabel(String... pieceStyleClasses) {
        this(BREAK_AFTER, pieceStyleClasses);
    }

    private SegmentedLabel(String breakAfter, String[] pieceStyleClasses) {
        this.breakAfter = breakAfter;
        this.pieceStyleClasses = pieceStyleClasses;
        getStyleClass().add("segmented-label");
        setAlignment(Pos.CENTER_LEFT);
        setMinWidth(0);
        text.addListener((obs, o, n) -> show(n == null ? "" : n));
    }

    /** A file's path: breaks after its separators too. */
    public static SegmentedLabel path(String... pieceStyleClasses) {
        return new SegmentedLabel(BREAK_AFTER + "/\\", pieceStyleClasses);
    }

    public StringProperty textProperty() {
        return text;
    }

    public String getText() {
        return text.get();
    }

    public void setText(String value) {
        text.set(value);
    }

    /** Reuses the pieces already shown (a streamed reply's metrics change often), adding or dropping the rest. */
    private void show(String value) {
        List<String> texts = pieces(value, breakAfter);
        List<Node> shown = getChildren();
        if (shown.size() > texts.size()) {
            shown.subList(texts.size(), shown.size()).clear();
        }
        List<Label> added = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (i < shown.size()) {
                ((Label) shown.get(i)).setText(texts.get(i));
            } else {
                Label l = new Label(texts.get(i));
                l.setMinWidth(Label.USE_PREF_SIZE);
                l.getStyleClass().addAll(pieceStyleClasses);
                added.add(l);
            }
        }
        shown.addAll(added);
        setAccessibleText(value);
    }

    static List<String> pieces(String value) {
        return pieces(value, BREAK_AFTER);
    }

    /** {@code value} cut after each break character (spaces after it stay with it), so the pieces join back to it. */
    static List<String> pieces(String value, String breakAfter) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (breakAfter.indexOf(value.charAt(i)) >= 0) {
                int end = i + 1;
                while (end < value.length() && value.charAt(end) == ' ') {
                    end++;
                }
                out.add(value.substring(start, end));
                start = end;
                i = end - 1;
            }
        }
        if (start < value.length()) {
            out.add(value.substring(start));
        }
        return out;
    }
}
