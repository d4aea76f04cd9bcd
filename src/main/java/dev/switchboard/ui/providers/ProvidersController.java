package dev.switchboard.ui.providers;

import atlantafx.base.theme.Styles;
import dev.switchboard.ui.EmptyState;
import dev.switchboard.ui.FieldDecorations;
import dev.switchboard.ui.TableColumns;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.providers.ProviderRow;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel;
import dev.switchboard.viewmodel.providers.ProvidersViewModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds the Providers view (table, detail pane, empty state) to {@link ProvidersViewModel}. */
public final class ProvidersController {
    private final ProvidersViewModel vm;
    private AppContext context;
    private final javafx.beans.property.BooleanProperty wizardOpen = new javafx.beans.property.SimpleBooleanProperty(this, "wizardOpen");
    private ProviderWizardController wizard;

    @FXML private StackPane root;
    @FXML private BorderPane content;
    @FXML private Button addButton;
    @FXML private Button refreshButton;
    @FXML private ProgressIndicator loadingIndicator;
    @FXML private Label loadErrorLabel;
    @FXML private TableView<ProviderRow> table;
    @FXML private TableColumn<ProviderRow, ProviderRow> statusColumn;
    @FXML private TableColumn<ProviderRow, String> idColumn;
    @FXML private TableColumn<ProviderRow, String> nameColumn;
    @FXML private TableColumn<ProviderRow, String> baseUrlColumn;
    @FXML private TableColumn<ProviderRow, Number> modelsColumn;
    @FXML private Label noSelectionLabel;
    @FXML private VBox detailPane;
    @FXML private ScrollPane detailScroll;
    @FXML private Label detailTitle;
    @FXML private Label editNameLabel;
    @FXML private TextField editNameField;
    @FXML private Label editNameMessage;
    @FXML private Label editBaseUrlLabel;
    @FXML private TextField editBaseUrlField;
    @FXML private Label editBaseUrlMessage;
    @FXML private CheckBox editChatCheck;
    @FXML private CheckBox editResponsesCheck;
    @FXML private CheckBox editMessagesCheck;
    @FXML private Label editSurfacesMessage;
    @FXML private ListView<String> editModelsList;
    @FXML private TextField editNewModelField;
    @FXML private Button editAddModelButton;
    @FXML private Label editNewModelMessage;
    @FXML private Label detailErrorLabel;
    @FXML private Label detailNoticeLabel;
    @FXML private Button saveButton;
    @FXML private Button revertButton;
    @FXML private Button deleteButton;
    @FXML private EmptyState emptyState;
    @FXML private Button emptyAddButton;
    @FXML private EmptyState notConnectedState;
    @FXML private EmptyState connectingState;
    @FXML private Button settingsButton;

    public ProvidersController(ProvidersViewModel vm) {
        this.vm = vm;
    }

    /** How the shell builds the page (see {@code ViewLoader}). */
    public ProvidersController(AppContext context) {
        this(ProvidersViewModel.create(context));
        this.context = context;
    }

