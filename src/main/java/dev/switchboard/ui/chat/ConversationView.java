package dev.switchboard.ui.chat;

import dev.switchboard.ui.SegmentedLabel;
import dev.switchboard.viewmodel.chat.ChatColumn;
import dev.switchboard.viewmodel.chat.ChatTurn;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** One column of the conversation: its model, the timings of its latest reply (side by side when comparing), and the transcript. */
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
        column.latestReplyProperty().addListener((o, a, reply) -> follow(reply));
        follow(column.latestReplyProperty().get());
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

    /** Watches the newest reply: its text keeps the transcript at the bottom, its timings head the column. */
    private void follow(ChatTurn reply) {
        if (latest != null) {
            latest.textProperty().removeListener(grew);
            latest.replyLineProperty().removeListener(grew);
        }
        latest = reply;
        metrics.textProperty().unbind();
        if (reply == null) {
            metrics.setText("");
        } else {
            reply.textProperty().addListener(grew);
            // the line under the reply arrives last and may add a line: the end stays in view
            reply.replyLineProperty().addListener(grew);
            metrics.textProperty().bind(reply.headlineProperty());
        }
    }

    TranscriptView transcript() {
        return transcript;
    }
}
