package dev.switchboard.ui.providerkeys;

import dev.switchboard.ui.FieldDecorations;
import dev.switchboard.viewmodel.providerkeys.ProviderFilter;
import dev.switchboard.viewmodel.providerkeys.ProviderKeyForm;
import dev.switchboard.viewmodel.validation.FieldValidator;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Add key" and "Rotate": provider (add only), name, and the value in a masked field with a Show toggle.
 * The value is cleared from the form when the dialog closes either way.
 */
final class ProviderKeyDialog extends Dialog<ProviderKeyForm> {
    ProviderKeyDialog(Window owner, ProviderKeyForm form) {
        if (owner != null) {
            initOwner(owner);
        }
        boolean rotation = form.isRotation();
        setTitle(rotation ? "Rotate provider key" : "Add provider key");
        setHeaderText(rotation
                ? "A new value for '" + form.rotating().name() + "' (now " + form.rotating().keyRedacted() + ")"
                : "A key the gateway sends to a provider's model server");
        VBox content = new VBox(4);
        content.setPrefWidth(500);
        if (!rotation) {
            ComboBox<ProviderFilter> provider = new ComboBox<>(form.providers());
            provider.setId("key-provider");
            provider.setMaxWidth(Double.MAX_VALUE);
            provider.setPromptText("Choose the provider this key is for");
            provider.valueProperty().bindBidirectional(form.providerProperty());
            field(content, "_Provider", provider, form.providerValidator());
        }
        TextField name = new TextField();
        name.setId("key-name");
        name.setPromptText("e.g. primary");
        name.textProperty().bindBidirectional(form.nameProperty());
        field(content, "_Name", name, form.nameValidator());

        PasswordField masked = new PasswordField();
        masked.setId("key-value");
        masked.setPromptText(rotation ? "The new value" : "The key's value, e.g. sk-…");
        masked.textProperty().bindBidirectional(form.valueProperty());
        TextField shown = new TextField();
        shown.setId("key-value-shown");
        shown.textProperty().bindBidirectional(form.valueProperty());
        shown.visibleProperty().bind(form.showValueProperty());
        masked.visibleProperty().bind(form.showValueProperty().not());
        ToggleButton show = new ToggleButton("Sho_w");
        show.setId("key-value-show");
        show.setMnemonicParsing(true);
        show.selectedProperty().bindBidirectional(form.showValueProperty());
        StackPane value = new StackPane(masked, shown);
        HBox.setHgrow(value, Priority.ALWAYS);
        HBox valueRow = new HBox(6, value, show);
        valueRow.getStyleClass().add("key-value-row");
        field(content, "_Value", valueRow, form.valueValidator(), masked);
        Label help = new Label(rotation
                ? "The old value stops working as soon as you rotate. Configurations using this key keep using it."
                : "Write-only: the gateway never shows it again, only its first characters and last 4.");
        help.setWrapText(true);
        help.getStyleClass().add("key-dialog-help");
        content.getChildren().add(help);

        getDialogPane().setContent(content);
        getDialogPane().getStylesheets().add(ProviderKeyDialog.class.getResource("providerkeys.css").toExternalForm());
        ButtonType ok = new ButtonType(rotation ? "Rotate" : "Add", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);
        getDialogPane().lookupButton(ok).setId("key-dialog-confirm");
        getDialogPane().lookupButton(ok).disableProperty().bind(form.validProperty().not());
        setResultConverter(button -> {
            if (button != ok) {
                form.clearValue();
                return null;
            }
            return form;
        });
        Node first = rotation ? masked : name;
        setOnShown(e -> Platform.runLater(first::requestFocus));
    }

    private static void field(VBox content, String label, Node control, FieldValidator<?> v) {
        field(content, label, control, v, (Control) control);
    }

    private static void field(VBox content, String label, Node control, FieldValidator<?> v,
                              Control decorated) {
        Label l = new Label(label);
        l.setMnemonicParsing(true);
        l.setLabelFor(decorated);
        l.getStyleClass().add("field-label");
        Label message = new Label();
        FieldDecorations.decorate(decorated, message, v);
        VBox box = new VBox(4, l, control, message);
        box.getStyleClass().add("key-field");
        content.getChildren().add(box);
    }
}
