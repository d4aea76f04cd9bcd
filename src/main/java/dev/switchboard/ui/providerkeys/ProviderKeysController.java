package dev.switchboard.ui.providerkeys;

import atlantafx.base.theme.Styles;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.providerkeys.DeleteRefusal;
import dev.switchboard.viewmodel.providerkeys.ProviderFilter;
import dev.switchboard.viewmodel.providerkeys.ProviderKeyRow;
import dev.switchboard.viewmodel.providerkeys.ProviderKeysViewModel;
import java.util.List;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import dev.switchboard.ui.TableColumns;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds the Provider keys page to {@link ProviderKeysViewModel}; nothing else. */
public final class ProviderKeysController {
    private final ProviderKeysViewModel vm;

    @FXML private VBox root;
    @FXML private Button addButton;
    @FXML private Button rotateButton;
    @FXML private Button deleteButton;
    @FXML private ComboBox<ProviderFilter> filterBox;
    @FXML private Button refreshButton;
    @FXML private TableView<ProviderKeyRow> table;
    @FXML private TableColumn<ProviderKeyRow, String> providerColumn;
    @FXML private TableColumn<ProviderKeyRow, String> nameColumn;
    @FXML private TableColumn<ProviderKeyRow, String> keyColumn;
    @FXML private TableColumn<ProviderKeyRow, String> routedByColumn;
    @FXML private TableColumn<ProviderKeyRow, String> lastUsedColumn;
    @FXML private TableColumn<ProviderKeyRow, String> createdColumn;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label statusLabel;
    @FXML private Button loadMoreButton;

    public ProviderKeysController(AppContext context) {
        this(ProviderKeysViewModel.of(context));
    }

    public ProviderKeysController(ProviderKeysViewModel vm) {
        this.vm = vm;
    }

    public ProviderKeysViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        root.setUserData(vm);
        TableColumns.idText(providerColumn, ProviderKeyRow::provider);
        TableColumns.text(nameColumn, ProviderKeyRow::name);
        TableColumns.text(keyColumn, ProviderKeyRow::keyRedacted);
        TableColumns.text(routedByColumn, ProviderKeyRow::routedByText);
        TableColumns.text(lastUsedColumn, ProviderKeyRow::lastUsed);
        TableColumns.text(createdColumn, ProviderKeyRow::created);
        TableColumns.fitHeaders(table);
        // a redacted value is at most 4 + *** + 4 characters: its last 4 tell keys apart, so it is never cut
        TableColumns.fitValue(keyColumn, "sk-W***WWWW");
        TableColumns.fitValue(lastUsedColumn, "30 Dec 23:59");
        TableColumns.fitValue(createdColumn, "30 Dec 23:59");
        TableColumns.hideWhenNarrow(table, createdColumn, 760);
        table.setItems(vm.rows());
        // the redacted key, the times and who uses it grow no wider than their widest value: the names get the room
        for (TableColumn<ProviderKeyRow, String> shortValues : List.of(keyColumn, routedByColumn, lastUsedColumn, createdColumn)) {
            TableColumns.fitWidestValue(table, shortValues, 0.25, false);
        }
        table.getStyleClass().add(Styles.DENSE);
        table.setPlaceholder(TableColumns.placeholder("No provider keys here yet. Add one for a provider whose model server needs a key."));

        filterBox.setItems(vm.filters());
        filterBox.valueProperty().bindBidirectional(vm.filterProperty());

        addButton.getStyleClass().add(Styles.ACCENT);
        addButton.setGraphic(new FontIcon(Feather.PLUS));
        addButton.setOnAction(e -> new ProviderKeyDialog(window(), vm.addForm()).showAndWait().ifPresent(vm::add));
        var noRow = table.getSelectionModel().selectedItemProperty().isNull();
        rotateButton.setGraphic(new FontIcon(Feather.REFRESH_CW));
        rotateButton.disableProperty().bind(noRow.or(vm.busyProperty()));
        rotateButton.setOnAction(e -> new ProviderKeyDialog(window(), vm.rotateForm(selected())).showAndWait()
                .ifPresent(vm::rotate));
        deleteButton.setGraphic(new FontIcon(Feather.TRASH_2));
        deleteButton.disableProperty().bind(noRow.or(vm.busyProperty()));
        deleteButton.setOnAction(e -> vm.delete(selected()));
        refreshButton.setOnAction(e -> vm.refresh());
        refreshButton.disableProperty().bind(vm.busyProperty());

        loadMoreButton.visibleProperty().bind(vm.hasMoreProperty());
        loadMoreButton.managedProperty().bind(loadMoreButton.visibleProperty());
        loadMoreButton.disableProperty().bind(vm.busyProperty());
        loadMoreButton.setOnAction(e -> vm.loadMore());
        busyIndicator.visibleProperty().bind(vm.busyProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        statusLabel.getStyleClass().add(Styles.TEXT_MUTED);

        vm.refusalProperty().addListener((o, a, refusal) -> {
            if (refusal != null) {
                Platform.runLater(() -> showRefusal(refusal));
            }
        });
        vm.refresh();
    }

    private void showRefusal(DeleteRefusal refusal) {
        new DeleteRefusedDialog(window(), refusal).showAndWait().ifPresentOrElse(vm::openConfiguration, vm::dismissRefusal);
    }

    private ProviderKeyRow selected() {
        return table.getSelectionModel().getSelectedItem();
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }
}
