package dev.switchboard.ui.diagnose;

import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.diagnose.DiagnoseTarget;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;

/** Puts a "Diagnose…" item on a table's context menu (its own, or one added), enabled for the rows it fits. */
public final class DiagnoseActions {
    private DiagnoseActions() {
    }

    public static <T> MenuItem addTo(TableView<T> table, String id, AppContext context, Predicate<T> fits,
                                     Function<T, DiagnoseTarget> target) {
        MenuItem item = new MenuItem("Diagnose…");
        item.setId(id);
        item.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            T row = table.getSelectionModel().getSelectedItem();
            return row == null || !fits.test(row);
        }, table.getSelectionModel().selectedItemProperty()));
        item.setOnAction(e -> {
            T row = table.getSelectionModel().getSelectedItem();
            if (row != null && fits.test(row)) {
                DiagnoseWindow.open(table.getScene().getWindow(), context, target.apply(row));
            }
        });
        if (table.getContextMenu() == null) {
            table.setContextMenu(new ContextMenu());
        }
        table.getContextMenu().getItems().add(item);
        return item;
    }
}
