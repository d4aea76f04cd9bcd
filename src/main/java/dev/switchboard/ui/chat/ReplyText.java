package dev.switchboard.ui.chat;

import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.HitInfo;
import javafx.scene.text.Text;

/**
 * One block of message text (a paragraph or a code body) that wraps to its bubble. Selecting with the mouse
 * goes through the message's {@link ReplySelection}, so a drag can run on into the next paragraphs; Ctrl+C
 * (through {@link TranscriptView}) or the context menu copies it. A plain {@link Text}: cheap to lay out
 * while a reply streams into it.
 */
final class ReplyText extends Text {
    ReplyText(String text, String styleClass, ReplySelection selection, Runnable focus) {
        super(text);
        getStyleClass().addAll("chat-text-node", styleClass);
        setSelectionFill(javafx.scene.paint.Color.WHITE);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                selection.start(this, indexAt(new Point2D(e.getX(), e.getY())));
                focus.run();
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (e.isPrimaryButtonDown()) {
                selection.extendTo(e.getSceneX(), e.getSceneY());
            }
        });
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                selection.selectBlock(this);
            }
        });
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> selection.copy());
        MenuItem all = new MenuItem("Select all");
        all.setOnAction(e -> selection.selectAll());
        ContextMenu menu = new ContextMenu(copy, all);
        setOnContextMenuRequested(e -> menu.show(this, e.getScreenX(), e.getScreenY()));
        setCursor(javafx.scene.Cursor.TEXT);
    }

    int indexAt(Point2D local) {
        HitInfo hit = hitTest(local);
        return Math.max(0, Math.min(getText().length(), hit.getInsertionIndex()));
    }

    void select(int from, int to) {
        setSelectionStart(from == to ? -1 : from);
        setSelectionEnd(from == to ? -1 : to);
    }

    String selectedText() {
        int from = getSelectionStart();
        int to = getSelectionEnd();
        String t = getText();
        if (from < 0 || to <= from || t == null) {
            return "";
        }
        return t.substring(Math.min(from, t.length()), Math.min(to, t.length()));
    }
}
