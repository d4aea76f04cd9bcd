package dev.switchboard.app;

import dev.switchboard.gateway.store.StoredKeyValues;
import dev.switchboard.ui.FxDialogService;
import dev.switchboard.ui.Toasts;
import dev.switchboard.ui.shell.Pages;
import dev.switchboard.ui.shell.ShellView;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.ExecutorBackgroundTasks;
import dev.switchboard.viewmodel.settings.Appearance;
import dev.switchboard.viewmodel.settings.Settings;
import dev.switchboard.viewmodel.settings.SettingsStore;
import dev.switchboard.viewmodel.settings.WindowBounds;
import dev.switchboard.viewmodel.shell.StatusBarViewModel;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running desktop console: puts the services together, opens the main window, connects to the
 * gateway, and on {@link #close()} remembers the window and stops the embedded gateway.
 * {@link SwitchboardApp} uses it, and so do the UI tests (with a temp data folder).
 */
public final class Console implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Console.class);
    private static final List<Integer> ICON_SIZES = List.of(16, 32, 48, 64, 128, 256);

    private final Stage stage;
    private final SettingsStore store;
    private final ExecutorBackgroundTasks tasks;
    private final Supplier<OkHttpClient> http;
    private final ConnectionManager connections;
    private final StatusBarViewModel status;
    private final AppContext context;
    private final ShellView shell;
    private final CompletableFuture<?> firstConnection;
    private boolean closed;

    private Console(Stage stage, SettingsStore store, Settings settings, EmbeddedGatewayStarter starter, Supplier<OkHttpClient> http) {
        ShellView.applyUserAgentStylesheet(settings.theme());
        this.stage = stage;
        this.store = store;
        this.tasks = ExecutorBackgroundTasks.withDaemonThreads(Platform::runLater);
        this.http = http;
        this.connections = new ConnectionManager(store, tasks, starter, http);
        ClientGatewayProbe probe = new ClientGatewayProbe(http);
        Toasts toasts = new Toasts();
        this.context = new AppContext(store.dataFolder(), store, tasks, new FxDialogService(() -> stage), toasts,
                connections, probe, new Appearance(store, tasks, settings.theme()));
        context.setStoredKeyValues(StoredKeyValues::read);
        this.status = new StatusBarViewModel(connections, probe, tasks);
        this.shell = new ShellView(context, Pages.all(), toasts, status);

        WindowBounds b = settings.window();
        Scene scene = new Scene(shell, Math.max(b.width(), WindowBounds.MIN_WIDTH), Math.max(b.height(), WindowBounds.MIN_HEIGHT));
        scene.getStylesheets().add(Objects.requireNonNull(ShellView.class.getResource(ShellView.STYLESHEET)).toExternalForm());
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (!shell.mayClose()) {
                e.consume();
            }
        });
        stage.setTitle("Switchboard");
        stage.setMinWidth(WindowBounds.MIN_WIDTH);
        stage.setMinHeight(WindowBounds.MIN_HEIGHT);
        for (int size : ICON_SIZES) {
            stage.getIcons().add(new Image(Objects.requireNonNull(
                    Console.class.getResourceAsStream("/dev/switchboard/ui/icons/app-" + size + ".png"))));
        }
        placeWindow(b);
        shell.show(Pages.PROVIDERS);
        stage.show();
        // The gateway's start (SQLite, Jetty: ~1,000 classes) would compete with the first frame for the CPU.
        CompletableFuture<Object> connected = new CompletableFuture<>();
        this.firstConnection = connected;
        FirstFrame.whenDrawn(() -> {
            if (!closed) {
                connections.connect().whenComplete((s, e) -> connected.complete(s));
            } else {
                connected.complete(null);
            }
        });
    }

    /**
     * Opens the console in {@code stage}. The gateway is started in the background once the window's
     * first frame is drawn.
     */
    public static Console open(Stage stage, SettingsStore store, Settings settings, EmbeddedGatewayStarter starter) {
        OkHttpClient http = StartupWork.httpClient();
        return new Console(stage, store, settings, starter, () -> http);
    }

    /** Like {@link #open(Stage, SettingsStore, Settings, EmbeddedGatewayStarter)}, on an HTTP client being built elsewhere. */
    static Console open(Stage stage, SettingsStore store, Settings settings, EmbeddedGatewayStarter starter, Supplier<OkHttpClient> http) {
        return new Console(stage, store, settings, starter, http);
    }

    public AppContext context() {
        return context;
    }

    public ShellView shell() {
        return shell;
    }

    public ConnectionManager connections() {
        return connections;
    }

    /** Completes when the first connection attempt after opening is ready or has failed. */
    public CompletableFuture<?> firstConnection() {
        return firstConnection;
    }

    /** Remembers the window's place, stops the status checks and the embedded gateway. Call on the FX thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        WindowBounds bounds = new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
        status.close();
        tasks.close();
        try {
            if (stage.isShowing() || bounds.width() > 0) {
                store.update(s -> s.withWindow(bounds.width() > 0 ? bounds : s.window()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not remember the window's place: {}", e.getMessage());
        }
        connections.close();
        OkHttpClient client = http.get();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private void placeWindow(WindowBounds b) {
        if (b.hasPosition() && onSomeScreen(b)) {
            stage.setX(b.x());
            stage.setY(b.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(b.maximized());
    }

    private static boolean onSomeScreen(WindowBounds b) {
        Rectangle2D titleBar = new Rectangle2D(b.x() + 40, b.y() + 4, Math.max(1, b.width() - 80), 24);
        return Screen.getScreens().stream().anyMatch(s -> s.getVisualBounds().intersects(titleBar));
    }
}
