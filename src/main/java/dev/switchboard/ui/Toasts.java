package dev.switchboard.ui;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import dev.switchboard.viewmodel.NotificationService;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** {@link NotificationService} as AtlantaFX notifications stacked in the window's top-right corner. */
public final class Toasts implements NotificationService {
    private static final Duration SHOWN_FOR = Duration.seconds(4);
    private final VBox stack = new VBox(8);

    public Toasts() {
        stack.getStyleClass().add("toasts");
        stack.setAlignment(Pos.TOP_RIGHT);
        stack.setPickOnBounds(false);
        stack.setMaxSize(380, StackPane.USE_PREF_SIZE);
        StackPane.setAlignment(stack, Pos.TOP_RIGHT);
        StackPane.setMargin(stack, new Insets(16));
    }

    /** The node to lay over the page area. */
    public VBox node() {
        return stack;
    }

    @Override
    public void notify(Kind kind, String message) {
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> notify(kind, message));
            return;
        }
        Notification n = new Notification(message, new FontIcon(switch (kind) {
            case INFO -> Feather.INFO;
            case SUCCESS -> Feather.CHECK_CIRCLE;
            case WARNING -> Feather.ALERT_TRIANGLE;
            case ERROR -> Feather.ALERT_OCTAGON;
        }));
        n.getStyleClass().addAll(Styles.ELEVATED_1, "toast", switch (kind) {
            case INFO -> Styles.ACCENT;
            case SUCCESS -> Styles.SUCCESS;
            case WARNING -> Styles.WARNING;
            case ERROR -> Styles.DANGER;
        });
        n.setPrefWidth(360);
        n.setMaxWidth(360);
        n.setOnClose(e -> stack.getChildren().remove(n));
        stack.getChildren().add(n);
        PauseTransition hide = new PauseTransition(kind == Kind.ERROR ? SHOWN_FOR.multiply(2) : SHOWN_FOR);
        hide.setOnFinished(e -> stack.getChildren().remove(n));
        hide.play();
    }
}
