package dev.switchboard.ui.chat;

import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.HitInfo;
import javafx.scene.text.Text;

/**
 * Message text that wraps to its bubble and can be selected with the mouse (drag, double-click for all)
 * and copied (context menu, or Ctrl+C through {@link TranscriptView}). A plain {@link Text}: cheap to lay
 * out while a reply streams into it.
 */
final class ReplyText extends Text {
    private int anchor;

    ReplyText(String text, String styleClass) {
        super(text);
        getStyleClass().addAll("chat-text-node", styleClass);
        setSelectionFill(javafx.scene.paint.Color.WHITE);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                anchor = indexAt(e);
                select(anchor, anchor);
                TranscriptView.selected(this);
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            int at = indexAt(e);
            select(Math.min(anchor, at), Math.max(anchor, at));
        });
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                select(0, getText().length());
            }
        });
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> copy());
        MenuItem all = new MenuItem("Select all");
        all.setOnAction(e -> select(0, getText().length()));
        ContextMenu menu = new ContextMenu(copy, all);
        setOnContextMenuRequested(e -> menu.show(this, e.getScreenX(), e.getScreenY()));
        setCursor(javafx.scene.Cursor.TEXT);
    }

    private int indexAt(MouseEvent e) {
        HitInfo hit = hitTest(new Point2D(e.getX(), e.getY()));
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

    /** Copies the selection, or the whole text when nothing is selected. */
    void copy() {
        String s = selectedText();
        ClipboardContent c = new ClipboardContent();
        c.putString(s.isEmpty() ? getText() : s);
        Clipboard.getSystemClipboard().setContent(c);
    }
}
