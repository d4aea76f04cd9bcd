package dev.switchboard.viewmodel.providers;

import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderUpdate;
import dev.switchboard.client.ConflictException;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.ValidationException;
import dev.switchboard.discovery.LocalServerScanner;
import dev.switchboard.discovery.ModelServerClient;
import dev.switchboard.discovery.OnDemand;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.ConnectionState;
import dev.switchboard.viewmodel.DialogService;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.Navigator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Providers page: the table of custom providers with a live status dot, a detail pane that
 * edits name, base URL, surfaces and models (the providerId is fixed), delete with an explanation
 * when the provider is still in use, and the entry to the Add-provider wizard.
 */
public final class ProvidersViewModel implements AutoCloseable {
    public static final Duration STATUS_PERIOD = Duration.ofSeconds(30);
    /** The page id of the Access keys page (see the shell's Pages). */
    public static final String ACCESS_KEYS_PAGE = "access-keys";
    public static final String SETTINGS_PAGE = "settings";
    static final String NOT_CONNECTED = "Not connected to a gateway yet: see the status bar, or check Settings.";
    static final String STARTING = "Connecting to the gateway: its providers show here in a moment.";

    private final Supplier<GatewayClient> gateway;
    private final Supplier<GatewayConnection> connection;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final Navigator navigator;
    private final Supplier<ModelServerClient> servers;
    private final Supplier<LocalServerScanner> scannerFactory;

    private final ObservableList<ProviderRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded", false);
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError", "");
    private final BooleanBinding empty;
    private final BooleanBinding notConnected;
    private final ObjectProperty<ProviderRow> selected = new SimpleObjectProperty<>(this, "selected");

    private final ProviderEditor editor;
    private final BooleanBinding canSave;
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving", false);
    private final ReadOnlyBooleanWrapper starting = new ReadOnlyBooleanWrapper(this, "starting", false);
    private final ReadOnlyStringWrapper detailError = new ReadOnlyStringWrapper(this, "detailError", "");
    private final ReadOnlyStringWrapper detailNotice = new ReadOnlyStringWrapper(this, "detailNotice", "");
    private final ObjectProperty<StillInUse> lastRefusal = new SimpleObjectProperty<>(this, "lastRefusal");
    private BackgroundTasks.Repeating liveChecks;
    private List<AutoCloseable> owned = List.of();

    /**
     * @param connection     the current gateway connection, null while there is none
     * @param servers        the model-server client, asked for only inside background tasks (it is costly to build)
     * @param scannerFactory the scan the wizard runs (tests point it at a scripted server)
     */
    public ProvidersViewModel(Supplier<GatewayConnection> connection, BackgroundTasks tasks, DialogService dialogs,
                              Navigator navigator, Supplier<ModelServerClient> servers,
                              Supplier<LocalServerScanner> scannerFactory) {
        this.gateway = () -> {
            GatewayConnection c = connection.get();
            return c == null ? null : c.client();
        };
        this.connection = connection;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.navigator = navigator;
        this.servers = servers;
        this.scannerFactory = scannerFactory;

        empty = Bindings.createBooleanBinding(() -> loaded.get() && rows.isEmpty() && loadError.get().isEmpty(),
                loaded, rows, loadError);
        notConnected = Bindings.createBooleanBinding(
                () -> NOT_CONNECTED.equals(loadError.get()) || STARTING.equals(loadError.get()), loadError);
        editor = new ProviderEditor(selected, connection);
        canSave = Bindings.createBooleanBinding(() -> editor.dirtyProperty().get() && editor.allValid().get() && !saving.get(),
                editor.dirtyProperty(), editor.allValid(), saving);

        selected.addListener((o, a, b) -> showInDetail(b));
        editor.editNameProperty().addListener((o, a, b) -> detailError.set(""));
        editor.editBaseUrlProperty().addListener((o, a, b) -> detailError.set(""));
    }

    /** The page's view-model in the running app: the current connection's client, loaded again whenever it connects. */
    public static ProvidersViewModel create(AppContext context) {
        OnDemand<ModelServerClient> servers = OnDemand.modelServerClient();
        ProvidersViewModel vm = new ProvidersViewModel(() -> context.connections().current(), context.tasks(),
                context.dialogs(), context.navigator(), servers, () -> new LocalServerScanner(servers));
        vm.owned = List.of(servers);
        ConnectionState now = context.connections().stateProperty().get();
        vm.connectionPhase(now == null ? null : now.phase());
        context.connections().stateProperty().addListener((o, a, state) -> {
            vm.connectionPhase(state == null ? null : state.phase());
            if (state != null && state.phase() == ConnectionState.Phase.READY) {
                vm.load();
            }
        });
        return vm;
    }

