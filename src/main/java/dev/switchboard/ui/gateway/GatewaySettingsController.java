package dev.switchboard.ui.gateway;

import atlantafx.base.theme.Styles;
import dev.switchboard.ui.FieldDecorations;
import dev.switchboard.ui.shell.ShellView;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.ConnectionState;
import dev.switchboard.viewmodel.gateway.GatewaySettingsViewModel;
import java.util.function.BooleanSupplier;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;

/** Binds the Gateway settings page to {@link GatewaySettingsViewModel}; nothing else. */
public final class GatewaySettingsController {
    private final GatewaySettingsViewModel vm;
    private final AppContext context;

    @FXML private BorderPane root;
    @FXML private Label gatewayLine;
    @FXML private TextField perRequestField;
    @FXML private Label perRequestMessage;
    @FXML private TextField totalField;
    @FXML private Label totalMessage;
    @FXML private TextField maxInputField;
    @FXML private Label maxInputMessage;
    @FXML private TextField maxOutputField;
    @FXML private Label maxOutputMessage;
    @FXML private Label unsavedLabel;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Label statusLabel;
    @FXML private Button revertButton;
    @FXML private Button saveButton;

    public GatewaySettingsController(AppContext context) {
        this.context = context;
        this.vm = GatewaySettingsViewModel.of(context);
    }

    public GatewaySettingsViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        root.setUserData(vm);
        root.getProperties().put(ShellView.LEAVE_GUARD, (BooleanSupplier) vm::confirmDiscard);
        gatewayLine.textProperty().bind(Bindings.createStringBinding(() -> {
            ConnectionState s = context.connections().stateProperty().get();
            return s == null || s.connection() == null ? "Not connected to a gateway."
                    : "These limits apply to every request through " + s.connection().label() + ".";
        }, context.connections().stateProperty()));
        perRequestField.textProperty().bindBidirectional(vm.perRequestTimeoutProperty());
        totalField.textProperty().bindBidirectional(vm.totalTimeoutProperty());
        maxInputField.textProperty().bindBidirectional(vm.maxInputTokensProperty());
        maxOutputField.textProperty().bindBidirectional(vm.maxOutputTokensProperty());
        FieldDecorations.decorate(perRequestField, perRequestMessage, vm.perRequestTimeoutValidator());
        FieldDecorations.decorate(totalField, totalMessage, vm.totalTimeoutValidator());
        FieldDecorations.decorate(maxInputField, maxInputMessage, vm.maxInputTokensValidator());
        FieldDecorations.decorate(maxOutputField, maxOutputMessage, vm.maxOutputTokensValidator());
        for (TextField field : new TextField[] {perRequestField, totalField, maxInputField, maxOutputField}) {
            field.disableProperty().bind(vm.savedProperty().isNull());
        }

        unsavedLabel.visibleProperty().bind(vm.dirtyProperty());
        unsavedLabel.managedProperty().bind(unsavedLabel.visibleProperty());
        busyIndicator.visibleProperty().bind(vm.busyProperty());
        busyIndicator.managedProperty().bind(busyIndicator.visibleProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        statusLabel.getStyleClass().add(Styles.TEXT_MUTED);
        saveButton.getStyleClass().add(Styles.ACCENT);
        saveButton.disableProperty().bind(vm.canSaveProperty().not());
        saveButton.setOnAction(e -> vm.save());
        revertButton.disableProperty().bind(vm.dirtyProperty().not());
        revertButton.setOnAction(e -> vm.revert());
        vm.load();
    }
}
