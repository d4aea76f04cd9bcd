package dev.switchboard.ui.providers;

import dev.switchboard.viewmodel.providers.ModelChoice;
import dev.switchboard.viewmodel.providers.ModelList;
import dev.switchboard.viewmodel.validation.FieldValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** What the wizard's page views share: loading a page, the model list, the "type a model id" row, copy. */
final class WizardViews {
    private WizardViews() {
    }

    /** Loads {@code <file>} (relative to this package) with {@code controller} as its controller. */
    static Parent load(String file, Object controller) {
        FXMLLoader loader = new FXMLLoader(WizardViews.class.getResource(file));
        loader.setController(controller);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load " + file, e);
        }
    }

    static void modelList(ListView<ModelChoice> list, ModelList models, String placeholder) {
        list.setItems(models.items());
        list.setCellFactory(CheckBoxListCell.forListView(ModelChoice::selectedProperty,
                converter(m -> m.modelId() + (m.isManual() ? "  (typed)" : ""))));
        Label empty = new Label(placeholder);
        empty.getStyleClass().add("muted");
        empty.setWrapText(true);
        list.setPlaceholder(empty);
    }

    /** A "type a model id, press Add" row; the message shows only once something is typed, on a line kept for it. */
    static void newModelRow(ModelList models, TextField field, Button add, Label message) {
        field.textProperty().bindBidirectional(models.newModelIdProperty());
        FieldValidator<String> validator = models.newModelIdValidator();
        StringProperty text = field.textProperty();
        message.getStyleClass().addAll("error-text", "field-message");
        message.textProperty().bind(Bindings.createStringBinding(() -> text.get() == null || text.get().isBlank()
                ? "" : validator.getMessage(), text, validator.messageProperty()));
        message.visibleProperty().bind(Bindings.isNotEmpty(message.textProperty()));
        add.setGraphic(new FontIcon(Feather.PLUS));
        add.disableProperty().bind(validator.validProperty().not());
        add.setOnAction(e -> models.add());
        field.setOnAction(e -> {
            models.add();
            e.consume();
        });
    }

    static <T> StringConverter<T> converter(Function<T, String> toText) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : toText.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }

    static void showWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(condition);
    }

    static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
