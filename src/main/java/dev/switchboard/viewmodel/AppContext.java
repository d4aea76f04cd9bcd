package dev.switchboard.viewmodel;

import dev.switchboard.viewmodel.settings.Appearance;
import dev.switchboard.viewmodel.settings.SettingsStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every page's view-model may need, injected by the shell: the data folder and settings, the
 * active gateway connection, where to run I/O, and how to talk to the user.
 */
public final class AppContext {
    private final Path dataFolder;
    private final SettingsStore settings;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final NotificationService notifications;
    private final Connections connections;
    private final GatewayProbe probe;
    private final Appearance appearance;
    private final PageRequests pageRequests = new PageRequests();
    private volatile Navigator navigator = id -> { };
    private volatile Function<Path, Map<String, String>> storedKeyValues = folder -> Map.of();

    public AppContext(Path dataFolder, SettingsStore settings, BackgroundTasks tasks, DialogService dialogs,
                      NotificationService notifications, Connections connections, GatewayProbe probe,
                      Appearance appearance) {
        this.dataFolder = Objects.requireNonNull(dataFolder);
        this.settings = Objects.requireNonNull(settings);
        this.tasks = Objects.requireNonNull(tasks);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.notifications = Objects.requireNonNull(notifications);
        this.connections = Objects.requireNonNull(connections);
        this.probe = Objects.requireNonNull(probe);
        this.appearance = Objects.requireNonNull(appearance);
    }

    public Path dataFolder() {
        return dataFolder;
    }

    public SettingsStore settings() {
        return settings;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public NotificationService notifications() {
        return notifications;
    }

    public Connections connections() {
        return connections;
    }

    public GatewayProbe probe() {
        return probe;
    }

    public Appearance appearance() {
        return appearance;
    }

    public Navigator navigator() {
        return id -> navigator.show(id);
    }

    /**
     * The provider-key values (by id) stored in an embedded gateway's data folder, for copying a configuration
     * to another gateway (the API never returns them). Blocking: call off the FX thread.
     */
    public Map<String, String> storedKeyValues(Path folder) {
        return storedKeyValues.apply(folder);
    }

    /** Set by the app, which may read the embedded gateway's store. */
    public void setStoredKeyValues(Function<Path, Map<String, String>> reader) {
        this.storedKeyValues = Objects.requireNonNull(reader);
    }

    /** Links from one page to an item on another (see {@link PageRequests}). */
    public PageRequests pageRequests() {
        return pageRequests;
    }

    /** Set by the shell once the window exists. */
    public void setNavigator(Navigator navigator) {
        this.navigator = Objects.requireNonNull(navigator);
    }
}
