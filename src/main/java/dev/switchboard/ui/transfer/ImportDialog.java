package dev.switchboard.ui.transfer;

import dev.switchboard.ui.SegmentedLabel;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.transfer.ImportViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Import…": the system's file chooser first, then the plan for the chosen file against the console's gateway
 * in the transfer window, with "Choose another file…" to plan a different one. Binds only.
 */
public final class ImportDialog {
    private final TransferDialog dialog;

    private ImportDialog(Window owner, ImportViewModel vm) {
        Label label = new Label("File:");
        label.setMinWidth(Label.USE_PREF_SIZE);
        SegmentedLabel name = SegmentedLabel.path();
        name.setId("import-file");
        name.textProperty().bind(vm.fileNameProperty());
        HBox.setHgrow(name, Priority.ALWAYS);
        Button other = new Button("Choose another _file…");
        other.setId("import-choose-another");
        other.setMnemonicParsing(true);
        other.setMinWidth(Button.USE_PREF_SIZE);
        HBox row = new HBox(10, label, name, other);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        dialog = new TransferDialog(owner, "Import configuration", "Brings this gateway to the state the file"
                + " describes. Nothing is written until you apply the plan.", row, vm.transfer(), () -> { });
        other.setOnAction(e -> chooseFile(dialog.stage()).ifPresent(vm::load));
    }

    /** Asks for a configuration file with the system's file chooser; empty when the user cancels. */
    public static Optional<Path> chooseFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import configuration from");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Configuration", "*.yaml", "*.yml",
                "*.json"), new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(owner);
        return Optional.ofNullable(file).map(File::toPath);
    }

    /** Opens the window on the file the chooser returned and starts reading it and the gateway. */
    public static Stage open(Window owner, AppContext context, Path chosen) {
        ImportViewModel vm = new ImportViewModel(context);
        ImportDialog importDialog = new ImportDialog(owner, vm);
        importDialog.dialog.show();
        vm.load(chosen);
        return importDialog.dialog.stage();
    }
}
