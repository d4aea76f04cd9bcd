package dev.switchboard.ui.providers;

import dev.switchboard.ui.FieldDecorations;
import dev.switchboard.viewmodel.providers.AccessStep;
import dev.switchboard.viewmodel.providers.ConfigurationChoice;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.VBox;

/** Binds {@code wizard/AccessPage.fxml} to {@link AccessStep}. */
final class AccessPage {
    private final AccessStep step;
    final Parent root;

    @FXML private ProgressIndicator configurationsProgress;
    @FXML ListView<ConfigurationChoice> configurationsList;
    @FXML private Label routingNote;
    @FXML private CheckBox createConfigCheck;
    @FXML private VBox newConfigBox;
    @FXML private Label newConfigNameLabel;
    @FXML private TextField newConfigNameField;
    @FXML private Label newConfigNameMessage;
    @FXML private Label newKeyNameLabel;
    @FXML private TextField newKeyNameField;
    @FXML private Label newKeyNameMessage;

    AccessPage(AccessStep step) {
        this.step = step;
        this.root = WizardViews.load("wizard/AccessPage.fxml", this);
    }

    @FXML
    private void initialize() {
        configurationsProgress.visibleProperty().bind(step.loadingProperty());
        configurationsList.setItems(step.configurations());
        configurationsList.setCellFactory(CheckBoxListCell.forListView(ConfigurationChoice::selectedProperty,
                WizardViews.converter(c -> c.name() + "  ·  " + c.note())));
        configurationsList.setPlaceholder(new Label("No access key configurations yet."));
        routingNote.textProperty().bind(step.routingNoteProperty());
        WizardViews.showWhen(routingNote, Bindings.isNotEmpty(routingNote.textProperty()));
        createConfigCheck.selectedProperty().bindBidirectional(step.createConfigurationProperty());
        WizardViews.showWhen(newConfigBox, step.createConfigurationProperty());
        newConfigNameLabel.setLabelFor(newConfigNameField);
        newConfigNameField.textProperty().bindBidirectional(step.newConfigurationNameProperty());
        FieldDecorations.decorate(newConfigNameField, newConfigNameMessage, step.newConfigurationNameValidator());
        newKeyNameLabel.setLabelFor(newKeyNameField);
        newKeyNameField.textProperty().bindBidirectional(step.newAccessKeyNameProperty());
        FieldDecorations.decorate(newKeyNameField, newKeyNameMessage, step.newAccessKeyNameValidator());
    }
}
