package dev.switchboard.ui.logs;

import atlantafx.base.theme.Styles;
import dev.switchboard.viewmodel.logs.LogDetail;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The selected request in words: its facts, one line per attempt, and the raw log events one click away. */
final class RequestDetailView extends VBox {
    private final Label title = new Label();
    private final GridPane facts = new GridPane();
    private final VBox attempts = new VBox(4);
    private final ToggleButton rawToggle = new ToggleButton("Raw _JSON");
    private final TextArea raw = new TextArea();
    private final Label placeholder = new Label("Select a request to see what happened: each attempt, its provider key, translation.");
    private final VBox content;

    RequestDetailView() {
        super(8);
        getStyleClass().add("request-detail");
        setId("logs-detail");
        title.getStyleClass().addAll(Styles.TITLE_4, "request-detail-title");
        title.setWrapText(true);
        title.setMinWidth(0);
        rawToggle.setId("logs-detail-raw");
        rawToggle.setMnemonicParsing(true);
        rawToggle.setMinWidth(Region.USE_PREF_SIZE);
        raw.setEditable(false);
        raw.setWrapText(false);
        raw.getStyleClass().add("mono");
        raw.setPrefRowCount(12);
        raw.visibleProperty().bind(rawToggle.selectedProperty());
        raw.managedProperty().bind(rawToggle.selectedProperty());
        facts.setHgap(14);
        facts.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setMinWidth(0);
        facts.getColumnConstraints().setAll(labels, values);
        Label attemptsHeading = new Label("Attempts");
        attemptsHeading.getStyleClass().add("field-label");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, rawToggle);
        header.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(title, Priority.ALWAYS);
        content = new VBox(8, header, facts, attemptsHeading, attempts, raw);
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.setWrapText(true);
        show(null);
    }

    void show(LogDetail detail) {
        if (detail == null) {
            getChildren().setAll(placeholder);
            return;
        }
        title.setText(detail.title());
        facts.getChildren().clear();
        int row = 0;
        for (LogDetail.Fact f : detail.facts()) {
            Label label = new Label(f.label());
            label.getStyleClass().add(Styles.TEXT_MUTED);
            Label value = new Label(f.value());
            value.setWrapText(true);
            value.setMinHeight(Region.USE_PREF_SIZE);
            facts.addRow(row++, label, value);
        }
        attempts.getChildren().clear();
        for (LogDetail.Attempt a : detail.attempts()) {
            Label line = new Label(a.number() + " · " + a.model() + " · " + a.outcome() + " · " + a.timing() + " · " + a.key()
                    + (a.note().isEmpty() ? "" : " — " + a.note()));
            line.setWrapText(true);
            line.setMinHeight(Region.USE_PREF_SIZE);
            line.getStyleClass().add("request-attempt");
            attempts.getChildren().add(line);
        }
        raw.setText(detail.rawJson());
        getChildren().setAll(content);
    }
}
