package dev.switchboard.ui.providers;

import dev.switchboard.ui.FieldDecorations;
import dev.switchboard.viewmodel.providers.ExternalUrlStep;
import dev.switchboard.viewmodel.providers.ModelChoice;
import dev.switchboard.viewmodel.providers.ModelList;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds {@code wizard/ExternalUrlPage.fxml} to {@link ExternalUrlStep}. */
final class ExternalUrlPage {
    private final ExternalUrlStep step;
    private final ModelList models;
    private final StringProperty providerKey;
    final Parent root;

    @FXML private Label baseUrlLabel;
    @FXML TextField baseUrlField;
    @FXML private Label baseUrlMessage;
    @FXML private Label baseUrlHelp;
    @FXML private Label keyLabel;
    @FXML private PasswordField keyField;
    @FXML private TextField keyTextField;
    @FXML private ToggleButton showKeyButton;
    @FXML private Button fetchButton;
    @FXML private ProgressIndicator fetchProgress;
    @FXML private Label fetchStatusLabel;
    @FXML private ListView<ModelChoice> externalModelsList;
    @FXML private TextField externalNewModelField;
    @FXML private Button externalAddModelButton;
    @FXML private Label externalNewModelMessage;

    ExternalUrlPage(ExternalUrlStep step, ModelList models, StringProperty providerKey) {
        this.step = step;
        this.models = models;
        this.providerKey = providerKey;
        this.root = WizardViews.load("wizard/ExternalUrlPage.fxml", this);
    }

    @FXML
    private void initialize() {
        baseUrlLabel.setLabelFor(baseUrlField);
        baseUrlField.textProperty().bindBidirectional(step.baseUrlProperty());
        FieldDecorations.decorate(baseUrlField, baseUrlMessage, step.baseUrlValidator());
        keyLabel.setLabelFor(keyField);
        keyField.textProperty().bindBidirectional(providerKey);
        keyTextField.textProperty().bindBidirectional(providerKey);
        WizardViews.showWhen(keyTextField, step.keyVisibleProperty());
        WizardViews.showWhen(keyField, step.keyVisibleProperty().not());
        showKeyButton.selectedProperty().bindBidirectional(step.keyVisibleProperty());
        showKeyButton.textProperty().bind(Bindings.when(step.keyVisibleProperty()).then("Hid_e").otherwise("Sho_w"));
        showKeyButton.graphicProperty().bind(Bindings.when(step.keyVisibleProperty())
                .then((Node) new FontIcon(Feather.EYE_OFF)).otherwise((Node) new FontIcon(Feather.EYE)));
        fetchButton.setGraphic(new FontIcon(Feather.DOWNLOAD_CLOUD));
        fetchButton.disableProperty().bind(step.baseUrlValidator().validProperty().not().or(step.fetchingModelsProperty()));
        fetchButton.setOnAction(e -> step.fetchModels());
        fetchProgress.visibleProperty().bind(step.fetchingModelsProperty());
        fetchStatusLabel.textProperty().bind(step.fetchStatusProperty());
        WizardViews.modelList(externalModelsList, models, "No models yet: press Fetch models, or type model ids below.");
        WizardViews.newModelRow(models, externalNewModelField, externalAddModelButton, externalNewModelMessage);
    }
}
