package dev.switchboard.ui.providerkeys;

import dev.switchboard.viewmodel.providerkeys.ConfigurationLink;
import dev.switchboard.viewmodel.providerkeys.DeleteRefusal;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The gateway refused a delete (409): names each configuration still routing through the key, as a link to open it. */
final class DeleteRefusedDialog extends Dialog<ConfigurationLink> {
    DeleteRefusedDialog(Window owner, DeleteRefusal refusal) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Key in use");
        setHeaderText("'" + refusal.row().name() + "' is still in use");
        Label message = new Label(refusal.message());
        message.setWrapText(true);
        message.setId("refusal-message");
        VBox links = new VBox(2);
        links.getStyleClass().add("refusal-links");
        links.setId("refusal-links");
        for (ConfigurationLink link : refusal.configurations()) {
            Hyperlink h = new Hyperlink("Open configuration '" + link.label() + "'");
            h.setId("open-configuration-" + link.id());
            h.setWrapText(true);
            h.setOnAction(e -> {
                setResult(link);
                close();
            });
            links.getChildren().add(h);
        }
        VBox content = new VBox(10, message, links);
        content.setPrefWidth(480);
        getDialogPane().setContent(content);
        getDialogPane().getStylesheets().add(DeleteRefusedDialog.class.getResource("providerkeys.css").toExternalForm());
        getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        getDialogPane().lookupButton(ButtonType.CLOSE).setId("refusal-close");
        setResultConverter(button -> null);
    }
}
