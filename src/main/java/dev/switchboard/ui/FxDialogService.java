package dev.switchboard.ui;

import dev.switchboard.viewmodel.DialogService;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

/** {@link DialogService} with JavaFX alerts owned by the main window. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message) {
        alert(Alert.AlertType.ERROR, title, message).showAndWait();
    }

    @Override
    public void showInformation(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message).showAndWait();
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        return ask(title, message, confirmLabel, false);
    }

    @Override
    public boolean confirmDestructive(String title, String message, String confirmLabel) {
        return ask(title, message, confirmLabel, true);
    }

    private boolean ask(String title, String message, String confirmLabel, boolean destructive) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, title, message);
        ButtonType yes = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        a.getButtonTypes().setAll(yes, ButtonType.CANCEL);
        if (destructive) {
            a.getDialogPane().lookupButton(yes).getStyleClass().add(atlantafx.base.theme.Styles.DANGER);
        }
        return a.showAndWait().filter(yes::equals).isPresent();
    }

    @Override
    public int choose(String title, String message, java.util.List<String> options) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, title, message);
        java.util.List<ButtonType> buttons = new java.util.ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            buttons.add(new ButtonType(options.get(i), i == 0 ? ButtonBar.ButtonData.OK_DONE : ButtonBar.ButtonData.OTHER));
        }
        a.getButtonTypes().setAll(buttons);
        a.getButtonTypes().add(ButtonType.CANCEL);
        return a.showAndWait().map(buttons::indexOf).orElse(-1);
    }

    /** The app's own dialog look: no stock alert icon, the title as a bold header, the message wrapped. */
    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert a = new Alert(type);
        a.setGraphic(null);
        a.getDialogPane().getStyleClass().add("app-dialog");
        a.getDialogPane().setMinWidth(440);
        Window w = owner.get();
        if (w != null) {
            a.initOwner(w);
        }
        a.setTitle(title);
        a.setHeaderText(title);
        a.setContentText(message);
        return a;
    }
}
