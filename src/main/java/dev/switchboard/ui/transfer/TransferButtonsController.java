package dev.switchboard.ui.transfer;

import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.transfer.CopyViewModel;
import dev.switchboard.viewmodel.transfer.ExportViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;

/** The Settings page's row of Export…, Import… and "Copy to another gateway…"; each opens its dialog. */
public final class TransferButtonsController {
    private final AppContext context;

    @FXML private HBox root;
    @FXML private Button exportButton;
    @FXML private Button importButton;
    @FXML private Button copyButton;

    public TransferButtonsController(AppContext context) {
        this.context = context;
    }

    @FXML
    private void initialize() {
        exportButton.setOnAction(e -> new ExportDialog(window(), new ExportViewModel(context)).show());
        importButton.setOnAction(e -> ImportDialog.chooseFile(window()).ifPresent(file -> ImportDialog.open(window(),
                context, file)));
        copyButton.setOnAction(e -> openCopy().show());
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    /** Opens "Copy to another gateway…" (package-visible for the screenshot test). */
    TransferDialog openCopy() {
        CopyViewModel vm = new CopyViewModel(context);
        TextField url = new TextField();
        url.setId("copy-target-url");
        url.textProperty().bindBidirectional(vm.targetUrlProperty());
        PasswordField key = new PasswordField();
        key.setId("copy-target-key");
        key.setPromptText("The other gateway's API key");
        key.textProperty().bindBidirectional(vm.apiKeyProperty());
        Button plan = new Button("_Read and plan");
        plan.setId("copy-plan");
        plan.setMnemonicParsing(true);
        plan.setOnAction(e -> vm.plan());
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(4);
        form.addRow(0, new Label("Control-plane URL"), url, plan);
        form.add(TransferDialog.fieldError(vm.targetUrlErrorProperty()), 1, 1);
        form.addRow(2, new Label("API key"), key);
        GridPane.setHgrow(url, javafx.scene.layout.Priority.ALWAYS);
        return new TransferDialog(window(), "Copy to another gateway", "Copies this gateway's providers, provider"
                + " keys (with their values, straight from this machine's store), access key configurations and"
                + " settings to another gateway, such as the hosted one. Nothing is written until you apply the"
                + " plan.", form, vm.transfer(), vm::close);
    }
}
