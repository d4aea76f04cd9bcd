package dev.switchboard.ui.accesskeys;

import dev.switchboard.viewmodel.accesskeys.ConfigurationChoice;
import dev.switchboard.viewmodel.accesskeys.NewAccessKeyViewModel;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/** "Create access key": name, description, configuration; Create stays disabled until the form is valid. */
final class NewAccessKeyDialog extends Dialog<NewAccessKeyViewModel> {
    NewAccessKeyDialog(Window owner, NewAccessKeyViewModel form) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Create access key");
        setHeaderText("A key for one app or person; its token is shown once.");
        TextField name = new TextField();
        name.setId("new-key-name-field");
        name.setPromptText("laptop");
        name.textProperty().bindBidirectional(form.nameProperty());
        TextField description = new TextField();
        description.setId("new-key-description-field");
        description.setPromptText("optional");
        description.textProperty().bindBidirectional(form.descriptionProperty());
        ComboBox<ConfigurationChoice> configuration = new ComboBox<>(form.choices());
        configuration.setId("new-key-configuration");
        configuration.valueProperty().bindBidirectional(form.configurationProperty());
        configuration.setMaxWidth(Double.MAX_VALUE);
        Label nameError = new Label();
        nameError.getStyleClass().add("field-error");
        nameError.textProperty().bind(form.nameErrorProperty());
        Label descriptionError = new Label();
        descriptionError.getStyleClass().add("field-error");
        descriptionError.textProperty().bind(form.descriptionErrorProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        grid.addRow(0, label("_Name", name), name);
        grid.add(nameError, 1, 1);
        grid.addRow(2, label("_Description", description), description);
        grid.add(descriptionError, 1, 3);
        grid.addRow(4, label("C_onfiguration", configuration), configuration);
        grid.setPrefWidth(460);
        getDialogPane().setContent(grid);
        getDialogPane().getStylesheets().add(NewAccessKeyDialog.class.getResource("accesskeys.css").toExternalForm());
        ButtonType create = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(create, ButtonType.CANCEL);
        getDialogPane().lookupButton(create).setId("create-key-confirm");
        getDialogPane().lookupButton(create).disableProperty().bind(form.validProperty().not());
        setResultConverter(button -> button == create ? form : null);
        setOnShown(e -> Platform.runLater(name::requestFocus));
    }

    private static Label label(String text, javafx.scene.Node target) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        return l;
    }
}
