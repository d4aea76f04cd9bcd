package dev.switchboard.ui.logs;

import dev.switchboard.ui.EmptyState;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.logs.LogsViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds the Logs view to {@link LogsViewModel}. */
public final class LogsController {
    private final LogsViewModel viewModel;

    @FXML private StackPane root;
    @FXML private EmptyState emptyState;
    @FXML private Button settingsButton;
    @FXML private Label gatewayLine;

    public LogsController(AppContext context) {
        this.viewModel = new LogsViewModel(context);
    }

    @FXML
    private void initialize() {
        root.setUserData(viewModel);
        settingsButton.setGraphic(new FontIcon(Feather.SETTINGS));
        settingsButton.setOnAction(e -> viewModel.openSettings());
        gatewayLine.textProperty().bind(viewModel.gatewayLineProperty());
    }
}