    /** Loads {@code ProvidersView.fxml} bound to {@code vm}. */
    public static ProvidersController load(ProvidersViewModel vm) {
        ProvidersController c = new ProvidersController(vm);
        FXMLLoader loader = new FXMLLoader(ProvidersController.class.getResource("ProvidersView.fxml"));
        loader.setControllerFactory(type -> c);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load ProvidersView.fxml", e);
        }
        return c;
    }

    public Parent root() {
        return root;
    }

    /** The wizard while it is open over the page (for tests and screenshots), else null. */
    public ProviderWizardController wizard() {
        return wizard;
    }

    @FXML
    private void initialize() {
        root.setUserData(vm);
        addButton.getStyleClass().add(Styles.ACCENT);
        addButton.setGraphic(new FontIcon(Feather.PLUS));
        addButton.setOnAction(e -> openWizard());
        emptyAddButton.getStyleClass().add(Styles.ACCENT);
        emptyAddButton.setGraphic(new FontIcon(Feather.PLUS));
        emptyAddButton.setOnAction(e -> openWizard());
        refreshButton.setGraphic(new FontIcon(Feather.REFRESH_CW));
        refreshButton.setOnAction(e -> vm.load());
        refreshButton.disableProperty().bind(vm.loadingProperty());
        loadingIndicator.visibleProperty().bind(vm.loadingProperty());
        loadErrorLabel.textProperty().bind(vm.loadErrorProperty());
        showWhen(emptyState, vm.emptyProperty().and(wizardOpen.not()));
        // while the connection is being made (every start) the page says so, not "not connected"
        showWhen(notConnectedState, vm.notConnectedProperty().and(vm.startingProperty().not()).and(wizardOpen.not()));
        showWhen(connectingState, vm.notConnectedProperty().and(vm.startingProperty()).and(wizardOpen.not()));
        showWhen(content, vm.emptyProperty().or(vm.notConnectedProperty()).or(wizardOpen).not());
        attachTableAndDetailWhenShown();
        settingsButton.setGraphic(new FontIcon(Feather.SETTINGS));
        settingsButton.setOnAction(e -> vm.openSettings());

        bindTable();
        bindDetail();
        if (context != null) {
            dev.switchboard.ui.diagnose.DiagnoseActions.addTo(table, "diagnose-provider", context, r -> true,
                    r -> new dev.switchboard.viewmodel.diagnose.DiagnoseTarget(r.providerId() + ":"
                            + (r.modelIds().isEmpty() ? "" : r.modelIds().get(0)), null, null, null));
        }
        root.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null && a == null) {
                vm.load();
                vm.startLiveStatus();
            }
        });
    }

    private void bindTable() {
        table.setItems(vm.rows());
        Label placeholder = new Label("Loading providers…");
        placeholder.getStyleClass().add("muted");
        table.setPlaceholder(placeholder);
        statusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        statusColumn.setCellFactory(col -> new StatusCell());
        TableColumns.idText(idColumn, ProviderRow::providerId);
        TableColumns.text(nameColumn, ProviderRow::name);
        TableColumns.text(baseUrlColumn, ProviderRow::baseUrl);
        modelsColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().modelCount()));
        TableColumns.fitHeaders(table);
        // the detail pane shows the selected provider's name and URL in full
        TableColumns.hideWhenNarrow(table, baseUrlColumn, 600);
        TableColumns.hideWhenNarrow(table, nameColumn, 440);
        idColumn.getStyleClass().add("mono");
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));
        vm.selectedProperty().addListener((o, a, b) -> {
            if (table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        });
    }

    /** The live status dot, re-coloured as the row's check completes. */
    private static final class StatusCell extends TableCell<ProviderRow, ProviderRow> {
        private final Region dot = new Region();
        private final Tooltip tooltip = new Tooltip();
        private ProviderRow shown;
        private final javafx.beans.value.ChangeListener<ProviderRow.Status> onChange = (o, a, b) -> paint();

        StatusCell() {
            dot.getStyleClass().add("status-dot");
            tooltip.setOnShowing(e -> {
                if (shown != null) {
                    tooltip.setText(shown.statusText());
                }
            });
            setGraphic(null);
            setStyle("-fx-alignment: center;");
        }

        @Override
        protected void updateItem(ProviderRow row, boolean empty) {
            super.updateItem(row, empty);
            if (shown != null) {
                shown.statusProperty().removeListener(onChange);
            }
            shown = empty ? null : row;
            if (shown == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            shown.statusProperty().addListener(onChange);
            setGraphic(dot);
            setTooltip(tooltip);
            paint();
        }

        private void paint() {
            dot.getStyleClass().removeAll("reachable", "unreachable", "unknown", "checking");
            if (shown == null) {
                return;
            }
            switch (shown.getStatus()) {
                case REACHABLE -> dot.getStyleClass().add("reachable");
                case UNREACHABLE -> dot.getStyleClass().add("unreachable");
                case UNKNOWN -> dot.getStyleClass().add("unknown");
                case CHECKING, UNCHECKED -> dot.getStyleClass().add("checking");
            }
            tooltip.setText(shown.statusText());
            dot.setAccessibleText(shown.statusText());
        }
    }

    private void bindDetail() {
        ObservableBooleanValue hasSelection = vm.selectedProperty().isNotNull();
        showWhen(detailScroll, hasSelection);
        showWhen(noSelectionLabel, vm.selectedProperty().isNull());
        detailTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                ? "" : vm.selectedProperty().get().providerId(), vm.selectedProperty()));
        editNameLabel.setLabelFor(editNameField);
        editNameField.textProperty().bindBidirectional(vm.editor().editNameProperty());
        FieldDecorations.decorate(editNameField, editNameMessage, vm.editor().nameValidator());
        editBaseUrlLabel.setLabelFor(editBaseUrlField);
        editBaseUrlField.textProperty().bindBidirectional(vm.editor().editBaseUrlProperty());
        FieldDecorations.decorate(editBaseUrlField, editBaseUrlMessage, vm.editor().baseUrlValidator());
        editChatCheck.selectedProperty().bindBidirectional(vm.editor().editChatProperty());
        editResponsesCheck.selectedProperty().bindBidirectional(vm.editor().editResponsesProperty());
        editMessagesCheck.selectedProperty().bindBidirectional(vm.editor().editMessagesProperty());
        FieldDecorations.decorate(editChatCheck, editSurfacesMessage, vm.editor().surfacesValidator());
        editModelsList.setItems(vm.editor().editModels());
        editModelsList.setCellFactory(RemovableModelCell::new);
        editModelsList.setPlaceholder(new Label("No models."));
        editNewModelField.textProperty().bindBidirectional(vm.editor().newModelIdProperty());
        editNewModelMessage.getStyleClass().add("error-text");
        editNewModelMessage.textProperty().bind(Bindings.createStringBinding(() -> vm.editor().newModelIdProperty().get().isBlank()
                ? "" : vm.editor().newModelIdValidator().getMessage(), vm.editor().newModelIdProperty(), vm.editor().newModelIdValidator().messageProperty()));
        showWhen(editNewModelMessage, Bindings.isNotEmpty(editNewModelMessage.textProperty()));
        editAddModelButton.setGraphic(new FontIcon(Feather.PLUS));
        editAddModelButton.disableProperty().bind(vm.editor().newModelIdValidator().validProperty().not());
        editAddModelButton.setOnAction(e -> vm.editor().addModel());
        editNewModelField.setOnAction(e -> {
            vm.editor().addModel();
            e.consume();
        });
        detailErrorLabel.textProperty().bind(vm.detailErrorProperty());
        showWhen(detailErrorLabel, Bindings.isNotEmpty(vm.detailErrorProperty()));
        detailNoticeLabel.textProperty().bind(vm.detailNoticeProperty());
        detailNoticeLabel.visibleProperty().bind(Bindings.isNotEmpty(vm.detailNoticeProperty()));
        saveButton.getStyleClass().add(Styles.ACCENT);
        saveButton.disableProperty().bind(vm.canSaveProperty().not());
        saveButton.setOnAction(e -> vm.save());
        saveButton.setDefaultButton(false);
        revertButton.disableProperty().bind(vm.editor().dirtyProperty().not());
        revertButton.setOnAction(e -> vm.revert());
        deleteButton.getStyleClass().add(Styles.DANGER);
        deleteButton.setGraphic(new FontIcon(Feather.TRASH_2));
        deleteButton.setOnAction(e -> vm.delete(vm.selectedProperty().get()));
    }

    /** A model id with a small remove button. */
    private final class RemovableModelCell extends ListCell<String> {
        private final dev.switchboard.ui.SegmentedLabel text = new dev.switchboard.ui.SegmentedLabel();
        private final Button remove = new Button(null, new FontIcon(Feather.X));
        private final HBox box = new HBox(6, text, new Region(), remove);

        /** As wide as the list, never wider (no sideways scroll bar): a long model id wraps after its dashes. */
        RemovableModelCell(ListView<String> list) {
            setPrefWidth(0);
            text.prefWrapLengthProperty().bind(list.widthProperty().subtract(60));
            HBox.setHgrow(box.getChildren().get(1), javafx.scene.layout.Priority.ALWAYS);
            remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
            remove.setAccessibleText("Remove model");
            remove.setOnAction(e -> vm.editor().removeModel(getItem()));
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
            } else {
                text.setText(item);
                remove.setTooltip(new Tooltip("Remove " + item));
                setGraphic(box);
            }
        }
    }

    /** Opens the Add-provider wizard in place of the page (right of the sidebar, to the window's edge); the table reloads when it closes. */
    public void openWizard() {
        if (wizard != null) {
            wizard.root().requestFocus();
            return;
        }
        if (!vm.canAddProvider()) {
            return;
        }
        ProviderWizardViewModel wizardVm = vm.newWizard();
        ProviderWizardController c = ProviderWizardController.load(wizardVm);
        c.setOnClose(() -> {
            root.getChildren().remove(c.root());
            wizard = null;
            wizardOpen.set(false);
            vm.wizardFinished(wizardVm);
            addButton.requestFocus();
        });
        wizard = c;
        wizardOpen.set(true);
        root.getChildren().add(c.root());
        wizardVm.start();
    }

    /**
     * The table and the detail form join the page in the first pulse that shows them: hidden (not connected yet,
     * as at every start, or no providers) they would still cost their skins and CSS before the first frame.
     */
    private void attachTableAndDetailWhenShown() {
        Node center = content.getCenter();
        Node right = content.getRight();
        content.setCenter(null);
        content.setRight(null);
        Runnable attach = new Runnable() {
            @Override
            public void run() {
                javafx.scene.Scene scene = root.getScene();
                if (content.getCenter() == null && content.isVisible()) {
                    content.setCenter(center);
                    content.setRight(right);
                }
                if (content.getCenter() != null && scene != null) {
                    javafx.application.Platform.runLater(() -> scene.removePreLayoutPulseListener(this));
                }
            }
        };
        root.sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removePreLayoutPulseListener(attach);
            }
            if (scene != null && content.getCenter() == null) {
                scene.addPreLayoutPulseListener(attach);
            }
        });
    }

    private static void showWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }
}
