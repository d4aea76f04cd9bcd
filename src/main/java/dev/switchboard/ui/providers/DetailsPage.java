package dev.switchboard.ui.providers;

import dev.switchboard.ui.FieldDecorations;
import dev.switchboard.viewmodel.providers.DetailsStep;
import dev.switchboard.viewmodel.providers.ModelChoice;
import dev.switchboard.viewmodel.providers.ModelList;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;

/** Binds {@code wizard/DetailsPage.fxml} to {@link DetailsStep}. */
final class DetailsPage {
    private final DetailsStep step;
    private final ModelList models;
    private final ObservableBooleanValue created;
    final Parent root;

    @FXML private Label providerIdLabel;
    @FXML TextField providerIdField;
    @FXML private Label providerIdMessage;
    @FXML private Label nameLabel;
    @FXML private TextField nameField;
    @FXML private Label nameMessage;
    @FXML private CheckBox chatCheck;
    @FXML private CheckBox responsesCheck;
    @FXML private CheckBox messagesCheck;
    @FXML private Label surfacesMessage;
    @FXML private ListView<ModelChoice> detailsModelsList;
    @FXML private TextField detailsNewModelField;
    @FXML private Button detailsAddModelButton;
    @FXML private Label detailsNewModelMessage;
    @FXML private Label modelsMessage;

    DetailsPage(DetailsStep step, ModelList models, ObservableBooleanValue created) {
        this.step = step;
        this.models = models;
        this.created = created;
        this.root = WizardViews.load("wizard/DetailsPage.fxml", this);
    }

    @FXML
    private void initialize() {
        providerIdLabel.setLabelFor(providerIdField);
        providerIdField.textProperty().bindBidirectional(step.providerIdProperty());
        providerIdField.disableProperty().bind(created);
        FieldDecorations.decorate(providerIdField, providerIdMessage, step.providerIdValidator());
        nameLabel.setLabelFor(nameField);
        nameField.textProperty().bindBidirectional(step.displayNameProperty());
        FieldDecorations.decorate(nameField, nameMessage, step.displayNameValidator());
        chatCheck.selectedProperty().bindBidirectional(step.chatCompletionsProperty());
        responsesCheck.selectedProperty().bindBidirectional(step.responsesProperty());
        messagesCheck.selectedProperty().bindBidirectional(step.messagesProperty());
        FieldDecorations.decorate(chatCheck, surfacesMessage, step.surfacesValidator());
        WizardViews.modelList(detailsModelsList, models, "No models: type a model id below and press Add model.");
        FieldDecorations.decorate(detailsModelsList, modelsMessage, models.validator());
        WizardViews.newModelRow(models, detailsNewModelField, detailsAddModelButton, detailsNewModelMessage);
    }
}
