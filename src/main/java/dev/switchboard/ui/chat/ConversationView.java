package dev.switchboard.ui.chat;

import dev.switchboard.ui.SegmentedLabel;
import dev.switchboard.viewmodel.chat.ChatColumn;
import dev.switchboard.viewmodel.chat.ChatTurn;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One column of the conversation: its model, the metrics of its latest reply, and the transcript. */
final class ConversationView extends VBox {
    private final TranscriptView transcript;
    private final SegmentedLabel metrics = new SegmentedLabel("chat-metrics");
    private final InvalidationListener grew;
    private ChatTurn latest;

    ConversationView(ChatColumn column, String title, Consumer<ChatTurn> onInspect, Runnable onOpenAccessKeys,
                     ObjectProperty<ChatTurn> inspected) {
        getStyleClass().add("chat-column");
        SegmentedLabel heading = new SegmentedLabel("chat-column-title-text");
        heading.getStyleClass().add("chat-column-title");
        heading.textProperty().bind(Bindings.createStringBinding(
                () -> title + (column.modelProperty().get().isBlank() ? "" : " · " + column.modelProperty().get()),
                column.modelProperty()));
        metrics.getStyleClass().add("chat-column-metrics");
        transcript = new TranscriptView(column.turns(), onInspect, onOpenAccessKeys, inspected, () -> column.modelProperty().get());
        VBox.setVgrow(transcript, Priority.ALWAYS);
        getChildren().addAll(heading, metrics, transcript);
        setMinWidth(0);
        setPrefWidth(0);
        setMaxWidth(Double.MAX_VALUE);
        grew = o -> transcript.textGrew();
        column.turns().addListener((ListChangeListener<ChatTurn>) c -> follow(column));
        follow(column);
        sceneProperty().addListener((o, a, scene) -> {
            if (scene != null && !warmedUp) {
                warmedUp = true;
                javafx.application.Platform.runLater(() -> warmUp(onOpenAccessKeys));
            }
        });
    }

    private boolean warmedUp;

    /**
     * Lays out a hidden sample transcript (a message and a reply with prose and code) once the page is shown: the
     * classes, CSS style lookups and fonts a transcript's cells need are ready then, not in the first frame after
     * Send (measured at ~50 ms of FX-thread CPU).
     */
    private void warmUp(Runnable onOpenAccessKeys) {
        ChatTurn reply = new ChatTurn(ChatTurn.Role.ASSISTANT, "Warm-up prose.\n\nA second paragraph.\n\n```java\nclass A {}\n```",
                "warm-up");
        TranscriptView sample = new TranscriptView(javafx.collections.FXCollections.observableArrayList(ChatTurn.user("Warm-up"),
                reply), t -> { }, onOpenAccessKeys, new javafx.beans.property.SimpleObjectProperty<>(), () -> "");
        sample.setManaged(false);
        sample.setVisible(false);
        getChildren().add(sample);
        sample.resize(Math.max(400, getWidth()), 600);
        sample.applyCss();
        sample.layout();
        getChildren().remove(sample);
    }

    /** Watches the newest reply: its text keeps the transcript at the bottom, its metrics head the column. */
    private void follow(ChatColumn column) {
        ChatTurn reply = null;
        for (int i = column.turns().size() - 1; i >= 0 && reply == null; i--) {
            ChatTurn t = column.turns().get(i);
            if (t.role() == ChatTurn.Role.ASSISTANT) {
                reply = t;
            }
        }
        if (reply == latest) {
            return;
        }
        if (latest != null) {
            latest.textProperty().removeListener(grew);
            latest.metricsLineProperty().removeListener(grew);
        }
        latest = reply;
        metrics.textProperty().unbind();
        if (reply == null) {
            metrics.setText("");
        } else {
            reply.textProperty().addListener(grew);
            // the metrics line under the reply arrives last and adds lines: the end stays in view
            reply.metricsLineProperty().addListener(grew);
            ChatTurn shown = reply;
            metrics.textProperty().bind(Bindings.createStringBinding(() -> {
                var m = shown.metricsProperty().get();
                String line = shown.metricsLineProperty().get();
                return m == null ? line : (line.startsWith("stopped") ? "stopped · " : "") + m.timings();
            }, shown.metricsProperty(), shown.metricsLineProperty()));
        }
    }

    TranscriptView transcript() {
        return transcript;
    }
}
