package dev.switchboard.ui.chat;

import dev.switchboard.ui.EmptyState;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.chat.ChatViewModel;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Binds the Chat view to {@link ChatViewModel}. */
public final class ChatController {
    private final ChatViewModel viewModel;

    @FXML private StackPane root;
    @FXML private EmptyState emptyState;
    @FXML private Button settingsButton;
    @FXML private Label gatewayLine;

    public ChatController(AppContext context) {
        this.viewModel = new ChatViewModel(context);
    }

    @FXML
    private void initialize() {
        root.setUserData(viewModel);
        settingsButton.setGraphic(new FontIcon(Feather.SETTINGS));
        settingsButton.setOnAction(e -> viewModel.openSettings());
        gatewayLine.textProperty().bind(viewModel.gatewayLineProperty());
    }
}
