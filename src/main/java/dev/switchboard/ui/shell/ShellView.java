package dev.switchboard.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Styles;
import dev.switchboard.ui.EmptyState;
import dev.switchboard.ui.Toasts;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.settings.Theme;
import dev.switchboard.viewmodel.shell.StatusBarViewModel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's content: a sidebar with one entry per {@link Page}, the selected page in the middle,
 * and a status bar saying which gateway the console drives and whether it answers.
 */
public final class ShellView extends BorderPane {
    public static final String STYLESHEET = "/dev/switchboard/ui/switchboard.css";
    /**
     * A page may put a {@code java.util.function.BooleanSupplier} under this key in its root node's
     * properties; the shell asks it before leaving the page or closing the window (false = stay).
     */
    public static final String LEAVE_GUARD = "switchboard.leaveGuard";
    private static final Logger LOG = LoggerFactory.getLogger(ShellView.class);

    private final AppContext context;
    private final Map<String, Page> pages = new LinkedHashMap<>();
    private final Map<String, Node> loaded = new HashMap<>();
    private final Map<String, ToggleButton> navButtons = new HashMap<>();
    private final ToggleGroup navGroup = new ToggleGroup();
    private final StackPane pageHolder = new StackPane();
    private final Label pageTitle = new Label();
    private String currentId;

    public ShellView(AppContext context, List<Page> pageList, Toasts toasts, StatusBarViewModel status) {
        this.context = context;
        getStyleClass().add("shell");
        pageList.forEach(p -> pages.put(p.id(), p));

        setLeft(sidebar());
        pageTitle.getStyleClass().addAll(Styles.TITLE_2, "page-title");
        pageTitle.setId("page-title");
        HBox header = new HBox(pageTitle);
        header.getStyleClass().add("page-header");
        header.setAlignment(Pos.CENTER_LEFT);
        pageHolder.getStyleClass().add("page-holder");
        VBox.setVgrow(pageHolder, Priority.ALWAYS);
        VBox main = new VBox(header, pageHolder);
        main.getStyleClass().add("main-area");
        StackPane center = new StackPane(main, toasts.node());
        setCenter(center);
        setBottom(statusBar(status));

        context.setNavigator(this::show);
        context.appearance().themeProperty().addListener((obs, o, n) -> applyTheme(n));
        applyTheme(context.appearance().getTheme());
        sceneProperty().addListener((obs, o, scene) -> installAccelerators(scene));
    }

    /** Shows the page with this id; unknown ids are ignored. */
    public void show(String id) {
        Page page = pages.get(id);
        if (page == null) {
            return;
        }
        if (currentId != null && !currentId.equals(id) && !mayLeave(currentId)) {
            navButtons.get(currentId).setSelected(true);
            return;
        }
        currentId = id;
        ToggleButton b = navButtons.get(id);
        if (!b.isSelected()) {
            b.setSelected(true);
        }
        pageTitle.setText(page.plainTitle());
        Node node = loaded.computeIfAbsent(id, k -> build(page));
        pageHolder.getChildren().setAll(node);
    }

    /** Asks every open page whether it may be left (unsaved changes); false when one says no. */
    public boolean mayClose() {
        return loaded.keySet().stream().allMatch(this::mayLeave);
    }

    private boolean mayLeave(String id) {
        Node node = loaded.get(id);
        return node == null || !(node.getProperties().get(LEAVE_GUARD) instanceof java.util.function.BooleanSupplier guard)
                || guard.getAsBoolean();
    }

    public String currentPageId() {
        return currentId;
    }

    /** Applies a theme to the whole application: AtlantaFX's user-agent stylesheet plus a style class for our own CSS. */
    public static void applyTheme(Parent root, Theme theme) {
        applyUserAgentStylesheet(theme);
        root.getStyleClass().removeAll("theme-light", "theme-dark");
        root.getStyleClass().add(theme == Theme.DARK ? "theme-dark" : "theme-light");
    }

