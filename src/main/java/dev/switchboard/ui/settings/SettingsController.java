package dev.switchboard.ui.settings;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import dev.switchboard.ui.FieldDecorations;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.settings.SettingsStore;
import dev.switchboard.viewmodel.settings.SettingsViewModel;
import dev.switchboard.viewmodel.settings.SettingsViewModel.TestOutcome;
import dev.switchboard.viewmodel.settings.Theme;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds the Settings view to {@link SettingsViewModel}; nothing else. */
public final class SettingsController {
    private final SettingsViewModel viewModel;
    private final AppContext context;

    @FXML private BorderPane root;
    @FXML private ToggleGroup modeGroup;
    @FXML private RadioButton embeddedRadio;
    @FXML private RadioButton hostedRadio;
    @FXML private Label embeddedStatus;
    @FXML private VBox hostedFields;
    @FXML private TextField controlPlaneField;
    @FXML private Label controlPlaneMessage;
    @FXML private TextField dataPlaneField;
    @FXML private Label dataPlaneMessage;
    @FXML private PasswordField apiKeyField;
    @FXML private Label apiKeyMessage;
    @FXML private Label apiKeyHelp;
    @FXML private Button testButton;
    @FXML private ProgressIndicator testProgress;
    @FXML private Label testResult;
    @FXML private ToggleSwitch darkSwitch;
    @FXML private Label saveHint;
    @FXML private Button revertButton;
    @FXML private Button saveButton;

    public SettingsController(AppContext context) {
        this.context = context;
        this.viewModel = new SettingsViewModel(context);
    }

    public SettingsViewModel viewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        root.setUserData(viewModel);
        embeddedRadio.setUserData(GatewayMode.EMBEDDED);
        hostedRadio.setUserData(GatewayMode.HOSTED);
        selectMode(viewModel.modeProperty().get());
        viewModel.modeProperty().addListener((obs, o, n) -> selectMode(n));
        modeGroup.selectedToggleProperty().addListener((obs, o, n) -> {
            if (n != null) {
                viewModel.modeProperty().set((GatewayMode) n.getUserData());
            }
        });
        embeddedStatus.textProperty().bind(viewModel.embeddedStatusProperty());
        embeddedStatus.visibleProperty().bind(viewModel.hostedProperty().not());
        embeddedStatus.managedProperty().bind(embeddedStatus.visibleProperty());

        hostedFields.visibleProperty().bind(viewModel.hostedProperty());
        hostedFields.managedProperty().bind(hostedFields.visibleProperty());
        controlPlaneField.textProperty().bindBidirectional(viewModel.controlPlaneUrlProperty());
        dataPlaneField.textProperty().bindBidirectional(viewModel.dataPlaneUrlProperty());
        apiKeyField.textProperty().bindBidirectional(viewModel.apiKeyProperty());
        FieldDecorations.decorate(controlPlaneField, controlPlaneMessage, viewModel.controlPlaneUrlValidator());
        FieldDecorations.decorate(dataPlaneField, dataPlaneMessage, viewModel.dataPlaneUrlValidator());
        FieldDecorations.decorate(apiKeyField, apiKeyMessage, viewModel.apiKeyValidator());
        apiKeyHelp.setText("Saved in " + context.dataFolder().resolve(SettingsStore.API_KEY_FILE)
                + ", readable only by you. Never logged.");
        apiKeyHelp.getStyleClass().add(Styles.TEXT_MUTED);

        testButton.setGraphic(new FontIcon(Feather.ZAP));
        testButton.disableProperty().bind(viewModel.testConnectionCommand().executableProperty().not());
        testButton.setOnAction(e -> viewModel.testConnection());
        testProgress.visibleProperty().bind(viewModel.testConnectionCommand().runningProperty());
        testProgress.managedProperty().bind(testProgress.visibleProperty());
        testResult.textProperty().bind(viewModel.testMessageProperty());
        viewModel.testOutcomeProperty().addListener((obs, o, n) -> styleTestResult(n));

        darkSwitch.setSelected(viewModel.themeProperty().get() == Theme.DARK);
        darkSwitch.selectedProperty().addListener((obs, o, n) -> viewModel.themeProperty().set(n ? Theme.DARK : Theme.LIGHT));
        viewModel.themeProperty().addListener((obs, o, n) -> darkSwitch.setSelected(n == Theme.DARK));

        saveButton.getStyleClass().add(Styles.ACCENT);
        saveButton.disableProperty().bind(viewModel.saveCommand().executableProperty().not());
        saveButton.setOnAction(e -> viewModel.save());
        revertButton.setOnAction(e -> viewModel.revert());
        saveHint.textProperty().bind(Bindings.when(viewModel.validation().allValidProperty())
                .then("").otherwise("Fix the highlighted fields to save."));
        saveHint.getStyleClass().add(Styles.TEXT_MUTED);

        viewModel.load();
    }

    private void selectMode(GatewayMode mode) {
        modeGroup.selectToggle(mode == GatewayMode.HOSTED ? hostedRadio : embeddedRadio);
    }

    private void styleTestResult(TestOutcome outcome) {
        testResult.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.TEXT_MUTED);
        testResult.setGraphic(null);
        switch (outcome) {
            case SUCCEEDED -> {
                testResult.getStyleClass().add(Styles.SUCCESS);
                testResult.setGraphic(new FontIcon(Feather.CHECK_CIRCLE));
            }
            case FAILED -> {
                testResult.getStyleClass().add(Styles.DANGER);
                testResult.setGraphic(new FontIcon(Feather.X_CIRCLE));
            }
            case RUNNING -> testResult.getStyleClass().add(Styles.TEXT_MUTED);
            case NONE -> { }
        }
    }
}
