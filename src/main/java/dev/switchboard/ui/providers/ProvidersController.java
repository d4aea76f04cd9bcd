package dev.switchboard.ui.providers;

import dev.switchboard.ui.EmptyState;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.providers.ProvidersViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds the Providers view to {@link ProvidersViewModel}. */
public final class ProvidersController {
    private final ProvidersViewModel viewModel;

    @FXML private StackPane root;
    @FXML private EmptyState emptyState;
    @FXML private Button settingsButton;
    @FXML private Label gatewayLine;

    public ProvidersController(AppContext context) {
        this.viewModel = new ProvidersViewModel(context);
    }

    @FXML
    private void initialize() {
        root.setUserData(viewModel);
        settingsButton.setGraphic(new FontIcon(Feather.SETTINGS));
        settingsButton.setOnAction(e -> viewModel.openSettings());
        gatewayLine.textProperty().bind(viewModel.gatewayLineProperty());
    }
}
