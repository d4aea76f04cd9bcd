package dev.switchboard.ui.accesskeys;

import dev.switchboard.viewmodel.accesskeys.AccessKeyRow;
import dev.switchboard.viewmodel.accesskeys.AccessKeysViewModel;
import dev.switchboard.viewmodel.accesskeys.ConfigurationChoice;
import dev.switchboard.viewmodel.accesskeys.ConfigurationRow;
import java.util.List;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import dev.switchboard.ui.TableColumns;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Window;

/** The Access keys page: binds the keys table, the configurations list and the editor to the page's view-model. */
public class AccessKeysController {
    @FXML private javafx.scene.layout.VBox root;
    @FXML private TabPane tabs;
    @FXML private Tab keysTab;
    @FXML private Tab configurationsTab;
    @FXML private Button createKeyButton;
    @FXML private Button changeConfigurationButton;
    @FXML private Button revokeButton;
    @FXML private Button refreshButton;
    @FXML private TableView<AccessKeyRow> keysTable;
    @FXML private TableColumn<AccessKeyRow, String> nameColumn;
    @FXML private TableColumn<AccessKeyRow, String> keyColumn;
    @FXML private TableColumn<AccessKeyRow, String> configurationColumn;
    @FXML private TableColumn<AccessKeyRow, String> lastUsedColumn;
    @FXML private Button newConfigurationButton;
    @FXML private Button deleteConfigurationButton;
    @FXML private ListView<ConfigurationRow> configurationsList;
    @FXML private AccessKeyConfigurationEditorController editorController;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button editAccessButton;
    @FXML private Label accessTitle;
    @FXML private Label accessConfiguration;
    @FXML private Label accessSummary;
    @FXML private ListView<String> accessModels;
    @FXML private Label statusLabel;

    private final AccessKeysViewModel vm;
    private dev.switchboard.viewmodel.PageRequests pageRequests;
    private boolean restoringSelection;

    public AccessKeysController(AccessKeysViewModel vm) {
        this.vm = vm;
    }

    public AccessKeysController(dev.switchboard.viewmodel.AppContext context) {
        this(AccessKeysViewModel.of(context));
        this.pageRequests = context.pageRequests();
    }

    public AccessKeysViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        root.setUserData(vm);
        root.getProperties().put(dev.switchboard.ui.shell.ShellView.LEAVE_GUARD,
                (java.util.function.BooleanSupplier) vm::confirmDiscard);
        TableColumns.text(nameColumn, AccessKeyRow::name);
        TableColumns.text(keyColumn, AccessKeyRow::keyRedacted);
        TableColumns.text(configurationColumn, AccessKeyRow::configuration);
        TableColumns.text(lastUsedColumn, AccessKeyRow::lastUsed);
        TableColumns.fitHeaders(keysTable);
        TableColumns.fitValue(lastUsedColumn, "30 Dec 23:59");
        TableColumns.fitValue(keyColumn, "ng-W***WWWW");
        // beside the access panel at 1000 px the names matter more than the redacted token
        TableColumns.hideWhenNarrow(keysTable, keyColumn, 480);
        keysTable.setItems(vm.keys());
        // the names tell keys apart: the redacted token, the configuration (often one shared by every key) and the time
        // get the width of their widest value, no more, so the names get the rest
        for (TableColumn<AccessKeyRow, String> shortValues : List.of(keyColumn, configurationColumn, lastUsedColumn)) {
            TableColumns.fitWidestValue(keysTable, shortValues, 0.3);
        }
        keysTable.setPlaceholder(TableColumns.placeholder("No access keys yet. Create one to let an app call the gateway."));
        var noKey = keysTable.getSelectionModel().selectedItemProperty().isNull();
        changeConfigurationButton.disableProperty().bind(noKey);
        revokeButton.disableProperty().bind(noKey);
        editAccessButton.disableProperty().bind(noKey);
        bindKeyAccess();
        createKeyButton.setOnAction(e -> createKey());
        changeConfigurationButton.setOnAction(e -> changeConfiguration());
        revokeButton.setOnAction(e -> vm.revoke(keysTable.getSelectionModel().getSelectedItem()));
        refreshButton.setOnAction(e -> vm.refresh());
        vm.createdKeyProperty().addListener((o, a, created) -> {
            if (created != null) {
                Platform.runLater(() -> {
                    boolean keep = new TokenDialog(window(), created).showAndWait().orElse(false);
                    vm.finishCreatedKey(keep);
                });
            }
        });