    /**
     * Where the connection is: while it is being made (the embedded gateway starting, as at every start, or the
     * hosted one answering) the page says so instead of "not connected".
     */
    public void connectionPhase(ConnectionState.Phase phase) {
        // no phase yet: the app has just started and is about to connect
        starting.set(phase == null || phase == ConnectionState.Phase.STARTING);
        if (notConnected.get()) {
            loadError.set(notConnectedReason());
        }
    }

    /** Whether the gateway connection is being made; see {@link #connectionPhase}. */
    public ReadOnlyBooleanProperty startingProperty() {
        return starting.getReadOnlyProperty();
    }

    private String notConnectedReason() {
        return starting.get() ? STARTING : NOT_CONNECTED;
    }

    // ---------------------------------------------------------------- list

    /** Reads every provider from the gateway, then checks each one's server in the background. */
    public CompletableFuture<List<Provider>> load() {
        GatewayClient client = gateway.get();
        if (client == null) {
            loaded.set(false);
            loadError.set(notConnectedReason());
            return CompletableFuture.completedFuture(List.of());
        }
        loading.set(true);
        String keep = selected.get() == null ? null : selected.get().providerId();
        return tasks.run(() -> client.providers().list().toList(), list -> {
            loading.set(false);
            loaded.set(true);
            loadError.set("");
            rows.setAll(list.stream().map(ProviderRow::new).toList());
            if (keep != null) {
                select(keep);
            }
            checkStatuses();
        }, e -> {
            loading.set(false);
            loaded.set(true);
            loadError.set("Could not read the providers: " + ProviderWizardViewModel.message(e));
        });
    }

    /** Re-checks every row's server every {@link #STATUS_PERIOD} until {@link #close()}. */
    public void startLiveStatus() {
        if (liveChecks == null) {
            liveChecks = tasks.every(STATUS_PERIOD, this::checkStatuses);
        }
    }

    /** A quick reachability check of every row's server, off the UI thread. */
    public void checkStatuses() {
        for (ProviderRow row : List.copyOf(rows)) {
            if (row.getStatus() == ProviderRow.Status.CHECKING) {
                continue;
            }
            if (row.getStatus() == ProviderRow.Status.UNCHECKED) {
                row.statusProperty().set(ProviderRow.Status.CHECKING);
            }
            String url = row.baseUrl();
            tasks.run(() -> servers.get().checkHealth(url).get(), row::checked,
                    e -> row.statusProperty().set(ProviderRow.Status.UNREACHABLE));
        }
    }

    public void select(String providerId) {
        rows.stream().filter(r -> r.providerId().equals(providerId)).findFirst().ifPresent(selected::set);
    }

    // ---------------------------------------------------------------- wizard

    /** A fresh Add-provider wizard on the same gateway; call {@link #wizardFinished} when it closes. */
    public ProviderWizardViewModel newWizard() {
        GatewayClient client = gateway.get();
        if (client == null) {
            return null;
        }
        ProviderWizardViewModel wizard = new ProviderWizardViewModel(connection.get(), tasks, scannerFactory.get(), servers);
        wizard.setDialogs(dialogs);
        return wizard;
    }

    /** Whether the wizard can open now (a gateway is connected); else the reason is in {@link #loadErrorProperty()}. */
    public boolean canAddProvider() {
        if (gateway.get() == null) {
            loadError.set(notConnectedReason());
            return false;
        }
        return true;
    }

    /** Reloads the table and selects what the wizard created, if anything. */
    public CompletableFuture<List<Provider>> wizardFinished(ProviderWizardViewModel wizard) {
        Provider created = wizard.createdProviderProperty().get();
        return load().thenApply(list -> {
            if (created != null) {
                select(created.providerId());
            }
            return list;
        });
    }

    // ---------------------------------------------------------------- detail pane

    private void showInDetail(ProviderRow row) {
        detailError.set("");
        detailNotice.set("");
        editor.show(row);
    }

    /** The detail pane's fields. */
    public ProviderEditor editor() {
        return editor;
    }

