package dev.switchboard.ui.accesskeys;

import dev.switchboard.viewmodel.accesskeys.AllowlistNode;
import dev.switchboard.viewmodel.accesskeys.ConfigurationChoice;
import dev.switchboard.viewmodel.accesskeys.NewAccessKeyViewModel;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.CheckTreeView;

/**
 * "Create access key": name, description, and what the key may call, chosen in the same dialog: tick
 * providers and models (the configuration editor's tree; the key gets a configuration named after it),
 * or pick an existing configuration. Create stays disabled until the form is valid.
 */
final class NewAccessKeyDialog extends Dialog<NewAccessKeyViewModel> {
    NewAccessKeyDialog(Window owner, NewAccessKeyViewModel form) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Create access key");
        setHeaderText("A key for one app or person. Its token is shown once.");
        setGraphic(null);
        getDialogPane().getStyleClass().addAll("app-dialog", "new-key-dialog");
        TextField name = new TextField();
        name.setId("new-key-name-field");
        name.setPromptText("laptop");
        name.textProperty().bindBidirectional(form.nameProperty());
        TextField description = new TextField();
        description.setId("new-key-description-field");
        description.setPromptText("optional");
        description.textProperty().bindBidirectional(form.descriptionProperty());
        Label nameError = error(form.nameErrorProperty(), name);
        Label descriptionError = error(form.descriptionErrorProperty(), description);

        ToggleGroup what = new ToggleGroup();
        RadioButton choose = new RadioButton("_Choose providers and models");
        choose.setId("new-key-choose-models");
        choose.setToggleGroup(what);
        RadioButton existing = new RadioButton("Use an _existing configuration");
        existing.setId("new-key-use-existing");
        existing.setToggleGroup(what);
        existing.setDisable(form.choices().isEmpty());
        choose.setSelected(form.choosesModels());
        existing.setSelected(!form.choosesModels());
        form.choosesModelsProperty().bind(choose.selectedProperty());

        TextField filter = new TextField();
        filter.setPromptText("Filter providers and models");
        filter.setId("new-key-filter");
        CheckTreeView<AllowlistNode> tree = new CheckTreeView<>();
        tree.setId("new-key-allowlist");
        tree.setPrefHeight(220);
        new AllowlistTree(tree, form.allowlist(), filter);
        Label hint = new Label("Only what you tick: a provider added later is not callable with this key until you allow it.");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        VBox models = new VBox(6, filter, tree, hint);
        VBox.setVgrow(tree, Priority.ALWAYS);
        models.disableProperty().bind(choose.selectedProperty().not());

        ComboBox<ConfigurationChoice> configuration = new ComboBox<>(form.choices());
        configuration.setId("new-key-configuration");
        configuration.valueProperty().bindBidirectional(form.configurationProperty());
        configuration.setMaxWidth(Double.MAX_VALUE);
        configuration.disableProperty().bind(existing.selectedProperty().not());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        grid.addRow(0, label("_Name", name), name);
        grid.add(nameError, 1, 1);
        grid.addRow(2, label("_Description", description), description);
        grid.add(descriptionError, 1, 3);
        GridPane.setHgrow(name, Priority.ALWAYS);
        Label may = new Label("What may it call?");
        may.getStyleClass().add("section-title");
        VBox box = new VBox(8, grid, may, choose, models, existing, configuration);
        box.setPrefWidth(520);
        getDialogPane().setContent(box);
        getDialogPane().getStylesheets().add(NewAccessKeyDialog.class.getResource("accesskeys.css").toExternalForm());
        ButtonType create = new ButtonType("Create", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(create, ButtonType.CANCEL);
        getDialogPane().lookupButton(create).setId("create-key-confirm");
        getDialogPane().lookupButton(create).disableProperty().bind(form.validProperty().not());
        setResizable(true);
        setResultConverter(button -> button == create ? form : null);
        setOnShown(e -> Platform.runLater(name::requestFocus));
    }

    /** The field's error, in a line kept for it, once the user typed in the field or left it (not on opening). */
    private static Label error(javafx.beans.value.ObservableValue<String> text, TextField field) {
        javafx.beans.property.BooleanProperty touched = new javafx.beans.property.SimpleBooleanProperty();
        field.focusedProperty().addListener((obs, was, is) -> touched.set(touched.get() || was && !is));
        field.textProperty().addListener((obs, o, n) -> touched.set(touched.get() || field.isFocused()));
        Label l = new Label();
        l.getStyleClass().add("field-error");
        l.textProperty().bind(text);
        l.visibleProperty().bind(l.textProperty().isNotEmpty().and(touched));
        return l;
    }

    private static Label label(String text, javafx.scene.Node target) {
        Label l = new Label(text);
        l.setMnemonicParsing(true);
        l.setLabelFor(target);
        return l;
    }
}
