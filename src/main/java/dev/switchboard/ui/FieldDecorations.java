package dev.switchboard.ui;

import atlantafx.base.theme.Styles;
import dev.switchboard.viewmodel.validation.FieldValidator;
import dev.switchboard.viewmodel.validation.ValidationStatus;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows a {@link FieldValidator}'s status on its control: a red outline (AtlantaFX's {@code :danger}
 * state), the message in a label right under the field, and the same message as the field's tooltip.
 * A text field or choice left empty says nothing until the user has been in it (or {@code reveal} turns true, e.g.
 * when Next or Save is pressed); a value that is there and wrong shows its error as it is typed. The
 * message's line is reserved, so the form does not move when an error comes or goes.
 */
public final class FieldDecorations {
    private static final javafx.css.PseudoClass DANGER = Styles.STATE_DANGER;

    private FieldDecorations() {
    }

    public static void decorate(Control field, Label message, FieldValidator<?> validator) {
        decorate(field, message, validator, null);
    }

    public static void decorate(Control field, Label message, FieldValidator<?> validator, ObservableBooleanValue reveal) {
        message.getStyleClass().addAll("field-message", Styles.DANGER);
        message.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        message.setWrapText(true);
        message.setManaged(true);
        Tooltip tooltip = new Tooltip();
        field.setUserData(validator);
        BooleanProperty touched = touched(field);
        Runnable show = () -> {
            ValidationStatus s = validator.statusProperty().get();
            boolean filled = field instanceof TextInputControl t ? !t.getText().isBlank()
                    : !(field instanceof javafx.scene.control.ComboBoxBase<?> c) || c.getValue() != null;
            boolean error = s != null && !s.valid() && (touched.get() || (reveal != null && reveal.get()) || filled);
            field.pseudoClassStateChanged(DANGER, error);
            message.setText(error ? s.message() : "");
            message.setVisible(error);
            field.setTooltip(error ? tooltip : null);
            tooltip.setText(error ? s.message() : "");
        };
        validator.statusProperty().addListener((obs, o, n) -> show.run());
        touched.addListener((obs, o, n) -> show.run());
        if (reveal != null) {
            reveal.addListener((obs, o, n) -> show.run());
        }
        show.run();
    }

    /** True once the user has left the field, or edited it while in it. */
    private static BooleanProperty touched(Control field) {
        BooleanProperty touched = new SimpleBooleanProperty(false);
        field.focusedProperty().addListener((obs, was, is) -> {
            if (was && !is) {
                touched.set(true);
            }
        });
        if (field instanceof TextInputControl text) {
            text.textProperty().addListener((obs, o, n) -> {
                if (text.isFocused()) {
                    touched.set(true);
                }
            });
        }
        return touched;
    }
}
