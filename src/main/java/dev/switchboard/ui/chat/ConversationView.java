package dev.switchboard.ui.chat;

import dev.switchboard.viewmodel.chat.ChatColumn;
import dev.switchboard.viewmodel.chat.ChatErrors;
import dev.switchboard.viewmodel.chat.ChatTurn;
import dev.switchboard.viewmodel.chat.MessageSegments;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** One column of bubbles for a {@link ChatColumn}; streamed text re-renders its bubble once per batch. */
final class ConversationView extends VBox {
    private final VBox bubbles = new VBox(8);
    private final ScrollPane scroll = new ScrollPane(bubbles);
    private final Consumer<ChatTurn> onInspect;
    private final Runnable onOpenAccessKeys;

    ConversationView(ChatColumn column, String title, Consumer<ChatTurn> onInspect, Runnable onOpenAccessKeys) {
        this.onInspect = onInspect;
        this.onOpenAccessKeys = onOpenAccessKeys;
        getStyleClass().add("chat-column");
        Label heading = new Label();
        heading.getStyleClass().add("chat-column-title");
        heading.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> title + (column.modelProperty().get().isBlank() ? "" : " · " + column.modelProperty().get()),
                column.modelProperty()));
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("chat-conversation");
        bubbles.setFillWidth(true);
        bubbles.setStyle("-fx-padding: 4 8 4 4;");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(heading, scroll);
        HBox.setHgrow(this, Priority.ALWAYS);
        setMaxWidth(Double.MAX_VALUE);
        column.turns().addListener((ListChangeListener<ChatTurn>) c -> rebuild(column));
        rebuild(column);
    }

    ScrollPane scrollPane() {
        return scroll;
    }

    private void rebuild(ChatColumn column) {
        bubbles.getChildren().clear();
        for (ChatTurn t : column.turns()) {
            bubbles.getChildren().add(bubble(column, t));
        }
        scrollToEnd();
    }

    private void scrollToEnd() {
        Platform.runLater(() -> {
            bubbles.layout();
            scroll.setVvalue(scroll.getVmax());
        });
    }

    private VBox bubble(ChatColumn column, ChatTurn turn) {
        VBox box = new VBox();
        box.getStyleClass().addAll("chat-bubble", turn.role().name().toLowerCase(java.util.Locale.ROOT));
        Label role = new Label(switch (turn.role()) {
            case USER -> "You";
            case ASSISTANT -> turn.model() == null ? "Model" : turn.model();
            case ERROR -> "Error";
        });
        role.getStyleClass().add("chat-role");
        VBox content = new VBox(6);
        render(content, turn.text());
        turn.textProperty().addListener((o, a, text) -> {
            render(content, text);
            scrollToEnd();
        });
        box.getChildren().addAll(role, content);
        if (turn.role() == ChatTurn.Role.ASSISTANT) {
            Label metrics = new Label();
            metrics.getStyleClass().add("chat-metrics");
            metrics.setWrapText(true);
            metrics.textProperty().bind(turn.metricsLineProperty());
            box.getChildren().add(metrics);
        }
        if (turn.role() == ChatTurn.Role.ERROR && turn.errorKind() == ChatErrors.Kind.NOT_ALLOWED) {
            Hyperlink open = new Hyperlink("Open Access keys");
            open.setId("open-access-keys");
            open.setOnAction(e -> onOpenAccessKeys.run());
            box.getChildren().add(open);
        }
        if (turn.role() == ChatTurn.Role.ERROR) {
            Hyperlink diagnose = new Hyperlink("Diagnose…");
            diagnose.setId("diagnose-reply");
            diagnose.setOnAction(e -> diagnose.fireEvent(new dev.switchboard.ui.diagnose.DiagnoseEvent(column.modelProperty().get())));
            box.getChildren().add(diagnose);
        }
        box.setOnMouseClicked(e -> onInspect.accept(turn));
        return box;
    }

    private static void render(VBox content, String text) {
        content.getChildren().clear();
        if (text == null || text.isEmpty()) {
            Label waiting = new Label("…");
            waiting.getStyleClass().add("chat-role");
            content.getChildren().add(waiting);
            return;
        }
        for (MessageSegments.Segment s : MessageSegments.parse(text)) {
            if (!s.code()) {
                Label prose = new Label(s.text());
                prose.setWrapText(true);
                prose.getStyleClass().add("chat-text");
                prose.setMinHeight(Region.USE_PREF_SIZE);
                content.getChildren().add(prose);
            } else {
                VBox code = new VBox();
                code.getStyleClass().add("chat-code");
                Label lang = new Label(s.language().isEmpty() ? "code" : s.language());
                lang.getStyleClass().add("chat-code-lang");
                Button copy = new Button("Copy");
                copy.getStyleClass().addAll("flat", "small", "chat-copy-code");
                String body = s.text();
                copy.setOnAction(e -> {
                    ClipboardContent c = new ClipboardContent();
                    c.putString(body);
                    Clipboard.getSystemClipboard().setContent(c);
                    copy.setText("Copied");
                });
                Region gap = new Region();
                HBox.setHgrow(gap, Priority.ALWAYS);
                HBox header = new HBox(6, lang, gap, copy);
                header.setAlignment(Pos.CENTER_LEFT);
                Label codeText = new Label(body);
                codeText.getStyleClass().add("chat-code-text");
                codeText.setWrapText(true);
                codeText.setMinHeight(Region.USE_PREF_SIZE);
                code.getChildren().addAll(header, codeText);
                content.getChildren().add(code);
            }
        }
    }
}
