package dev.switchboard.ui.chat;

import atlantafx.base.theme.PrimerLight;
import dev.switchboard.viewmodel.chat.ChatViewModel;
import java.io.IOException;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Shows the Chat page for a view-model on a stage, as the app styles it (light theme), for tests and bench/chat-ui. */
public final class ChatPages {
    private ChatPages() {
    }

    /** On the FX thread: loads the page, shows it at {@code width}×{@code height} and loads the kept tokens. */
    public static Parent show(Stage stage, ChatViewModel vm, int width, int height) throws IOException {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        FXMLLoader loader = new FXMLLoader(ChatController.class.getResource("ChatView.fxml"));
        loader.setControllerFactory(type -> new ChatController(vm));
        Parent root = loader.load();
        root.getStylesheets().add(0, ChatController.class.getResource("/dev/switchboard/ui/switchboard.css").toExternalForm());
        stage.setScene(new Scene(root, width, height));
        stage.show();
        vm.refresh();
        return root;
    }
}
