package dev.switchboard.ui;

import java.util.List;
import java.util.function.Predicate;
import javafx.scene.control.TableCell;
import javafx.scene.text.Text;
import org.testfx.api.FxRobot;

/** What a table's cells show on screen: a value cut to fit shows less, ending in "…". */
public final class ShownCells {
    private ShownCells() {
    }

    /** The texts drawn by the cells of the table(s) {@code table} (a selector) whose value passes {@code item}. */
    public static List<String> of(FxRobot robot, String table, Predicate<Object> item) {
        return robot.lookup(table + " .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getItem() != null && item.test(c.getItem()))
                .map(c -> robot.from(c).lookup(".text").queryAs(Text.class).getText())
                .toList();
    }
}