    /**
     * Sets AtlantaFX's user-agent stylesheet for the theme. Called before the first control is made, it also
     * spares JavaFX loading its own (Modena), which the first control's class would otherwise do.
     */
    public static void applyUserAgentStylesheet(Theme theme) {
        Application.setUserAgentStylesheet(theme == Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    private void applyTheme(Theme theme) {
        applyTheme(this, theme);
    }

    private Node build(Page page) {
        try {
            Parent view = page.view().apply(context);
            view.getStyleClass().add("page");
            return view;
        } catch (RuntimeException e) {
            LOG.error("Could not open the page {}", page.id(), e);
            EmptyState failed = new EmptyState();
            failed.setIconCode("fth-alert-octagon");
            failed.setTitle("This page could not be opened");
            failed.setText(String.valueOf(e.getMessage()));
            failed.setHint("The details are in the log. Please report this as a bug.");
            return failed;
        }
    }

    private Node sidebar() {
        ImageView logo = new ImageView(new Image(ShellView.class.getResourceAsStream("/dev/switchboard/ui/icons/app-64.png")));
        logo.setFitWidth(30);
        logo.setFitHeight(30);
        logo.setSmooth(true);
        Label name = new Label("Switchboard");
        name.getStyleClass().addAll(Styles.TITLE_4, "brand-name");
        Label tagline = new Label("AI gateway console");
        tagline.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox brand = new HBox(10, logo, new VBox(0, name, tagline));
        brand.getStyleClass().add("brand");
        brand.setAlignment(Pos.CENTER_LEFT);

        VBox nav = new VBox(2);
        nav.getStyleClass().add("nav");
        for (Page p : pages.values()) {
            ToggleButton b = new ToggleButton(p.title(), new FontIcon(p.icon()));
            b.setMnemonicParsing(true);
            b.setId("nav-" + p.id());
            b.getStyleClass().add("nav-item");
            b.setToggleGroup(navGroup);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.setGraphicTextGap(10);
            b.setOnAction(e -> show(p.id()));
            // A selected entry stays selected when clicked again.
            b.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
                if (b.isSelected()) {
                    e.consume();
                }
            });
            navButtons.put(p.id(), b);
            nav.getChildren().add(b);
        }
        nav.addEventFilter(KeyEvent.KEY_PRESSED, this::moveSelection);
        navGroup.selectedToggleProperty().addListener((obs, o, n) -> {
            if (n == null && o != null) {
                o.setSelected(true);
            }
        });

        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);

        Button theme = new Button();
        theme.setId("theme-toggle");
        theme.getStyleClass().addAll(Styles.FLAT, "theme-toggle");
        theme.setMaxWidth(Double.MAX_VALUE);
        theme.setAlignment(Pos.CENTER_LEFT);
        theme.setGraphicTextGap(10);
        var themeProp = context.appearance().themeProperty();
        theme.textProperty().bind(Bindings.when(themeProp.isEqualTo(Theme.DARK)).then("Light theme").otherwise("Dark theme"));
        theme.graphicProperty().bind(Bindings.createObjectBinding(
                () -> new FontIcon(themeProp.get() == Theme.DARK ? Feather.SUN : Feather.MOON), themeProp));
        theme.setTooltip(new Tooltip("Switch between light and dark (Ctrl+Shift+L)"));
        theme.setOnAction(e -> context.appearance().toggle());

        VBox sidebar = new VBox(brand, nav, spacer, theme);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setId("sidebar");
        return sidebar;
    }

    private void moveSelection(KeyEvent e) {
        if (e.getCode() != KeyCode.UP && e.getCode() != KeyCode.DOWN) {
            return;
        }
        List<String> ids = List.copyOf(pages.keySet());
        int i = Math.max(0, ids.indexOf(currentId));
        int next = e.getCode() == KeyCode.UP ? Math.max(0, i - 1) : Math.min(ids.size() - 1, i + 1);
        show(ids.get(next));
        navButtons.get(ids.get(next)).requestFocus();
        e.consume();
    }

    private Node statusBar(StatusBarViewModel status) {
        Region dot = new Region();
        dot.getStyleClass().add("status-dot");
        dot.setId("status-dot");
        status.healthProperty().addListener((obs, o, n) -> styleDot(dot, n));
        styleDot(dot, status.healthProperty().get());
        Label text = new Label();
        text.setId("status-text");
        text.getStyleClass().add("status-text");
        text.textProperty().bind(status.textProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(status.detailProperty());
        text.setTooltip(tip);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label data = new Label("Data: " + context.dataFolder());
        data.getStyleClass().addAll(Styles.TEXT_MUTED, "status-data");
        data.setId("status-data");
        HBox bar = new HBox(8, dot, text, spacer, data);
        bar.getStyleClass().add("status-bar");
        bar.setId("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static void styleDot(Region dot, StatusBarViewModel.Health health) {
        dot.getStyleClass().removeIf(c -> c.startsWith("health-"));
        dot.getStyleClass().add("health-" + health.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    private void installAccelerators(Scene scene) {
        if (scene == null) {
            return;
        }
        int n = 1;
        for (String id : pages.keySet()) {
            if (n > 9) {
                break;
            }
            KeyCode digit = KeyCode.valueOf("DIGIT" + n++);
            scene.getAccelerators().put(new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN), () -> {
                show(id);
                navButtons.get(id).requestFocus();
            });
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                () -> context.appearance().toggle());
    }
}
