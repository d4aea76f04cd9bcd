package dev.switchboard.ui;

import atlantafx.base.theme.Styles;
import dev.switchboard.viewmodel.validation.FieldValidator;
import dev.switchboard.viewmodel.validation.ValidationStatus;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows a {@link FieldValidator}'s status on its control: a red outline (AtlantaFX's {@code :danger}
 * state), the message in a label right under the field, and the same message as the field's tooltip.
 */
public final class FieldDecorations {
    private static final javafx.css.PseudoClass DANGER = Styles.STATE_DANGER;

    private FieldDecorations() {
    }

    public static void decorate(Control field, Label message, FieldValidator<?> validator) {
        message.getStyleClass().addAll("field-message", Styles.DANGER);
        message.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        message.setWrapText(true);
        Tooltip tooltip = new Tooltip();
        field.setUserData(validator);
        Runnable show = () -> {
            ValidationStatus s = validator.statusProperty().get();
            boolean error = s != null && !s.valid();
            field.pseudoClassStateChanged(DANGER, error);
            message.setText(error ? s.message() : "");
            message.setVisible(error);
            message.setManaged(error);
            field.setTooltip(error ? tooltip : null);
            tooltip.setText(error ? s.message() : "");
        };
        validator.statusProperty().addListener((obs, o, n) -> show.run());
        show.run();
    }
}
