package dev.switchboard.ui.accesskeys;

import dev.switchboard.api.AccessKey;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Shows a new access key's token, the one time it exists outside the gateway's hash. Result: keep it locally. */
final class TokenDialog extends Dialog<Boolean> {
    TokenDialog(Window owner, AccessKey created) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Access key created");
        setGraphic(null);
        getDialogPane().getStyleClass().add("app-dialog");
        setHeaderText("Copy the token for '" + created.name() + "' now");
        Label warning = new Label("This is the only time the token is shown. The gateway keeps only a hash of it: "
                + "if you lose it, revoke the key and create a new one.");
        warning.setWrapText(true);
        warning.getStyleClass().add("token-warning");
        TextField token = new TextField(created.token());
        token.setEditable(false);
        token.setId("token-field");
        token.getStyleClass().add("token-box");
        token.setPrefColumnCount(42);
        HBox.setHgrow(token, Priority.ALWAYS);
        Button copy = new Button("_Copy");
        copy.setId("copy-token");
        Label copied = new Label();
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(created.token());
            Clipboard.getSystemClipboard().setContent(content);
            copied.setText("Copied to the clipboard.");
        });
        CheckBox keep = new CheckBox("_Keep this token in this console, so the chat pane can use it "
                + "(stored in the data folder, readable only by you)");
        keep.setId("keep-token");
        keep.setWrapText(true);
        VBox box = new VBox(10, warning, new HBox(8, token, copy), copied, keep);
        box.setPrefWidth(560);
        getDialogPane().setContent(box);
        getDialogPane().getStylesheets().add(TokenDialog.class.getResource("accesskeys.css").toExternalForm());
        getDialogPane().getButtonTypes().setAll(ButtonType.FINISH);
        ((Button) getDialogPane().lookupButton(ButtonType.FINISH)).setText("Done");
        getDialogPane().lookupButton(ButtonType.FINISH).setId("token-done");
        setResultConverter(button -> keep.isSelected());
        setOnShown(e -> token.selectAll());
    }
}
