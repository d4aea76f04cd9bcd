package dev.switchboard.ui.chat;

import dev.switchboard.viewmodel.chat.ChatTurn;
import java.lang.ref.WeakReference;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/**
 * A conversation's messages as a virtualized list: only the bubbles on screen exist, so a long transcript
 * costs no more per frame than a short one. Sticks to the bottom while a reply streams, unless the user
 * scrolled up to read; scrolling back down to the end follows again.
 */
final class TranscriptView extends ListView<ChatTurn> {
    private static WeakReference<ReplySelection> selection = new WeakReference<>(null);
    private boolean follow = true;
    private final FollowingFlow<ListCell<ChatTurn>> flow = new FollowingFlow<>(() -> follow);
    private final java.util.Map<ChatTurn, Double> heights = new java.util.WeakHashMap<>();

    TranscriptView(ObservableList<ChatTurn> turns, Consumer<ChatTurn> onInspect, Runnable onOpenAccessKeys,
                   javafx.beans.property.ObjectProperty<ChatTurn> inspected, java.util.function.Supplier<String> model) {
        super(turns);
        getStyleClass().add("chat-transcript");
        setFocusTraversable(false);
        setCellFactory(list -> new ListCell<>() {
            private final MessageBubble bubble = new MessageBubble(list.widthProperty(), onOpenAccessKeys, model);
            private final javafx.scene.layout.Region measured = new javafx.scene.layout.Region();

            {
                setPrefWidth(0);
                bubble.addEventFilter(MouseEvent.MOUSE_CLICKED, e -> {
                    if (bubble.turn() != null) {
                        onInspect.accept(bubble.turn());
                    }
                });
                inspected.addListener((o, a, b) -> markInspected(b));
            }

            private void markInspected(ChatTurn now) {
                bubble.pseudoClassStateChanged(INSPECTED, now != null && now == bubble.turn());
            }

            @Override
            protected void updateItem(ChatTurn item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (measuringOnly()) {
                    double h = empty || item == null ? 0 : heights.getOrDefault(item, 60.0);
                    measured.setMinHeight(h);
                    measured.setPrefHeight(h);
                    setGraphic(empty || item == null ? null : measured);
                    return;
                }
                bubble.show(empty ? null : item);
                setGraphic(empty || item == null ? null : bubble);
                markInspected(inspected.get());
            }

            /** The flow's measuring cell (kept hidden) gets the height the shown bubble had, not a second rendering. */
            private boolean measuringOnly() {
                return getParent() != null && !getParent().isVisible();
            }

            @Override
            protected void layoutChildren() {
                super.layoutChildren();
                if (!measuringOnly() && bubble.turn() != null && getHeight() > 0) {
                    heights.put(bubble.turn(), getHeight());
                }
            }
        });
        turns.addListener((javafx.collections.ListChangeListener<ChatTurn>) c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    follow = true;
                }
            }
            textGrew();
        });
        // narrower, the messages wrap to more lines: the end stays in view while following
        widthProperty().addListener((o, a, b) -> textGrew());
        heightProperty().addListener((o, a, b) -> textGrew());
        addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0) {
                follow = false;
            }
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() < 0 && atBottom()) {
                follow = true;
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                ReplySelection s = selection.get();
                if (s != null && s.showsIn(getScene()) && !s.selectedText().isEmpty()) {
                    s.copy();
                    e.consume();
                }
            }
        });
    }

    static final javafx.css.PseudoClass INSPECTED = javafx.css.PseudoClass.getPseudoClass("inspected");

    /** The message whose selection Ctrl+C copies; selecting in one message clears the one before. */
    static void selected(ReplySelection now) {
        ReplySelection before = selection.get();
        if (before != null && before != now) {
            before.clear();
        }
        selection = new WeakReference<>(now);
    }

    /** Called for every frame of streamed text: keeps the end in view while following. */
    void textGrew() {
        if (follow) {
            flow.showEnd();
        }
    }

    @Override
    protected javafx.scene.control.Skin<?> createDefaultSkin() {
        return new javafx.scene.control.skin.ListViewSkin<>(this) {
            @Override
            protected VirtualFlow<ListCell<ChatTurn>> createVirtualFlow() {
                return flow;
            }
        };
    }

    private boolean atBottom() {
        return flow.atEnd();
    }

    boolean following() {
        return follow;
    }
}
