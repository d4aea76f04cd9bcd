package dev.switchboard.ui;

import atlantafx.base.theme.Styles;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The centred "nothing here yet" block a page shows before it has content: an icon, a title, a
 * sentence on what will be here, a sentence on what to do first, and action buttons. Usable from FXML:
 * {@code <EmptyState iconCode="fth-server" title="…" text="…" hint="…"><actions>…</actions></EmptyState>}.
 */
public class EmptyState extends VBox {
    private final FontIcon icon = new FontIcon();
    private final Label title = new Label();
    private final Label text = new Label();
    private final Label hint = new Label();
    private final FlowPane actions = new FlowPane(8, 8);
    private final ObjectProperty<Node> extra = new SimpleObjectProperty<>(this, "extra");

    public EmptyState() {
        getStyleClass().add("empty-state");
        setAlignment(Pos.CENTER);
        setSpacing(10);
        setMaxWidth(560);
        StackPane badge = new StackPane(icon);
        badge.getStyleClass().add("empty-state-badge");
        badge.setMaxSize(StackPane.USE_PREF_SIZE, StackPane.USE_PREF_SIZE);
        // The badge is what gives way when the page is short: the words and the actions stay whole.
        badge.setMinHeight(0);
        badge.visibleProperty().bind(badge.heightProperty().greaterThanOrEqualTo(76));
        title.getStyleClass().addAll(Styles.TITLE_3, "empty-state-title");
        text.getStyleClass().add("empty-state-text");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, "empty-state-hint");
        for (Label l : new Label[] {title, text, hint}) {
            l.setWrapText(true);
            l.setTextAlignment(TextAlignment.CENTER);
            l.setAlignment(Pos.CENTER);
            l.setMinHeight(USE_PREF_SIZE);
        }
        actions.getChildren().addListener((javafx.collections.ListChangeListener<Node>) c -> actions.getChildren()
                .forEach(n -> { if (n instanceof javafx.scene.control.Control control) control.setMinWidth(USE_PREF_SIZE); }));
        actions.setAlignment(Pos.CENTER);
        actions.setRowValignment(javafx.geometry.VPos.CENTER);
        actions.getStyleClass().add("empty-state-actions");
        getChildren().addAll(badge, title, text, hint, actions);
        VBox.setMargin(actions, new javafx.geometry.Insets(8, 0, 0, 0));
        extra.addListener((obs, o, n) -> {
            if (o != null) {
                getChildren().remove(o);
            }
            if (n != null) {
                getChildren().add(n);
            }
        });
    }

    public String getIconCode() {
        return icon.getIconLiteral();
    }

    public void setIconCode(String code) {
        icon.setIconLiteral(code);
    }

    public String getTitle() {
        return title.getText();
    }

    public void setTitle(String value) {
        title.setText(value);
    }

    public String getText() {
        return text.getText();
    }

    public void setText(String value) {
        text.setText(value);
    }

    public String getHint() {
        return hint.getText();
    }

    public void setHint(String value) {
        hint.setText(value);
    }

    public Label hintLabel() {
        return hint;
    }

    public ObservableList<Node> getActions() {
        return actions.getChildren();
    }

    public ObjectProperty<Node> extraProperty() {
        return extra;
    }

    public Node getExtra() {
        return extra.get();
    }

    public void setExtra(Node node) {
        extra.set(node);
    }
}
