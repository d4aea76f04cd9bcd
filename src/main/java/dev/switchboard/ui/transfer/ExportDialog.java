package dev.switchboard.ui.transfer;

import dev.switchboard.viewmodel.transfer.ExportViewModel;
import java.io.File;
import java.util.Objects;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/** "Export…": whether to include provider-key values, then where to write the file. Binds only. */
final class ExportDialog {
    private final Stage stage = new Stage();

    ExportDialog(Window owner, ExportViewModel vm) {
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle("Export configuration");
        Label heading = new Label("Export configuration");
        heading.getStyleClass().add("section-title");
        Label sub = new Label("Providers, provider keys (by name), access key configurations and gateway settings,"
                + " as a YAML file made for review in git: sorted, no ids or timestamps. Access keys are not"
                + " exported: their tokens exist once.");
        sub.setWrapText(true);
        sub.getStyleClass().add("section-subtitle");
        CheckBox secrets = new CheckBox("_Include provider-key values (the file is then readable by you only)");
        secrets.setId("include-secrets");
        secrets.setMnemonicParsing(true);
        secrets.selectedProperty().bindBidirectional(vm.includeSecretsProperty());
        secrets.disableProperty().bind(vm.secretsAvailableProperty().not());
        Label secretsHelp = new Label("Values can be exported from the embedded gateway only: a gateway's API"
                + " never returns them.");
        secretsHelp.setWrapText(true);
        secretsHelp.getStyleClass().add("transfer-note");
        secretsHelp.visibleProperty().bind(vm.secretsAvailableProperty().not());
        secretsHelp.managedProperty().bind(secretsHelp.visibleProperty());
        Label status = new Label();
        status.setId("export-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        vm.failedProperty().addListener((obs, o, n) -> status.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("error"), n));
        status.getStyleClass().add("transfer-status");

        Button choose = new Button("_Choose file and export…");
        choose.setId("export-choose");
        choose.setMnemonicParsing(true);
        choose.setDefaultButton(true);
        choose.disableProperty().bind(vm.busyProperty());
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export configuration to");
            chooser.setInitialFileName("switchboard-gateway.yaml");
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"),
                    new FileChooser.ExtensionFilter("JSON", "*.json"));
            File file = chooser.showSaveDialog(stage);
            if (file != null) {
                vm.exportTo(file.toPath());
            }
        });
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        HBox buttons = new HBox(10, new Region(), close, choose);
        HBox.setHgrow(buttons.getChildren().get(0), Priority.ALWAYS);
        VBox root = new VBox(12, heading, sub, secrets, secretsHelp, status, buttons);
        VBox.setVgrow(status, Priority.ALWAYS);
        root.setId("export-dialog");
        root.getStyleClass().addAll("transfer-dialog", "transfer-top");
        Scene scene = new Scene(root, 620, 300);
        scene.getStylesheets().add(Objects.requireNonNull(ExportDialog.class.getResource(TransferDialog.STYLESHEET))
                .toExternalForm());
        stage.setScene(scene);
    }

    void show() {
        stage.show();
    }
}