        configurationsList.setItems(vm.configurations());
        configurationsList.setPlaceholder(new Label("No configurations yet."));
        configurationsList.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(ConfigurationRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.label());
            }
        });
        configurationsList.getSelectionModel().selectedItemProperty().addListener((o, before, row) -> {
            if (restoringSelection || row == null) {
                return;
            }
            if (!vm.open(row)) {
                Platform.runLater(() -> selectQuietly(before));
            }
        });
        vm.openConfigurationProperty().addListener((o, a, row) -> selectQuietly(row));
        vm.configurations().addListener((javafx.collections.ListChangeListener<ConfigurationRow>) c ->
                selectQuietly(vm.openConfigurationProperty().get()));
        newConfigurationButton.setOnAction(e -> {
            if (vm.newConfiguration()) {
                selectQuietly(null);
            }
        });
        deleteConfigurationButton.disableProperty().bind(vm.openConfigurationProperty().isNull());
        deleteConfigurationButton.setOnAction(e -> vm.deleteConfiguration());
        editorController.bind(vm.editor(), vm::save, vm::revert);

        busyIndicator.visibleProperty().bind(vm.busyProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        vm.refresh();
        if (pageRequests != null) {
            // A link from another page (Provider keys) to one configuration.
            pageRequests.handle(dev.switchboard.ui.shell.Pages.ACCESS_KEYS, id -> {
                tabs.getSelectionModel().select(configurationsTab);
                vm.openConfigurationById(id);
            });
        }
    }

    /** The selected key's access beside the list; Edit access (or a double-click) opens its allowlist. */
    private void bindKeyAccess() {
        var access = vm.keyAccess();
        access.selectedProperty().bind(keysTable.getSelectionModel().selectedItemProperty());
        access.inWordsProperty().addListener((o, a, words) -> showAccess(words));
        showAccess(access.inWordsProperty().get());
        Label nothing = new Label();
        nothing.textProperty().bind(javafx.beans.binding.Bindings.when(keysTable.getSelectionModel()
                .selectedItemProperty().isNull()).then("").otherwise("Nothing to call."));
        accessModels.setPlaceholder(nothing);
        accessModels.setCellFactory(list -> new ListCell<>() {
            private final dev.switchboard.ui.SegmentedLabel ref = new dev.switchboard.ui.SegmentedLabel();

            {
                setPrefWidth(0);
                setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
                ref.prefWrapLengthProperty().bind(list.widthProperty().subtract(32));
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                ref.setText(empty || item == null ? "" : item);
                setGraphic(empty || item == null ? null : ref);
            }
        });
        editAccessButton.setOnAction(e -> access.editAccess(keysTable.getSelectionModel().getSelectedItem()));
        keysTable.setRowFactory(table -> {
            javafx.scene.control.TableRow<AccessKeyRow> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    access.editAccess(row.getItem());
                }
            });
            return row;
        });
        access.editorOpenedProperty().addListener((o, a, b) -> tabs.getSelectionModel().select(configurationsTab));
    }

    private void showAccess(dev.switchboard.viewmodel.accesskeys.KeyAccessInWords words) {
        accessTitle.setText(words.title().isEmpty() ? "Access" : words.title());
        AccessKeyRow row = keysTable.getSelectionModel().getSelectedItem();
        accessConfiguration.setText(words.configuration()
                + (row == null || row.created().isEmpty() ? "" : ". Created " + row.created() + "."));
        accessSummary.setText(words.summary());
        accessModels.getItems().setAll(words.models());
    }

    private void selectQuietly(ConfigurationRow row) {
        restoringSelection = true;
        try {
            if (row == null) {
                configurationsList.getSelectionModel().clearSelection();
            } else {
                configurationsList.getSelectionModel().select(row);
            }
        } finally {
            restoringSelection = false;
        }
    }

    private void createKey() {
        new NewAccessKeyDialog(window(), vm.newKeyForm()).showAndWait().ifPresent(vm::createKey);
    }

    private void changeConfiguration() {
        AccessKeyRow row = keysTable.getSelectionModel().getSelectedItem();
        ChoiceDialog<ConfigurationChoice> dialog = new ChoiceDialog<>(vm.choiceOf(row), vm.configurationChoices());
        dialog.initOwner(window());
        dialog.setGraphic(null);
        dialog.getDialogPane().getStyleClass().add("app-dialog");
        dialog.setTitle("Use another configuration");
        dialog.setHeaderText("Which configuration decides what '" + row.name() + "' may call?");
        dialog.setContentText("Configuration:");
        dialog.showAndWait().ifPresent(choice -> vm.changeConfiguration(row, choice));
    }

    private Window window() {
        return tabs.getScene() == null ? null : tabs.getScene().getWindow();
    }
}
