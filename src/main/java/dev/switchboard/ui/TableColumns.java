package dev.switchboard.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Tables that stay readable when the window is small: a header is never cut (the column's minimum
 * width fits it; the table scrolls sideways instead), and a long value that is cut keeps its full
 * text in the cell's tooltip while the column can still be widened.
 */
public final class TableColumns {
    private static final double HEADER_PADDING = 22;

    private TableColumns() {
    }

    /** A text column whose cells show {@code value} and, as a tooltip, the same text in full. */
    public static <S> void text(TableColumn<S, String> column, Function<S, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setCellFactory(c -> new FullTextCell<>());
    }

    /**
     * Like {@link #text}, for ids that share their start ({@code my-llamacpp:tiny-random-a}, {@code ...-b}): a cut
     * value keeps both ends ("my-llama…random-b") so that two rows can still be told apart; the tooltip has it all.
     */
    public static <S> void idText(TableColumn<S, String> column, Function<S, String> value) {
        text(column, value);
        column.setCellFactory(c -> {
            FullTextCell<S> cell = new FullTextCell<>();
            cell.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
            cell.setEllipsisString("…");
            return cell;
        });
    }

    /** Gives every column of {@code table} a minimum width that fits its header. */
    public static void fitHeaders(TableView<?> table) {
        Font font = Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, Font.getDefault().getSize() + 1);
        for (TableColumn<?, ?> column : table.getColumns()) {
            String header = column.getText();
            if (header == null || header.isEmpty()) {
                continue;
            }
            Text probe = new Text(header);
            probe.setFont(font);
            double needed = Math.ceil(probe.getLayoutBounds().getWidth()) + HEADER_PADDING;
            column.setMinWidth(Math.max(column.getMinWidth(), needed));
            column.setPrefWidth(Math.max(column.getPrefWidth(), needed));
        }
    }

    /**
     * Hides {@code column} while {@code table} is narrower than {@code minTableWidth} (a detail pane beside it, a
     * small window), so the columns that tell rows apart keep room instead of every column showing "…".
     */
    public static void hideWhenNarrow(TableView<?> table, TableColumn<?, ?> column, double minTableWidth) {
        column.visibleProperty().bind(table.widthProperty().greaterThanOrEqualTo(minTableWidth)
                .or(table.widthProperty().isEqualTo(0)));
    }

    /** Keeps {@code column} wide enough for a value as long as {@code widest} (a time, a status), so it is never cut. */
    public static void fitValue(TableColumn<?, ?> column, String widest) {
        Text probe = new Text(widest);
        probe.setFont(Font.getDefault());
        double needed = Math.ceil(probe.getLayoutBounds().getWidth()) + HEADER_PADDING;
        column.setMinWidth(Math.max(column.getMinWidth(), needed));
        column.setPrefWidth(Math.max(column.getPrefWidth(), needed));
    }

    /**
     * Gives {@code column} the width of its widest value (its header's at least), up to {@code fraction} of the table,
     * so that the room it does not need goes to the other columns; call after {@link #fitHeaders} and after the column's
     * cell factory is set.
     */
    public static <S> void fitWidestValue(TableView<S> table, TableColumn<S, String> column, double fraction) {
        fitWidestValue(table, column, fraction, true);
    }

    /**
     * Like {@link #fitWidestValue(TableView, TableColumn, double)}; unless {@code exactly}, the column may still be
     * narrowed below that width (by a table too narrow for every column's width), never widened beyond it.
     */
    public static <S> void fitWidestValue(TableView<S> table, TableColumn<S, String> column, double fraction,
                                          boolean exactly) {
        double header = column.getMinWidth();
        // measured in the font the cells are drawn in (the theme's), known once their style is applied; each distinct
        // value once (a log holds many rows with few distinct values), again only when that font changes
        javafx.beans.property.ObjectProperty<Font> cellFont = new javafx.beans.property.SimpleObjectProperty<>(Font.getDefault());
        java.util.Map<String, Double> measured = new java.util.HashMap<>();
        Font[] measuredIn = {null};
        var cells = column.getCellFactory();
        column.setCellFactory(c -> {
            TableCell<S, String> cell = cells.call(c);
            cell.fontProperty().addListener((o, was, font) -> cellFont.set(font));
            return cell;
        });
        javafx.beans.binding.DoubleBinding widest = javafx.beans.binding.Bindings.createDoubleBinding(() -> {
            Font font = cellFont.get();
            if (measured.size() > 4096 || !font.equals(measuredIn[0])) {
                measured.clear();
                measuredIn[0] = font;
            }
            double max = header;
            for (S row : table.getItems()) {
                String text = column.getCellData(row);
                if (text != null && !text.isEmpty()) {
                    max = Math.max(max, measured.computeIfAbsent(text, t -> {
                        Text probe = new Text(t);
                        probe.setFont(font);
                        return Math.ceil(probe.getLayoutBounds().getWidth()) + HEADER_PADDING;
                    }));
                }
            }
            return max;
        }, table.itemsProperty(), table.getItems(), cellFont);
        // resizing the window only re-applies the cap
        javafx.beans.binding.DoubleBinding width = javafx.beans.binding.Bindings.createDoubleBinding(() -> {
            double cap = table.getWidth() * fraction;
            return cap > header ? Math.min(widest.get(), cap) : header;
        }, widest, table.widthProperty());
        if (exactly) {
            column.minWidthProperty().bind(width);
        }
        column.maxWidthProperty().bind(width);
    }

    /** A table's empty-state text that wraps to the table's width instead of being cut. */
    public static javafx.scene.control.Label placeholder(String text) {
        javafx.scene.control.Label label = new javafx.scene.control.Label(text);
        label.setWrapText(true);
        label.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        label.setPadding(new javafx.geometry.Insets(12));
        return label;
    }

    /** A combo box of fixed width whose chosen value, when cut, can still be read in its tooltip. */
    public static <T> void fullTextButtonCell(javafx.scene.control.ComboBox<T> box) {
        box.setButtonCell(new javafx.scene.control.ListCell<>() {
            private final Tooltip tooltip = new Tooltip();

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                String text = empty || item == null ? null : String.valueOf(item);
                setText(text);
                tooltip.setText(text);
                setTooltip(text == null ? null : tooltip);
            }
        });
    }

    /** A plain text cell with its value in a tooltip, so a cut value can still be read. */
    public static class FullTextCell<S> extends TableCell<S, String> {
        private final Tooltip tooltip = new Tooltip();

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null || item.isEmpty()) {
                setText(null);
                setTooltip(null);
            } else {
                setText(item);
                tooltip.setText(item);
                setTooltip(tooltip);
            }
        }
    }
}
