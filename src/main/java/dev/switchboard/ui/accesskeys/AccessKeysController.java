package dev.switchboard.ui.accesskeys;

import dev.switchboard.ui.EmptyState;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.accesskeys.AccessKeysViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds the AccessKeys view to {@link AccessKeysViewModel}. */
public final class AccessKeysController {
    private final AccessKeysViewModel viewModel;

    @FXML private StackPane root;
    @FXML private EmptyState emptyState;
    @FXML private Button settingsButton;
    @FXML private Label gatewayLine;

    public AccessKeysController(AppContext context) {
        this.viewModel = new AccessKeysViewModel(context);
    }

    @FXML
    private void initialize() {
        root.setUserData(viewModel);
        settingsButton.setGraphic(new FontIcon(Feather.SETTINGS));
        settingsButton.setOnAction(e -> viewModel.openSettings());
        gatewayLine.textProperty().bind(viewModel.gatewayLineProperty());
    }
}
