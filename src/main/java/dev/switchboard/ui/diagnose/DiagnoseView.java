package dev.switchboard.ui.diagnose;

import atlantafx.base.theme.Styles;
import dev.switchboard.client.Surface;
import dev.switchboard.diagnose.Action;
import dev.switchboard.viewmodel.diagnose.DiagnoseViewModel;
import dev.switchboard.viewmodel.diagnose.KeyOption;
import dev.switchboard.viewmodel.diagnose.StepRow;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Diagnose view: the key, {@code provider:model} and surface on top, the seven steps filling in as they
 * run, and the verdict with the button that goes where the fix is. Binds to {@link DiagnoseViewModel} only.
 */
public final class DiagnoseView extends BorderPane {

    public DiagnoseView(DiagnoseViewModel vm, Consumer<Action> onAction, Runnable onClose) {
        getStyleClass().add("diagnose-view");
        setId("diagnose-view");
        setTop(form(vm));
        VBox list = new VBox(8);
        list.getStyleClass().add("diagnose-steps");
        for (StepRow row : vm.steps()) {
            list.getChildren().add(new StepCard(row, onAction));
        }
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("diagnose-scroll");
        setCenter(scroll);
        vm.verdictActionProperty().addListener((o, a, action) -> {
            if (action != null) {
                list.getChildren().stream().filter(n -> n.getStyleClass().contains("state-failed")).findFirst()
                        .ifPresent(card -> scrollTo(scroll, list, card));
            }
        });
        setBottom(verdict(vm, onAction, onClose));
    }

    /** Brings the first failed step into view once the verdict is in. */
    private static void scrollTo(ScrollPane scroll, VBox list, javafx.scene.Node card) {
        list.applyCss();
        list.layout();
        double room = list.getHeight() - scroll.getViewportBounds().getHeight();
        if (room > 0) {
            scroll.setVvalue(Math.min(1, Math.max(0, card.getBoundsInParent().getMinY() - 8) / room));
        }
    }

    private static Region form(DiagnoseViewModel vm) {
        ComboBox<KeyOption> key = new ComboBox<>(vm.keys());
        key.setId("diagnose-key");
        key.valueProperty().bindBidirectional(vm.keyProperty());
        key.setMaxWidth(Double.MAX_VALUE);
        key.setPromptText("Pick an access key");
        TextField model = new TextField();
        model.setId("diagnose-model");
        model.setPromptText("provider:model");
        model.textProperty().bindBidirectional(vm.modelProperty());
        ChoiceBox<Surface> surface = new ChoiceBox<>();
        surface.getItems().setAll(Surface.values());
        surface.setId("diagnose-surface");
        surface.valueProperty().bindBidirectional(vm.surfaceProperty());
        surface.setConverter(new StringConverter<>() {
            @Override
            public String toString(Surface s) {
                return s == null ? "" : s.apiName();
            }

            @Override
            public Surface fromString(String s) {
                return Surface.fromApiName(s);
            }
        });
        Button run = new Button("_Diagnose");
        run.setId("diagnose-run");
        run.setMnemonicParsing(true);
        run.setDefaultButton(true);
        run.getStyleClass().add(Styles.ACCENT);
        run.setMinWidth(Region.USE_PREF_SIZE);
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.run());
        GridPane grid = new GridPane();
        grid.getStyleClass().add("diagnose-form");
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, caption("Access key"), caption("Model (provider:model)"), caption("Surface"));
        grid.addRow(1, key, model, surface, run);
        key.setPrefWidth(190);
        key.setMinWidth(Region.USE_PREF_SIZE);
        surface.setMinWidth(Region.USE_PREF_SIZE);
        model.setPrefColumnCount(30);
        GridPane.setHgrow(key, Priority.SOMETIMES);
        GridPane.setHgrow(model, Priority.ALWAYS);
        Label message = new Label();
        message.setId("diagnose-message");
        message.getStyleClass().add(Styles.DANGER);
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(vm.messageProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        VBox top = new VBox(6, grid, message);
        top.getStyleClass().add("diagnose-top");
        return top;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Region verdict(DiagnoseViewModel vm, Consumer<Action> onAction, Runnable onClose) {
        Label verdict = new Label();
        verdict.setId("diagnose-verdict");
        verdict.getStyleClass().add("diagnose-verdict-text");
        verdict.setWrapText(true);
        verdict.setMinHeight(Region.USE_PREF_SIZE);
        verdict.textProperty().bind(Bindings.when(vm.runningProperty()).then("Diagnosing…")
                .otherwise(Bindings.when(vm.verdictProperty().isEmpty())
                        .then("Pick the access key and the provider:model, then Diagnose.").otherwise(vm.verdictProperty())));
        Button go = new Button();
        go.setId("diagnose-go");
        go.getStyleClass().add(Styles.ACCENT);
        go.setMinWidth(Region.USE_PREF_SIZE);
        go.textProperty().bind(Bindings.createStringBinding(() -> vm.verdictActionProperty().get() == null ? ""
                : vm.verdictActionProperty().get().label(), vm.verdictActionProperty()));
        go.managedProperty().bind(vm.verdictActionProperty().isNotNull());
        go.visibleProperty().bind(go.managedProperty());
        go.setOnAction(e -> onAction.accept(vm.verdictActionProperty().get()));
        Button fix = new Button();
        fix.setId("diagnose-fix");
        fix.setMinWidth(Region.USE_PREF_SIZE);
        fix.textProperty().bind(Bindings.createStringBinding(() -> vm.fixProperty().get() == null ? ""
                : "Apply: " + vm.fixProperty().get().description(), vm.fixProperty()));
        fix.setWrapText(true);
        fix.managedProperty().bind(vm.fixProperty().isNotNull());
        fix.visibleProperty().bind(fix.managedProperty());
        fix.setOnAction(e -> vm.applyFix());
        Button close = new Button("Close");
        close.setId("diagnose-close");
        close.setCancelButton(true);
        close.setMinWidth(Region.USE_PREF_SIZE);
        close.setOnAction(e -> onClose.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, fix, gap, go, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, verdict, buttons);
        box.getStyleClass().add("diagnose-verdict");
        box.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), false);
        vm.verdictActionProperty().addListener((o, a, now) ->
                box.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("failed"), now != null));
        return box;
    }
}
