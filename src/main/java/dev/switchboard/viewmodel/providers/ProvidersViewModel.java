package dev.switchboard.viewmodel.providers;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderUpdate;
import dev.switchboard.api.RouterRule;
import dev.switchboard.client.ConflictException;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.ValidationException;
import dev.switchboard.discovery.LocalServerScanner;
import dev.switchboard.discovery.ModelServerClient;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.ConnectionState;
import dev.switchboard.viewmodel.DialogService;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.Navigator;
import dev.switchboard.viewmodel.validation.FieldValidator;
import dev.switchboard.viewmodel.validation.ValidationGroup;
import dev.switchboard.viewmodel.validation.ValidationStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
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

    private final Supplier<GatewayClient> gateway;
    private final Supplier<GatewayConnection> connection;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final Navigator navigator;
    private final ModelServerClient servers;
    private final Supplier<LocalServerScanner> scannerFactory;

    private final ObservableList<ProviderRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", false);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded", false);
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError", "");
    private final BooleanBinding empty;
    private final BooleanBinding notConnected;
    private final ObjectProperty<ProviderRow> selected = new SimpleObjectProperty<>(this, "selected");

    // detail pane
    private final StringProperty editName = new SimpleStringProperty(this, "editName", "");
    private final StringProperty editBaseUrl = new SimpleStringProperty(this, "editBaseUrl", "");
    private final BooleanProperty editChat = new SimpleBooleanProperty(this, "editChat", false);
    private final BooleanProperty editResponses = new SimpleBooleanProperty(this, "editResponses", false);
    private final BooleanProperty editMessages = new SimpleBooleanProperty(this, "editMessages", false);
    private final ObservableList<String> editModels = FXCollections.observableArrayList();
    private final StringProperty newModelId = new SimpleStringProperty(this, "newModelId", "");
    private final FieldValidator<String> nameValidator;
    private final FieldValidator<String> baseUrlValidator;
    private final FieldValidator<List<ApiSurface>> surfacesValidator;
    private final FieldValidator<String> newModelIdValidator;
    private final ReadOnlyObjectWrapper<List<ApiSurface>> editSurfaces = new ReadOnlyObjectWrapper<>(this, "editSurfaces", List.of());
    private final ValidationGroup validation;
    private final BooleanBinding dirty;
    private final BooleanBinding canSave;
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving", false);
    private final ReadOnlyStringWrapper detailError = new ReadOnlyStringWrapper(this, "detailError", "");
    private final ReadOnlyStringWrapper detailNotice = new ReadOnlyStringWrapper(this, "detailNotice", "");
    private final ObjectProperty<StillInUse> lastRefusal = new SimpleObjectProperty<>(this, "lastRefusal");
    private BackgroundTasks.Repeating liveChecks;
    private List<AutoCloseable> owned = List.of();

    /**
     * @param connection     the current gateway connection, null while there is none
     * @param scannerFactory the scan the wizard runs (tests point it at a scripted server)
     */
    public ProvidersViewModel(Supplier<GatewayConnection> connection, BackgroundTasks tasks, DialogService dialogs,
                              Navigator navigator, ModelServerClient servers, Supplier<LocalServerScanner> scannerFactory) {
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
        notConnected = Bindings.createBooleanBinding(() -> NOT_CONNECTED.equals(loadError.get()), loadError);
        nameValidator = new FieldValidator<>(editName, ProviderRules.displayName());
        baseUrlValidator = new FieldValidator<>(editBaseUrl, ProviderRules.baseUrl(() -> connection.get().mode()));
        editSurfaces.bind(Bindings.createObjectBinding(() -> surfaces(editChat.get(), editResponses.get(), editMessages.get()),
                editChat, editResponses, editMessages));
        surfacesValidator = new FieldValidator<>(editSurfaces, v -> v.isEmpty()
                ? ValidationStatus.error("Tick at least one API surface the server speaks.") : ValidationStatus.ok());
        newModelIdValidator = new FieldValidator<>(newModelId, ProviderRules.newModelId(() -> editModels), editModels);
        validation = new ValidationGroup(nameValidator, baseUrlValidator, surfacesValidator);
        dirty = Bindings.createBooleanBinding(() -> selected.get() != null && !pendingUpdate().isEmpty(),
                selected, editName, editBaseUrl, editSurfaces, editModels);
        canSave = Bindings.createBooleanBinding(() -> dirty.get() && validation.isAllValid() && !saving.get(),
                dirty, validation.allValidProperty(), saving);

        selected.addListener((o, a, b) -> showInDetail(b));
        editName.addListener((o, a, b) -> detailError.set(""));
        editBaseUrl.addListener((o, a, b) -> detailError.set(""));
    }

    /** The page's view-model in the running app: the current connection's client, loaded again whenever it connects. */
    public static ProvidersViewModel create(AppContext context) {
        ModelServerClient servers = new ModelServerClient();
        ProvidersViewModel vm = new ProvidersViewModel(() -> context.connections().current(), context.tasks(),
                context.dialogs(), context.navigator(), servers, () -> new LocalServerScanner(servers));
        vm.owned = List.of(servers);
        context.connections().stateProperty().addListener((o, a, state) -> {
            if (state != null && state.phase() == ConnectionState.Phase.READY) {
                vm.load();
            }
        });
        return vm;
    }

    // ---------------------------------------------------------------- list

    /** Reads every provider from the gateway, then checks each one's server in the background. */
    public CompletableFuture<List<Provider>> load() {
        GatewayClient client = gateway.get();
        if (client == null) {
            loaded.set(false);
            loadError.set(NOT_CONNECTED);
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
            tasks.run(() -> servers.checkHealth(url).get(), row::checked,
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
            loadError.set(NOT_CONNECTED);
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
        newModelId.set("");
        if (row == null) {
            editName.set("");
            editBaseUrl.set("");
            editChat.set(false);
            editResponses.set(false);
            editMessages.set(false);
            editModels.clear();
            return;
        }
        Provider p = row.provider();
        editName.set(row.name());
        editBaseUrl.set(row.baseUrl());
        List<ApiSurface> s = p.supportedApiSurfaces() == null ? List.of() : p.supportedApiSurfaces();
        editChat.set(has(s, ApiSurface.openAiChat()));
        editResponses.set(has(s, ApiSurface.openAiResponses()));
        editMessages.set(has(s, ApiSurface.anthropicMessages()));
        editModels.setAll(row.modelIds());
    }

    private static boolean has(List<ApiSurface> list, ApiSurface surface) {
        return list.stream().anyMatch(a -> Objects.equals(a.format(), surface.format()) && Objects.equals(a.surface(), surface.surface()));
    }

    private static List<ApiSurface> surfaces(boolean chat, boolean responses, boolean messages) {
        List<ApiSurface> list = new ArrayList<>();
        if (chat) {
            list.add(ApiSurface.openAiChat());
        }
        if (responses) {
            list.add(ApiSurface.openAiResponses());
        }
        if (messages) {
            list.add(ApiSurface.anthropicMessages());
        }
        return List.copyOf(list);
    }

    /** The PATCH body with only what was changed in the detail pane. */
    public ProviderUpdate pendingUpdate() {
        ProviderUpdate.Builder update = ProviderUpdate.builder();
        ProviderRow row = selected.get();
        if (row == null) {
            return update.build();
        }
        if (!editName.get().strip().equals(row.name())) {
            update.name(editName.get().strip());
        }
        if (!editBaseUrl.get().strip().equals(row.baseUrl())) {
            update.baseUrl(editBaseUrl.get().strip());
        }
        List<ApiSurface> was = row.provider().supportedApiSurfaces() == null ? List.of() : row.provider().supportedApiSurfaces();
        if (!sameSurfaces(was, editSurfaces.get())) {
            update.supportedApiSurfaces(editSurfaces.get());
        }
        if (!row.modelIds().equals(List.copyOf(editModels))) {
            update.modelIds(List.copyOf(editModels));
        }
        return update.build();
    }

    private static boolean sameSurfaces(List<ApiSurface> a, List<ApiSurface> b) {
        return a.size() == b.size() && b.stream().allMatch(s -> has(a, s));
    }

    public void addModel() {
        if (newModelIdValidator.isValid()) {
            editModels.add(newModelId.get().strip());
            newModelId.set("");
        }
    }

    public void removeModel(String modelId) {
        editModels.remove(modelId);
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
        ProviderUpdate update = pendingUpdate();
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

    /** What the user saw after a refused delete: the explanation and the configurations still using the provider. */
    public record StillInUse(String explanation, List<AccessKeyConfiguration> configurations, List<ProviderKey> keys) {
    }

    /**
     * Asks, then deletes. When the gateway refuses with 409, finds what still uses the provider,
     * explains it, and offers to open the configuration.
     */
    public CompletableFuture<Object> delete(ProviderRow row) {
        if (row == null) {
            return CompletableFuture.completedFuture(null);
        }
        boolean sure = dialogs.confirm("Delete provider " + row.providerId() + "?",
                "Access keys will no longer be able to call " + row.providerId() + ":… models. This cannot be undone.",
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
                return stillInUse(client, row.providerId(), conflict);
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

    private static StillInUse stillInUse(GatewayClient client, String providerId, ConflictException conflict) {
        Object referencedBy = conflict.details().get("referencedBy");
        // the schema's details are strings ("id1,id2"); older gateways sent a list
        List<?> ids = referencedBy instanceof List<?> l ? l
                : referencedBy instanceof String s && !s.isBlank() ? List.of(s.split(",")) : List.of();
        List<AccessKeyConfiguration> configurations = client.accessKeyConfigurations().list().stream()
                .filter(c -> ids.contains(c.id()) || refersTo(c, providerId)).toList();
        List<ProviderKey> keys = client.providerKeys().listForProvider(providerId).toList();
        StringBuilder s = new StringBuilder();
        if (!configurations.isEmpty()) {
            s.append(providerId).append(" is still used by configuration")
                    .append(configurations.size() == 1 ? " " : "s ")
                    .append(String.join(", ", configurations.stream().map(ProvidersViewModel::nameOf).toList()))
                    .append(". Remove it from ").append(configurations.size() == 1 ? "that configuration" : "those configurations")
                    .append(" first, then delete it.");
        }
        if (!keys.isEmpty()) {
            if (!s.isEmpty()) {
                s.append("\n");
            }
            s.append(providerId).append(" still has ").append(keys.size()).append(keys.size() == 1 ? " provider key (" : " provider keys (")
                    .append(String.join(", ", keys.stream().map(ProviderKey::name).toList()))
                    .append("). Delete ").append(keys.size() == 1 ? "it" : "them").append(" first.");
        }
        if (s.isEmpty()) {
            s.append(providerId).append(" is still in use.");
        }
        s.append("\n\nThe gateway said: ").append(conflict.getMessage());
        return new StillInUse(s.toString(), configurations, keys);
    }

    private void explain(ProviderRow row, StillInUse use) {
        lastRefusal.set(use);
        String title = "Cannot delete " + row.providerId();
        if (use.configurations().isEmpty()) {
            dialogs.showError(title, use.explanation());
            return;
        }
        String open = "Open " + nameOf(use.configurations().get(0));
        if (dialogs.confirm(title, use.explanation(), open)) {
            navigator.show(ACCESS_KEYS_PAGE);
        }
    }

    /** The last refused delete's explanation (for tests and for the page's own notice). */
    public ObjectProperty<StillInUse> lastRefusalProperty() {
        return lastRefusal;
    }

    static boolean refersTo(AccessKeyConfiguration c, String providerId) {
        String prefix = providerId + ":";
        if (c.access() != null) {
            if (c.access().providers() != null && c.access().providers().allow() != null
                    && c.access().providers().allow().contains(providerId)) {
                return true;
            }
            if (c.access().models() != null && c.access().models().allow() != null
                    && c.access().models().allow().stream().anyMatch(m -> m.startsWith(prefix))) {
                return true;
            }
        }
        if (c.router() != null && c.router().rules() != null) {
            for (RouterRule rule : c.router().rules()) {
                if (providerId.equals(rule.provider()) || (rule.model() != null && rule.model().startsWith(prefix))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String nameOf(AccessKeyConfiguration c) {
        return c.name() == null || c.name().isBlank() ? c.id() : c.name();
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

    public StringProperty editNameProperty() {
        return editName;
    }

    public StringProperty editBaseUrlProperty() {
        return editBaseUrl;
    }

    public BooleanProperty editChatProperty() {
        return editChat;
    }

    public BooleanProperty editResponsesProperty() {
        return editResponses;
    }

    public BooleanProperty editMessagesProperty() {
        return editMessages;
    }

    public ObservableList<String> editModels() {
        return editModels;
    }

    public StringProperty newModelIdProperty() {
        return newModelId;
    }

    public FieldValidator<String> nameValidator() {
        return nameValidator;
    }

    public FieldValidator<String> baseUrlValidator() {
        return baseUrlValidator;
    }

    public FieldValidator<List<ApiSurface>> surfacesValidator() {
        return surfacesValidator;
    }

    public FieldValidator<String> newModelIdValidator() {
        return newModelIdValidator;
    }

    public BooleanBinding dirtyProperty() {
        return dirty;
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
