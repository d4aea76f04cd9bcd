package dev.switchboard.ui.providers;

import dev.switchboard.discovery.DiscoveredServer;
import dev.switchboard.ui.FieldDecorations;
import dev.switchboard.viewmodel.providers.FindServerStep;
import dev.switchboard.viewmodel.providers.ModelChoice;
import dev.switchboard.viewmodel.providers.ModelList;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.beans.property.StringProperty;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds {@code wizard/FindServerPage.fxml} to {@link FindServerStep}: found servers first, the misses in one quiet line. */
final class FindServerPage {
    private final FindServerStep step;
    private final ModelList models;
    private final StringProperty providerKey;
    final Parent root;

    @FXML private ProgressIndicator scanProgress;
    @FXML private Button rescanButton;
    @FXML private Label scanStatusLabel;
    @FXML ListView<DiscoveredServer> scanList;
    @FXML private Label missesLabel;
    @FXML private Label customHostLabel;
    @FXML private TextField customHostField;
    @FXML private Button scanCustomButton;
    @FXML private Label customHostMessage;
    @FXML private VBox serverKeyBox;
    @FXML private Label serverKeyLabel;
    @FXML private PasswordField serverKeyField;
    @FXML private ListView<ModelChoice> foundModelsList;

    FindServerPage(FindServerStep step, ModelList models, StringProperty providerKey) {
        this.step = step;
        this.models = models;
        this.providerKey = providerKey;
        this.root = WizardViews.load("wizard/FindServerPage.fxml", this);
    }

    @FXML
    private void initialize() {
        scanProgress.visibleProperty().bind(step.scanningProperty());
        rescanButton.disableProperty().bind(step.scanningProperty());
        rescanButton.setGraphic(new FontIcon(Feather.REFRESH_CW));
        rescanButton.setOnAction(e -> step.scan());
        scanStatusLabel.textProperty().bind(step.scanStatusProperty());
        FontIcon warning = new FontIcon(Feather.ALERT_TRIANGLE);
        step.nothingFoundProperty().addListener((o, a, none) -> {
            scanStatusLabel.getStyleClass().remove("scan-warning");
            if (none) {
                scanStatusLabel.getStyleClass().add("scan-warning");
            }
            scanStatusLabel.setGraphic(none ? warning : null);
        });
        scanList.setItems(step.foundServers());
        scanList.setCellFactory(list -> new ServerCell());
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(step.scanningProperty()).then("Scanning…").otherwise("No model server found."));
        placeholder.getStyleClass().add("muted");
        scanList.setPlaceholder(placeholder);
        scanList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                step.selectedServerProperty().set(b);
            }
        });
        step.selectedServerProperty().addListener((o, a, server) -> selectRow());
        step.foundServers().addListener((ListChangeListener<DiscoveredServer>) c -> selectRow());
        missesLabel.textProperty().bind(step.missesProperty());
        WizardViews.showWhen(missesLabel, Bindings.isNotEmpty(step.missesProperty()));
        customHostLabel.setLabelFor(customHostField);
        customHostField.textProperty().bindBidirectional(step.customHostPortProperty());
        FieldDecorations.decorate(customHostField, customHostMessage, step.customHostPortValidator());
        scanCustomButton.disableProperty().bind(step.scanningProperty()
                .or(step.customHostPortValidator().validProperty().not())
                .or(Bindings.createBooleanBinding(() -> step.customHostPortProperty().get().isBlank(), step.customHostPortProperty())));
        scanCustomButton.setOnAction(e -> step.scan());
        customHostField.setOnAction(e -> {
            if (!scanCustomButton.isDisabled()) {
                step.scan();
            }
            e.consume();
        });
        WizardViews.showWhen(serverKeyBox, Bindings.createBooleanBinding(() -> step.selectedServerProperty().get() != null
                && step.selectedServerProperty().get().requiresKey(), step.selectedServerProperty()));
        serverKeyLabel.setLabelFor(serverKeyField);
        serverKeyField.textProperty().bindBidirectional(providerKey);
        WizardViews.modelList(foundModelsList, models, "No models yet: pick a server above.");
    }

    private void selectRow() {
        DiscoveredServer server = step.selectedServerProperty().get();
        if (server != null && scanList.getItems().contains(server) && scanList.getSelectionModel().getSelectedItem() != server) {
            scanList.getSelectionModel().select(server);
        }
    }

    /** A found server: what it is, where, and how many models it lists. */
    private static final class ServerCell extends ListCell<DiscoveredServer> {
        @Override
        protected void updateItem(DiscoveredServer item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("scan-row-found");
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            setText(item.summary());
            setGraphic(new FontIcon(Feather.CHECK_CIRCLE));
            getStyleClass().add("scan-row-found");
        }
    }
}
