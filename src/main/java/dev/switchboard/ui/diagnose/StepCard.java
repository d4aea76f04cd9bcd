package dev.switchboard.ui.diagnose;

import dev.switchboard.diagnose.Action;
import dev.switchboard.viewmodel.diagnose.StepRow;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** One step of the Diagnose view: its state badge, title, summary, evidence lines and, when it failed, its button. */
final class StepCard extends VBox {
    private final FontIcon icon = new FontIcon(Feather.CIRCLE);
    private final Label badge = new Label();
    private final VBox evidence = new VBox(2);
    private final Button action = new Button();

    StepCard(StepRow row, Consumer<Action> onAction) {
        getStyleClass().add("diagnose-step");
        setId("diagnose-step-" + row.step().number());
        Label title = new Label(row.title());
        title.getStyleClass().add("diagnose-step-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        badge.getStyleClass().add("diagnose-badge");
        badge.setId("diagnose-state-" + row.step().number());
        badge.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(8, icon, title, gap, badge);
        header.setAlignment(Pos.CENTER_LEFT);
        Label summary = new Label();
        summary.getStyleClass().add("diagnose-summary");
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.textProperty().bind(row.summaryProperty());
        evidence.getStyleClass().add("diagnose-evidence");
        action.setId("diagnose-action-" + row.step().number());
        action.getStyleClass().add("small");
        action.setOnAction(e -> onAction.accept(row.actionProperty().get()));
        row.evidence().addListener((ListChangeListener<String>) c -> showEvidence(row));
        row.actionProperty().addListener((o, a, now) -> showAction(now));
        row.stateProperty().addListener((o, a, state) -> showState(state));
        getChildren().addAll(header, summary, evidence, action);
        showState(row.state());
        showAction(row.actionProperty().get());
        showEvidence(row);
    }

    private void showEvidence(StepRow row) {
        evidence.getChildren().clear();
        for (String line : row.evidence()) {
            Label l = new Label("· " + line);
            l.setWrapText(true);
            l.setMinHeight(Region.USE_PREF_SIZE);
            l.getStyleClass().add("diagnose-evidence-line");
            evidence.getChildren().add(l);
        }
        evidence.setManaged(!row.evidence().isEmpty());
        evidence.setVisible(!row.evidence().isEmpty());
    }

    private void showAction(Action a) {
        action.setText(a == null ? "" : a.label());
        action.setManaged(a != null);
        action.setVisible(a != null);
    }

    private void showState(StepRow.State state) {
        getStyleClass().removeIf(c -> c.startsWith("state-"));
        getStyleClass().add("state-" + state.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        badge.setText(switch (state) {
            case WAITING -> "waiting";
            case RUNNING -> "checking…";
            case PASSED -> "passed";
            case FAILED -> "failed";
            case NOT_CHECKED -> "not checked";
        });
        icon.setIconCode(switch (state) {
            case WAITING -> Feather.CIRCLE;
            case RUNNING -> Feather.LOADER;
            case PASSED -> Feather.CHECK_CIRCLE;
            case FAILED -> Feather.X_CIRCLE;
            case NOT_CHECKED -> Feather.MINUS_CIRCLE;
        });
    }
}
