package dev.switchboard.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.text.Text;
import org.testfx.api.FxService;

/**
 * Finds text the user cannot read in full: a {@link Labeled} (label, button, check box, tab header,
 * column header, combo box value) whose displayed text differs from its text, a tab pushed into
 * the overflow menu, a button drawn outside the window. Table and list cells may elide a long value
 * only when their tooltip holds it (and, for a table, the column can be widened). A label, button or
 * text field must also lie inside what its nearest clipping ancestor (or the window) shows, unless it
 * sits in something that scrolls.
 */
public final class LayoutCheck {
    private LayoutCheck() {
    }

    /** One line per problem, naming the control and what it shows; empty when everything reads in full. */
    public static List<String> problems(Parent root) {
        List<String> found = new ArrayList<>();
        root.applyCss();
        root.layout();
        walk(root, root, found);
        return found;
    }

    private static void walk(Parent root, Node node, List<String> found) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled) {
            check(labeled, found);
        }
        if (node instanceof TabPane tabs) {
            double right = tabs.localToScene(tabs.getLayoutBounds()).getMaxX();
            for (Node header : tabs.lookupAll(".tab")) {
                if (ownTabPane(header) == tabs && header.localToScene(header.getLayoutBounds()).getMaxX() > right + 1) {
                    found.add(describe(tabs) + ": tabs pushed into the overflow menu");
                    break;
                }
            }
        }
        if (node instanceof javafx.scene.control.ButtonBase && !insideScrolling(node)) {
            Bounds b = node.localToScene(node.getLayoutBounds());
            Bounds scene = root.localToScene(root.getLayoutBounds());
            if (b.getWidth() > 0 && (b.getMaxY() > scene.getMaxY() + 1 || b.getMaxX() > scene.getMaxX() + 1)) {
                found.add(describe(node) + " '" + ((Labeled) node).getText() + "' lies outside the window");
            }
        }
        if ((node instanceof Labeled || node instanceof TextInputControl) && !insideScrolling(node)) {
            clipped(root, node, found);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(root, child, found);
            }
        }
    }

    /** A control cut off by its nearest clipping ancestor (a split pane's side, a tab's content) or by the window. */
    private static void clipped(Parent root, Node node, List<String> found) {
        Bounds b = node.localToScene(node.getLayoutBounds());
        if (b.getWidth() <= 0 || b.getHeight() <= 0 || !showing(node, root)) {
            return;
        }
        Bounds visible = root.localToScene(root.getLayoutBounds());
        String by = "the window";
        for (Node n = node.getParent(); n != null && n != root.getParent(); n = n.getParent()) {
            if (n.getClip() != null) {
                if (n.getStyleClass().contains("column-header-background")) {
                    return; // a table's column headers scroll sideways with its rows
                }
                visible = n.localToScene(n.getClip().getBoundsInParent());
                by = describe(n);
                break;
            }
        }
        if (b.getMinX() < visible.getMinX() - 1 || b.getMinY() < visible.getMinY() - 1
                || b.getMaxX() > visible.getMaxX() + 1 || b.getMaxY() > visible.getMaxY() + 1) {
            String text = node instanceof Labeled l ? l.getText() : ((TextInputControl) node).getPromptText();
            found.add(describe(node) + (text == null || text.isEmpty() ? "" : " '" + text + "'") + " is cut off by " + by);
        }
    }

    /** Visible up to the root, and not in a collapsed or hidden part (a tab not selected has no scene of its own). */
    private static boolean showing(Node node, Parent root) {
        for (Node n = node; n != null && n != root; n = n.getParent()) {
            if (!n.isVisible() || n.getOpacity() == 0) {
                return false;
            }
        }
        return true;
    }

    private static void check(Labeled labeled, List<String> found) {
        String text = labeled.getText();
        if (text == null || text.isEmpty() || labeled.getWidth() <= 0) {
            return;
        }
        String expected = labeled.isMnemonicParsing() ? text.replaceFirst("_(?=.)", "") : text;
        String shown = displayed(labeled);
        if (shown == null || shown.equals(expected)) {
            return;
        }
        if (labeled instanceof IndexedCell<?> cell && elisionAllowed(cell, expected)) {
            return;
        }
        found.add(describe(labeled) + " shows '" + shown + "' for '" + expected + "'");
    }

    private static boolean elisionAllowed(IndexedCell<?> cell, String full) {
        Tooltip tip = cell.getTooltip();
        if (tip == null || !full.equals(tip.getText())) {
            return false;
        }
        return !(cell instanceof TableCell<?, ?> tc) || tc.getTableColumn() == null || tc.getTableColumn().isResizable();
    }

    private static String displayed(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text t && child.getStyleClass().contains("text")) {
                return t.getText();
            }
        }
        return null;
    }

    private static TabPane ownTabPane(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof TabPane t) {
                return t;
            }
        }
        return null;
    }

    private static boolean insideScrolling(Node node) {
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n instanceof ScrollPane || n.getStyleClass().contains("virtual-flow")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Node node) {
        StringBuilder s = new StringBuilder(node.getClass().getSimpleName());
        if (node.getId() != null) {
            s.append('#').append(node.getId());
        }
        for (Node n = node.getParent(); n != null; n = n.getParent()) {
            if (n.getId() != null) {
                s.append(" in #").append(n.getId());
                break;
            }
        }
        return s.toString();
    }

    /** Writes {@code image} as {@code target/screenshots/<name>.png}. */
    public static void writePng(Image image, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            FxService.serviceContext().getCaptureSupport().saveImage(image, dir.resolve(name + ".png"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