    /** Puts the detail pane back to the provider as last read. */
    public void revert() {
        showInDetail(selected.get());
    }

    /** Sends the changes (PATCH); a refusal is shown in the detail pane and nothing typed is lost. */
    public CompletableFuture<Provider> save() {
        if (!canSave.get()) {
            return CompletableFuture.completedFuture(null);
        }
        ProviderRow row = selected.get();
        ProviderUpdate update = editor.pendingUpdate();
        GatewayClient client = gateway.get();
        if (client == null) {
            detailError.set(NOT_CONNECTED);
            return CompletableFuture.completedFuture(null);
        }
        saving.set(true);
        detailError.set("");
        return tasks.run(() -> client.providers().update(row.provider().id(), update), updated -> {
            saving.set(false);
            ProviderRow fresh = new ProviderRow(updated);
            int i = rows.indexOf(row);
            if (i >= 0) {
                rows.set(i, fresh);
            } else {
                rows.add(fresh);
            }
            selected.set(fresh);
            detailNotice.set("Saved.");
            checkStatuses();
        }, e -> {
            saving.set(false);
            detailError.set(e instanceof ValidationException v
                    ? v.field().map(f -> f + ": ").orElse("") + v.getMessage()
                    : "Could not save: " + ProviderWizardViewModel.message(e));
        });
    }

    // ---------------------------------------------------------------- delete

    /**
     * Asks, then deletes. When the gateway refuses with 409, finds what still uses the provider,
     * explains it, and offers to open the configuration.
     */
    public CompletableFuture<Object> delete(ProviderRow row) {
        if (row == null) {
            return CompletableFuture.completedFuture(null);
        }
        boolean sure = dialogs.confirmDestructive("Delete provider " + row.providerId() + "?",
                "Access keys will no longer be able to call any of " + row.providerId() + "'s models. This cannot be undone.",
                "Delete");
        if (!sure) {
            return CompletableFuture.completedFuture(null);
        }
        GatewayClient client = gateway.get();
        if (client == null) {
            dialogs.showError("Could not delete " + row.providerId(), NOT_CONNECTED);
            return CompletableFuture.completedFuture(null);
        }
        return tasks.run(() -> {
            try {
                client.providers().delete(row.provider().id());
                return (Object) row;
            } catch (ConflictException conflict) {
                return StillInUse.find(client, row.providerId(), conflict);
            }
        }, outcome -> {
            if (outcome instanceof StillInUse use) {
                explain(row, use);
            } else {
                rows.remove(row);
                if (selected.get() == row) {
                    selected.set(null);
                }
            }
        }, e -> dialogs.showError("Could not delete " + row.providerId(), ProviderWizardViewModel.message(e)));
    }

    private void explain(ProviderRow row, StillInUse use) {
        lastRefusal.set(use);
        String title = "Cannot delete " + row.providerId();
        if (use.configurations().isEmpty()) {
            dialogs.showError(title, use.explanation());
            return;
        }
        String open = "Open " + StillInUse.nameOf(use.configurations().get(0));
        if (dialogs.confirm(title, use.explanation(), open)) {
            navigator.show(ACCESS_KEYS_PAGE);
        }
    }

    /** The last refused delete's explanation (for tests and for the page's own notice). */
    public ObjectProperty<StillInUse> lastRefusalProperty() {
        return lastRefusal;
    }

    @Override
    public void close() {
        if (liveChecks != null) {
            liveChecks.close();
            liveChecks = null;
        }
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                // closing on the way out: nothing left to do with a failure
            }
        }
    }

    // ---------------------------------------------------------------- properties

    public ObservableList<ProviderRow> rows() {
        return rows;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    /** True once loaded with no providers: the page shows its big "Add provider" call to action. */
    public BooleanBinding emptyProperty() {
        return empty;
    }

    /** True while there is no gateway to talk to: the page shows that, with the way to Settings. */
    public BooleanBinding notConnectedProperty() {
        return notConnected;
    }

    public void openSettings() {
        navigator.show(SETTINGS_PAGE);
    }

    public ObjectProperty<ProviderRow> selectedProperty() {
        return selected;
    }

    public BooleanBinding canSaveProperty() {
        return canSave;
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailErrorProperty() {
        return detailError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailNoticeProperty() {
        return detailNotice.getReadOnlyProperty();
    }
}
