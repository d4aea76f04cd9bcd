package dev.switchboard.ui.diagnose;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.ui.shell.ShellView;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.KeptTokens;
import dev.switchboard.viewmodel.diagnose.DiagnoseTarget;
import dev.switchboard.viewmodel.diagnose.DiagnoseViewModel;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The window a "Diagnose…" action opens beside the main one; its buttons go to a page and close it. */
public final class DiagnoseWindow {
    private final Stage stage = new Stage();
    private final DiagnoseViewModel viewModel;

    private DiagnoseWindow(Window owner, AppContext context) {
        Supplier<GatewayClient> client = () -> {
            GatewayConnection connection = context.connections().current();
            if (connection == null) {
                throw new IllegalStateException("Not connected to a gateway yet. Check Settings.");
            }
            return connection.client();
        };
        viewModel = new DiagnoseViewModel(client, context.tasks(), new KeptTokens(context.dataFolder()),
                context.navigator(), Platform::runLater);
        DiagnoseView view = new DiagnoseView(viewModel, action -> {
            viewModel.go(action);
            stage.close();
        }, stage::close);
        Scene scene = new Scene(view, 960, 700);
        scene.getStylesheets().add(Objects.requireNonNull(ShellView.class.getResource(ShellView.STYLESHEET)).toExternalForm());
        scene.getStylesheets().add(Objects.requireNonNull(DiagnoseWindow.class.getResource("diagnose.css")).toExternalForm());
        ShellView.applyTheme(view, context.appearance().getTheme());
        stage.setScene(scene);
        stage.setTitle("Diagnose a call");
        stage.setMinWidth(700);
        stage.setMinHeight(500);
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setOnHidden(e -> viewModel.close());
    }

    /** Opens the window filled from {@code target}; it diagnoses at once when the key and model are known. */
    public static DiagnoseWindow open(Window owner, AppContext context, DiagnoseTarget target) {
        DiagnoseWindow window = new DiagnoseWindow(owner, context);
        window.stage.show();
        window.viewModel.start(target);
        return window;
    }

    public Stage stage() {
        return stage;
    }

    public DiagnoseViewModel viewModel() {
        return viewModel;
    }
}
