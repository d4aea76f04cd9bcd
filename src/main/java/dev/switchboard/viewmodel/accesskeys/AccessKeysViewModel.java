package dev.switchboard.viewmodel.accesskeys;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyConfigurationUpdate;
import dev.switchboard.api.AccessKeyUpdate;
import dev.switchboard.client.ConflictException;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.DialogService;
import dev.switchboard.viewmodel.KeptTokens;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Access keys page: the keys table (create, change configuration, revoke) and the configurations
 * list with its editor (save, delete, revert). All gateway calls run on the background tasks.
 */
public class AccessKeysViewModel {
    private final Supplier<GatewayClient> client;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final KeptTokens keptTokens;
    private final ZoneId zone;

    private final ObservableList<AccessKeyRow> keys = FXCollections.observableArrayList();
    private final ObservableList<ConfigurationRow> configurations = FXCollections.observableArrayList();
    private final ObservableList<ConfigurationChoice> configurationChoices = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<AccessKeysSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot",
            AccessKeysSnapshot.EMPTY);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObjectProperty<AccessKey> createdKey = new SimpleObjectProperty<>(this, "createdKey");
    private final AccessKeyConfigurationEditorViewModel editor = new AccessKeyConfigurationEditorViewModel();
    private final ReadOnlyObjectWrapper<ConfigurationRow> openConfiguration = new ReadOnlyObjectWrapper<>(this, "openConfiguration");
    private final KeyAccessViewModel keyAccess;
    private int running;

    public AccessKeysViewModel(Supplier<GatewayClient> client, BackgroundTasks tasks, DialogService dialogs,
                               KeptTokens keptTokens, ZoneId zone) {
        this.client = Objects.requireNonNull(client);
        this.tasks = Objects.requireNonNull(tasks);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.keptTokens = Objects.requireNonNull(keptTokens);
        this.zone = Objects.requireNonNull(zone);
        editor.startNew(List.of(), List.of());
        keyAccess = new KeyAccessViewModel(this, dialogs);
    }

    /** What the selected key can call, and Edit access. */
    public KeyAccessViewModel keyAccess() {
        return keyAccess;
    }

    GatewayClient client() {
        return client.get();
    }

    <T> CompletableFuture<T> work(String doing, Callable<T> work, Consumer<? super T> onSuccess, String failureTitle) {
        return run(doing, work, onSuccess, failureTitle);
    }

    /** The page's view-model over the app's active gateway connection. */
    public static AccessKeysViewModel of(dev.switchboard.viewmodel.AppContext context) {
        Supplier<GatewayClient> client = () -> {
            dev.switchboard.viewmodel.GatewayConnection connection = context.connections().current();
            if (connection == null) {
                throw new IllegalStateException("Not connected to a gateway yet. Check Settings.");
            }
            return connection.client();
        };
        AccessKeysViewModel vm = new AccessKeysViewModel(client, context.tasks(), context.dialogs(),
                KeptTokens.of(context.dataFolder()), ZoneId.systemDefault());
        context.connections().whenGatewayChanged(vm::forgetGateway);
        context.connections().stateProperty().addListener((o, a, state) -> {
            if (state != null && state.phase() == dev.switchboard.viewmodel.ConnectionState.Phase.READY) {
                vm.refresh();
            }
        });
        return vm;
    }

    // ---- loading

    /** After a switch to another gateway: closes the open configuration and empties the lists until they load again. */
    public void forgetGateway() {
        openConfiguration.set(null);
        editor.startNew(List.of(), List.of());
        keys.clear();
        configurations.clear();
        configurationChoices.clear();
    }

    /** Reads keys, configurations, providers and provider keys again. */
    public CompletableFuture<AccessKeysSnapshot> refresh() {
        return runWithFailure("Loading…", () -> read(client.get()), this::show,
                failure -> status.set("Could not load access keys: " + describe(failure)));
    }

    private static AccessKeysSnapshot read(GatewayClient c) {
        return new AccessKeysSnapshot(c.accessKeys().list().toList(), c.accessKeyConfigurations().list().toList(),
                c.providers().list().toList(), c.providerKeys().list().toList());
    }

    private void show(AccessKeysSnapshot s) {
        snapshot.set(s);
        keys.setAll(s.keys().stream().map(k -> AccessKeyRow.of(k, s.configurations(), zone)).toList());
        configurations.setAll(s.configurations().stream()
                .map(c -> new ConfigurationRow(c, s.keysUsing(c.id()).size())).toList());
        configurationChoices.setAll(ConfigurationChoice.all(s.configurations()));
        editor.setKeysAndConfigurations(s.keys(), s.configurations());
        ConfigurationRow open = openConfiguration.get();
        if (open != null) {
            openConfiguration.set(configurations.stream().filter(r -> r.id().equals(open.id())).findFirst().orElse(null));
        }
        if (!editor.isDirty()) {
            AccessKeyConfiguration saved = editor.savedProperty().get();
            AccessKeyConfiguration fresh = saved == null ? null
                    : s.configurations().stream().filter(c -> c.id().equals(saved.id())).findFirst().orElse(null);
            editor.load(fresh, s.providers(), s.providerKeys());
            if (fresh == null) {
                openConfiguration.set(null);
            }
        }
    }

    // ---- access keys

    /** A fresh form for "Create access key": the providers and models to allow, or an existing configuration. */
    public NewAccessKeyViewModel newKeyForm() {
        return new NewAccessKeyViewModel(configurationChoices, snapshot.get().providers());
    }

    /**
     * Creates the key; with chosen providers and models, first a configuration named after the key that allows
     * exactly those (each allowed provider routed to its provider keys). On success {@link #createdKeyProperty()}
     * holds the key with its token, to show once.
     */
    public CompletableFuture<AccessKey> createKey(NewAccessKeyViewModel form) {
        var request = form.toRequest();
        AccessKeysSnapshot s = snapshot.get();
        Access access = form.choosesModels() ? form.allowlist().toAccess() : null;
        var config = form.choosesModels() ? new AccessKeyConfigurationCreate(KeyAccessViewModel.uniqueName(request.name(), s),
                access, KeyAccessViewModel.routerFor(access, s), "What the key '" + request.name() + "' may call", null) : null;
        return run("Creating access key…", () -> {
            GatewayClient c = client.get();
            if (config == null) {
                return c.accessKeys().create(request);
            }
            AccessKeyConfiguration made = c.accessKeyConfigurations().create(config);
            return c.accessKeys().create(new AccessKeyCreate(request.name(), made.id(), request.description(), null));
        }, created -> {
            createdKey.set(created);
            refresh();
        }, "Could not create the access key");
    }

    /** The token dialog closed: keep the token in the console's own store if asked, then forget it here. */
    public CompletableFuture<Void> finishCreatedKey(boolean keep) {
        AccessKey created = createdKey.get();
        createdKey.set(null);
        if (created == null || !keep) {
            return CompletableFuture.completedFuture(null);
        }
        return run("Keeping the token…", () -> {
            keptTokens.keep(created.id(), created.name(), created.token());
            return null;
        }, v -> status.set("Token for '" + created.name() + "' kept in this console."), "Could not keep the token");
    }

    public CompletableFuture<AccessKey> changeConfiguration(AccessKeyRow row, ConfigurationChoice choice) {
        AccessKeyUpdate.Builder update = AccessKeyUpdate.builder();
        if (choice == null || choice.configuration() == null) {
            update.clearAccessKeyConfiguration();
        } else {
            update.accessKeyConfigurationId(choice.id());
        }
        AccessKeyUpdate body = update.build();
        return run("Changing configuration…", () -> client.get().accessKeys().update(row.key().id(), body),
                k -> refresh(), "Could not change the key's configuration");
    }

    /** Asks, then deletes the key (apps using its token get 401 from then on) and forgets a kept token. */
    public CompletableFuture<Void> revoke(AccessKeyRow row) {
        boolean sure = dialogs.confirmDestructive("Revoke access key '" + row.name() + "'?",
                "Anything using this key's token (" + row.keyRedacted() + ") will be refused from now on. "
                        + "This cannot be undone.", "Revoke");
        if (!sure) {
            return CompletableFuture.completedFuture(null);
        }
        return run("Revoking…", () -> {
            client.get().accessKeys().delete(row.key().id());
            keptTokens.forget(row.key().id());
            return null;
        }, v -> refresh(), "Could not revoke the access key");
    }

    // ---- configurations

    /** Opens a configuration in the editor; false when the user keeps unsaved changes instead. */
    public boolean open(ConfigurationRow row) {
        if (row != null && openConfiguration.get() != null && row.id().equals(openConfiguration.get().id())) {
            return true;
        }
        if (!confirmDiscard()) {
            return false;
        }
        AccessKeysSnapshot s = snapshot.get();
        openConfiguration.set(row);
        editor.load(row == null ? null : row.configuration(), s.providers(), s.providerKeys());
        return true;
    }

    /** Reads everything again, then opens the configuration with this id (a link from another page). */
    public CompletableFuture<Boolean> openConfigurationById(String id) {
        return refresh().thenApply(s -> configurations.stream().filter(r -> r.id().equals(id)).findFirst()
                .map(this::open).orElse(false));
    }

    public boolean newConfiguration() {
        if (!confirmDiscard()) {
            return false;
        }
        openConfiguration.set(null);
        AccessKeysSnapshot s = snapshot.get();
        editor.startNew(s.providers(), s.providerKeys());
        return true;
    }

    /** True when there is nothing unsaved, or the user agrees to drop it (before navigating away). */
    public boolean confirmDiscard() {
        if (!editor.isDirty()) {
            return true;
        }
        String name = editor.nameProperty().get().isBlank() ? "the new configuration" : "'" + editor.nameProperty().get() + "'";
        return dialogs.confirmDestructive("Discard unsaved changes?", "The changes to " + name + " are not saved yet.", "Discard");
    }

    public void revert() {
        AccessKeysSnapshot s = snapshot.get();
        editor.load(editor.savedProperty().get(), s.providers(), s.providerKeys());
    }

    /** Creates or updates the configuration; the editor keeps everything typed when the gateway refuses. */
    public CompletableFuture<AccessKeyConfiguration> save() {
        if (!editor.canSaveProperty().get()) {
            return CompletableFuture.completedFuture(null);
        }
        ConfigurationRequest request = editor.request(false);
        AccessKeyConfiguration saved = editor.savedProperty().get();
        Callable<AccessKeyConfiguration> work;
        if (saved == null) {
            var body = new AccessKeyConfigurationCreate(request.name(), request.access(), request.router(),
                    request.description(), null);
            work = () -> client.get().accessKeyConfigurations().create(body);
        } else {
            AccessKeyConfigurationUpdate.Builder b = AccessKeyConfigurationUpdate.builder().name(request.name());
            if (request.description() == null) {
                b.clearDescription();
            } else {
                b.description(request.description());
            }
            if (request.access() == null) {
                b.clearAccess();
            } else {
                b.access(request.access());
            }
            if (request.router() == null) {
                b.clearRouter();
            } else {
                b.router(request.router());
            }
            var body = b.build();
            work = () -> client.get().accessKeyConfigurations().update(saved.id(), body);
        }
        return run("Saving…", () -> {
            AccessKeyConfiguration result = work.call();
            return new SaveResult(result, read(client.get()));
        }, r -> {
            editor.load(r.saved(), r.snapshot().providers(), r.snapshot().providerKeys());
            show(r.snapshot());
            openConfiguration.set(configurations.stream().filter(c -> c.id().equals(r.saved().id())).findFirst().orElse(null));
            status.set("Saved '" + r.saved().name() + "'.");
        }, "Could not save the configuration").thenApply(r -> r == null ? null : r.saved());
    }

    private record SaveResult(AccessKeyConfiguration saved, AccessKeysSnapshot snapshot) {
    }

    /** Deletes the open configuration; refused, with the keys named, while keys use it. */
    public CompletableFuture<Void> deleteConfiguration() {
        AccessKeyConfiguration saved = editor.savedProperty().get();
        if (saved == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<AccessKey> users = snapshot.get().keysUsing(saved.id());
        if (!users.isEmpty()) {
            dialogs.showError("'" + saved.name() + "' is in use", inUseMessage(users));
            return CompletableFuture.completedFuture(null);
        }
        if (!dialogs.confirmDestructive("Delete configuration '" + saved.name() + "'?", "No access key uses it. This cannot be undone.",
                "Delete")) {
            return CompletableFuture.completedFuture(null);
        }
        return runWithFailure("Deleting…", () -> {
            client.get().accessKeyConfigurations().delete(saved.id());
            return read(client.get());
        }, s -> {
            openConfiguration.set(null);
            editor.startNew(s.providers(), s.providerKeys());
            show(s);
            status.set("Deleted '" + saved.name() + "'.");
        }, failure -> {
            if (failure instanceof ConflictException) {
                refresh().thenRun(() -> dialogs.showError("'" + saved.name() + "' is in use",
                        inUseMessage(snapshot.get().keysUsing(saved.id()))));
            } else {
                dialogs.showError("Could not delete the configuration", describe(failure));
            }
        }).thenApply(s -> null);
    }

    static String inUseMessage(List<AccessKey> users) {
        if (users.isEmpty()) {
            return "The gateway says an access key still uses it. Refresh and move those keys first.";
        }
        return "It is used by " + (users.size() == 1 ? "the access key " : users.size() + " access keys: ")
                + users.stream().map(k -> "'" + k.name() + "'").collect(Collectors.joining(", "))
                + ". Give those keys another configuration (or revoke them) first.";
    }

    // ---- plumbing

    private <T> CompletableFuture<T> run(String doing, Callable<T> work, Consumer<? super T> onSuccess, String failureTitle) {
        return runWithFailure(doing, work, onSuccess, failure -> dialogs.showError(failureTitle, describe(failure)));
    }

    private <T> CompletableFuture<T> runWithFailure(String doing, Callable<T> work, Consumer<? super T> onSuccess,
                                                    Consumer<Throwable> onFailure) {
        running++;
        busy.set(true);
        status.set(doing);
        // The failure is reported through onFailure; the future then completes with null.
        return tasks.run(work, result -> {
            done();
            status.set("");
            onSuccess.accept(result);
        }, failure -> {
            done();
            status.set(describe(failure));
            onFailure.accept(failure);
        }).handle((result, failure) -> failure == null ? result : null);
    }

    private void done() {
        running = Math.max(0, running - 1);
        busy.set(running > 0);
    }

    static String describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    public ObservableList<AccessKeyRow> keys() {
        return keys;
    }

    public ObservableList<ConfigurationRow> configurations() {
        return configurations;
    }

    public ObservableList<ConfigurationChoice> configurationChoices() {
        return configurationChoices;
    }

    public ReadOnlyObjectProperty<AccessKeysSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The key just created, with its token, until the token dialog closes. */
    public ReadOnlyObjectProperty<AccessKey> createdKeyProperty() {
        return createdKey;
    }

    public AccessKeyConfigurationEditorViewModel editor() {
        return editor;
    }

    public ReadOnlyObjectProperty<ConfigurationRow> openConfigurationProperty() {
        return openConfiguration.getReadOnlyProperty();
    }

    /** The configuration choice a key currently has, for the "Change configuration" picker. */
    public ConfigurationChoice choiceOf(AccessKeyRow row) {
        if (row.key().accessKeyConfiguration() == null) {
            return ConfigurationChoice.NONE;
        }
        return configurationChoices.stream().filter(c -> row.key().accessKeyConfiguration().id().equals(c.id()))
                .findFirst().orElse(ConfigurationChoice.NONE);
    }
}
