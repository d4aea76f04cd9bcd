package dev.switchboard.ui.chat;

import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/**
 * The text selected in one message, from a point in one of its blocks (paragraphs and code bodies, each a
 * {@link ReplyText}) to a point in the same or another block: dragging across paragraphs selects the whole of
 * the ones in between. Copied as plain text, blocks separated by a blank line.
 */
final class ReplySelection {
    private final Supplier<List<ReplyText>> blocks;
    private final Supplier<String> whole;
    private ReplyText anchor;
    private int anchorAt;

    ReplySelection(Supplier<List<ReplyText>> blocks, Supplier<String> whole) {
        this.blocks = blocks;
        this.whole = whole;
    }

    /** A press in {@code text} at {@code index}: the selection starts there, empty. */
    void start(ReplyText text, int index) {
        clear();
        anchor = text;
        anchorAt = index;
        TranscriptView.selected(this);
    }

    /** A drag to a point of the scene: selects from the anchor to the nearest text position there. */
    void extendTo(double sceneX, double sceneY) {
        List<ReplyText> all = blocks.get();
        int a = all.indexOf(anchor);
        if (a < 0 || all.isEmpty()) {
            return;
        }
        int f = all.size() - 1;
        for (int i = 0; i < all.size(); i++) {
            Bounds b = all.get(i).localToScene(all.get(i).getBoundsInLocal());
            if (sceneY < b.getMaxY()) {
                f = i;
                break;
            }
        }
        ReplyText focus = all.get(f);
        Bounds fb = focus.localToScene(focus.getBoundsInLocal());
        int focusAt = sceneY < fb.getMinY() ? 0 : sceneY > fb.getMaxY() ? focus.getText().length()
                : focus.indexAt(focus.sceneToLocal(new Point2D(sceneX, sceneY)));
        boolean forward = f > a || f == a && focusAt >= anchorAt;
        int first = forward ? a : f;
        int last = forward ? f : a;
        int firstAt = forward ? anchorAt : focusAt;
        int lastAt = forward ? focusAt : anchorAt;
        for (int i = 0; i < all.size(); i++) {
            ReplyText t = all.get(i);
            if (i < first || i > last) {
                t.select(0, 0);
            } else {
                t.select(i == first ? firstAt : 0, i == last ? lastAt : t.getText().length());
            }
        }
    }

    /** Selects one block (a double-click). */
    void selectBlock(ReplyText text) {
        start(text, 0);
        text.select(0, text.getText().length());
    }

    void selectAll() {
        List<ReplyText> all = blocks.get();
        if (!all.isEmpty()) {
            start(all.get(0), 0);
            all.forEach(t -> t.select(0, t.getText().length()));
        }
    }

    void clear() {
        blocks.get().forEach(t -> t.select(0, 0));
    }

    /** The selected text of every block, in order, a blank line between blocks. */
    String selectedText() {
        StringBuilder out = new StringBuilder();
        for (ReplyText t : blocks.get()) {
            String s = t.selectedText();
            if (!s.isEmpty()) {
                out.append(out.length() > 0 ? "\n\n" : "").append(s);
            }
        }
        return out.toString();
    }

    /** Copies the selection, or the whole message when nothing is selected. */
    void copy() {
        String s = selectedText();
        ClipboardContent c = new ClipboardContent();
        c.putString(s.isEmpty() ? whole.get() : s);
        Clipboard.getSystemClipboard().setContent(c);
    }

    boolean showsIn(javafx.scene.Scene scene) {
        return blocks.get().stream().anyMatch(t -> t.getScene() == scene);
    }
}
