package dev.switchboard.ui.chat;

import dev.switchboard.viewmodel.chat.ChatErrors;
import dev.switchboard.viewmodel.chat.ChatTurn;
import dev.switchboard.viewmodel.chat.MessageSegments;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.InvalidationListener;
import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One message of the transcript, shown for whichever {@link ChatTurn} its cell holds. While a reply
 * streams, only the block that changed is touched: earlier paragraphs and code blocks keep their nodes.
 */
final class MessageBubble extends VBox {
    private static final double INSET = 28;

    /** One rendered block: prose paragraph or fenced code, with the text it shows. */
    private record Block(boolean code, String language, String text) {
    }

    private final dev.switchboard.ui.SegmentedLabel role = new dev.switchboard.ui.SegmentedLabel("chat-role");
    private final VBox content = new VBox(6);
    private final dev.switchboard.ui.SegmentedLabel metrics = new dev.switchboard.ui.SegmentedLabel("chat-metrics");
    private final Hyperlink openAccessKeys = new Hyperlink("Open Access keys");
    private final Hyperlink diagnose = new Hyperlink("Diagnose…");
    private final ObservableDoubleValue width;
    private final List<Block> shown = new ArrayList<>();
    private final ReplySelection selection = new ReplySelection(this::blocks, this::wholeText);
    private final InvalidationListener onText = o -> renderText();
    private ChatTurn turn;

    MessageBubble(ObservableDoubleValue width, Runnable onOpenAccessKeys, java.util.function.Supplier<String> model) {
        this.width = width;
        getStyleClass().add("chat-bubble");
        role.getStyleClass().add("chat-role-line");
        metrics.getStyleClass().add("chat-reply-metrics");
        metrics.managedProperty().bind(metrics.textProperty().isNotEmpty());
        metrics.visibleProperty().bind(metrics.managedProperty());
        openAccessKeys.setId("open-access-keys");
        openAccessKeys.setOnAction(e -> onOpenAccessKeys.run());
        diagnose.setId("diagnose-reply");
        diagnose.setOnAction(e -> diagnose.fireEvent(new dev.switchboard.ui.diagnose.DiagnoseEvent(model.get())));
        setFillWidth(true);
    }

    ChatTurn turn() {
        return turn;
    }

    /** Shows {@code next} (null for an empty cell), dropping the listeners on the turn shown before. */
    void show(ChatTurn next) {
        if (turn == next) {
            return;
        }
        if (turn != null) {
            turn.textProperty().removeListener(onText);
            turn.stateProperty().removeListener(onText);
            metrics.textProperty().unbind();
        }
        selection.clear();
        turn = next;
        shown.clear();
        content.getChildren().clear();
        getStyleClass().setAll("chat-bubble");
        if (next == null) {
            getChildren().clear();
            return;
        }
        getStyleClass().add(next.role().name().toLowerCase(Locale.ROOT));
        role.setText(switch (next.role()) {
            case USER -> "You";
            case ASSISTANT -> next.model() == null || next.model().isBlank() ? "Model" : next.model();
            case ERROR -> "Error";
        });
        getChildren().setAll(role, content);
        if (next.role() == ChatTurn.Role.ASSISTANT) {
            metrics.textProperty().bind(next.replyLineProperty());
            getChildren().add(metrics);
        }
        if (next.role() == ChatTurn.Role.ERROR && next.errorKind() == ChatErrors.Kind.NOT_ALLOWED) {
            getChildren().add(openAccessKeys);
        }
        if (next.role() == ChatTurn.Role.ERROR) {
            getChildren().add(diagnose);
        }
        next.textProperty().addListener(onText);
        next.stateProperty().addListener(onText);
        renderText();
    }

    private void renderText() {
        String text = turn.text();
        List<Block> blocks = new ArrayList<>();
        for (MessageSegments.Segment s : MessageSegments.parse(text)) {
            if (s.code()) {
                blocks.add(new Block(true, s.language(), s.text()));
            } else {
                for (String paragraph : s.text().split("\n{2,}")) {
                    if (!paragraph.isBlank()) {
                        blocks.add(new Block(false, "", paragraph));
                    }
                }
            }
        }
        if (blocks.isEmpty()) {
            blocks.add(new Block(false, "", turn.state() == ChatTurn.State.STREAMING ? "…" : ""));
        }
        int same = 0;
        while (same < blocks.size() && same < shown.size() && blocks.get(same).equals(shown.get(same))) {
            same++;
        }
        for (int i = same; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            Block before = i < shown.size() ? shown.get(i) : null;
            if (before != null && before.code() == b.code() && before.language().equals(b.language())) {
                update(content.getChildren().get(i), b);
            } else {
                if (i < content.getChildren().size()) {
                    content.getChildren().remove(i, content.getChildren().size());
                    shown.subList(i, shown.size()).clear();
                }
                content.getChildren().add(b.code() ? code(b) : prose(b.text()));
            }
            if (i < shown.size()) {
                shown.set(i, b);
            } else {
                shown.add(b);
            }
        }
        if (content.getChildren().size() > blocks.size()) {
            content.getChildren().remove(blocks.size(), content.getChildren().size());
            shown.subList(blocks.size(), shown.size()).clear();
        }
    }

    private void update(Node node, Block b) {
        if (node instanceof ReplyText t) {
            t.setText(b.text());
        } else if (node instanceof VBox code && code.getProperties().get(ReplyText.class) instanceof ReplyText t) {
            t.setText(b.text());
            code.getProperties().put("body", b.text());
        }
    }

    private String wholeText() {
        return turn == null ? "" : turn.text();
    }

    /** The message's text blocks in order: paragraphs and code bodies. */
    private List<ReplyText> blocks() {
        List<ReplyText> out = new ArrayList<>();
        for (Node n : content.getChildren()) {
            if (n instanceof ReplyText t) {
                out.add(t);
            } else if (n.getProperties().get(ReplyText.class) instanceof ReplyText t) {
                out.add(t);
            }
        }
        return out;
    }

    private void focusTranscript() {
        for (javafx.scene.Parent p = getParent(); p != null; p = p.getParent()) {
            if (p instanceof TranscriptView list) {
                list.requestFocus();
                return;
            }
        }
    }

    private ReplyText prose(String text) {
        ReplyText t = new ReplyText(text, "chat-text", selection, this::focusTranscript);
        t.wrappingWidthProperty().bind(javafx.beans.binding.Bindings.max(80, javafx.beans.binding.Bindings
                .subtract(width, INSET)));
        return t;
    }

    private VBox code(Block b) {
        VBox code = new VBox(2);
        code.getStyleClass().add("chat-code");
        Label lang = new Label(b.language().isEmpty() ? "code" : b.language());
        lang.getStyleClass().add("chat-code-lang");
        Button copy = new Button("Copy");
        copy.getStyleClass().addAll("flat", "small", "chat-copy-code");
        copy.setFocusTraversable(false);
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(String.valueOf(code.getProperties().get("body")));
            Clipboard.getSystemClipboard().setContent(c);
            copy.setText("Copied");
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(6, lang, gap, copy);
        header.setAlignment(Pos.CENTER_LEFT);
        ReplyText body = new ReplyText(b.text(), "chat-code-text", selection, this::focusTranscript);
        body.wrappingWidthProperty().bind(javafx.beans.binding.Bindings.max(80, javafx.beans.binding.Bindings
                .subtract(width, INSET + 18)));
        code.getProperties().put(ReplyText.class, body);
        code.getProperties().put("body", b.text());
        code.getChildren().addAll(header, body);
        return code;
    }
}
