package dev.switchboard.viewmodel.providerkeys;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.api.ProviderKeyRotate;
import dev.switchboard.client.ConflictException;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.ListOptions;
import dev.switchboard.client.Page;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.DialogService;
import dev.switchboard.viewmodel.Failures;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 * The Provider keys page: every provider key a page at a time (following {@code nextPageUri}), filtered by
 * provider, with the configurations that route through each; add, rotate and delete. Gateway calls run
 * on the background tasks; key values go out in requests only and are never kept or shown.
 */
public final class ProviderKeysViewModel {
    /** Page id of the Access keys page, where a configuration link leads. */
    public static final String ACCESS_KEYS_PAGE = "access-keys";
    static final int PAGE_SIZE = 50;

    private final Supplier<GatewayClient> client;
    private final BackgroundTasks tasks;
    private final DialogService dialogs;
    private final ZoneId zone;
    private final Consumer<String> openConfiguration;

    private final ObservableList<ProviderKeyRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ProviderFilter> filters = FXCollections.observableArrayList(ProviderFilter.ALL);
    private final ObjectProperty<ProviderFilter> filter = new SimpleObjectProperty<>(this, "filter", ProviderFilter.ALL);
    private final ReadOnlyBooleanWrapper hasMore = new ReadOnlyBooleanWrapper(this, "hasMore");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<DeleteRefusal> refusal = new ReadOnlyObjectWrapper<>(this, "refusal");
    private KeyRoutes routes = KeyRoutes.NONE;
    private Iterator<Page<ProviderKey>> pages;
    private int generation;
    private int running;
    private boolean changingFilters;

    public ProviderKeysViewModel(Supplier<GatewayClient> client, BackgroundTasks tasks, DialogService dialogs, ZoneId zone,
                                 Consumer<String> openConfiguration) {
        this.client = Objects.requireNonNull(client);
        this.tasks = Objects.requireNonNull(tasks);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.zone = Objects.requireNonNull(zone);
        this.openConfiguration = Objects.requireNonNull(openConfiguration);
        filter.addListener((o, a, b) -> {
            if (!changingFilters) {
                refresh();
            }
        });
    }

    /** The page's view-model over the app's connection; a configuration link opens it on the Access keys page. */
    public static ProviderKeysViewModel of(AppContext context) {
        ProviderKeysViewModel vm = new ProviderKeysViewModel(context.connections()::requireClient, context.tasks(),
                context.dialogs(), ZoneId.systemDefault(), configurationId -> {
                    context.pageRequests().request(ACCESS_KEYS_PAGE, configurationId);
                    context.navigator().show(ACCESS_KEYS_PAGE);
                });
        context.connections().whenReady(vm::refresh);
        return vm;
    }

    // ---- reading

    private record FirstPage(List<Provider> providers, List<AccessKeyConfiguration> configurations,
                             Iterator<Page<ProviderKey>> pages, Page<ProviderKey> page) {
    }

    /** Reads the providers, the configurations and the first page of keys (for the chosen provider) again. */
    public CompletableFuture<Void> refresh() {
        int mine = ++generation;
        String providerId = filter.get() == null ? null : filter.get().providerId();
        return run("Loading provider keys…", () -> {
            GatewayClient c = client.get();
            List<Provider> providers = c.providers().list().toList();
            List<AccessKeyConfiguration> configurations = c.accessKeyConfigurations().list().toList();
            Iterator<Page<ProviderKey>> it = c.providerKeys().listForProvider(providerId, ListOptions.limit(PAGE_SIZE))
                    .pages().iterator();
            return new FirstPage(providers, configurations, it, it.next());
        }, first -> {
            if (mine != generation) {
                return;
            }
            showFilters(first.providers());
            routes = new KeyRoutes(first.configurations());
            pages = first.pages();
            rows.setAll(first.page().items().stream().map(k -> ProviderKeyRow.of(k, routes, zone)).toList());
            hasMore.set(pages.hasNext());
            status.set(countText());
        }, "Could not load the provider keys: ").thenApply(x -> null);
    }

    /** Fetches the next page (the gateway's {@code nextPageUri}) and adds it below the rows shown. */
    public CompletableFuture<Void> loadMore() {
        if (!hasMore.get() || busy.get()) {
            return CompletableFuture.completedFuture(null);
        }
        int mine = generation;
        Iterator<Page<ProviderKey>> it = pages;
        return run("Loading more…", it::next, page -> {
            if (mine != generation) {
                return;
            }
            rows.addAll(page.items().stream().map(k -> ProviderKeyRow.of(k, routes, zone)).toList());
            hasMore.set(it.hasNext());
            status.set(countText());
        }, "Could not load more provider keys: ").thenApply(x -> null);
    }

    private void showFilters(List<Provider> providers) {
        ProviderFilter chosen = filter.get();
        List<ProviderFilter> all = new ArrayList<>();
        all.add(ProviderFilter.ALL);
        providers.stream().map(ProviderFilter::of).forEach(all::add);
        changingFilters = true;
        try {
            filters.setAll(all);
            filter.set(all.stream().filter(f -> chosen != null && Objects.equals(f.providerId(), chosen.providerId()))
                    .findFirst().orElse(ProviderFilter.ALL));
        } finally {
            changingFilters = false;
        }
    }

    private String countText() {
        String keys = rows.size() == 1 ? "1 key" : rows.size() + " keys";
        return hasMore.get() ? "Showing the newest " + keys + ". Load more to see older ones." : "Showing all " + keys + ".";
    }

    // ---- add, rotate, delete

    /** A fresh Add form, with the filtered provider (if any) chosen already. */
    public ProviderKeyForm addForm() {
        return ProviderKeyForm.add(filters, filter.get());
    }

    public ProviderKeyForm rotateForm(ProviderKeyRow row) {
        return ProviderKeyForm.rotate(row);
    }

    /** Creates the key; the form's value is cleared as the request is made. */
    public CompletableFuture<Void> add(ProviderKeyForm form) {
        if (!form.validProperty().get() || form.isRotation()) {
            return CompletableFuture.completedFuture(null);
        }
        ProviderKeyCreate request = form.takeCreate();
        return change("Adding the key…", () -> client.get().providerKeys().create(request), created -> {
            refresh().thenRun(() -> status.set("Added '" + ProviderKeyRow.of(created, routes, zone).name() + "' ("
                    + created.keyRedacted() + ") to " + created.providerId() + "."));
        }, "Could not add the key: ").thenApply(x -> null);
    }

    private record Rotated(ProviderKey key, List<AccessKeyConfiguration> configurations) {
    }

    /** Gives the key a new value; its row then shows the new redacted value and the configurations using it. */
    public CompletableFuture<Void> rotate(ProviderKeyForm form) {
        if (!form.validProperty().get() || !form.isRotation()) {
            return CompletableFuture.completedFuture(null);
        }
        String id = form.rotating().id();
        ProviderKeyRotate request = form.takeRotate();
        return change("Rotating the key…", () -> {
            GatewayClient c = client.get();
            ProviderKey key = c.providerKeys().rotate(id, request);
            return new Rotated(key, c.accessKeyConfigurations().list().toList());
        }, r -> {
            routes = new KeyRoutes(r.configurations());
            ProviderKeyRow fresh = ProviderKeyRow.of(r.key(), routes, zone);
            rows.replaceAll(row -> row.id().equals(id) ? fresh : ProviderKeyRow.of(row.key(), routes, zone));
            status.set("Rotated '" + fresh.name() + "': now " + fresh.keyRedacted() + ". "
                    + (fresh.routedBy().isEmpty() ? "No configuration routes through it."
                    : "Used by " + fresh.routedByText() + "."));
        }, "Could not rotate the key: ").thenApply(x -> null);
    }

    private record Deletion(boolean deleted, List<ConfigurationLink> blockers) {
    }

    /** Asks, then deletes; when configurations still route through the key, {@link #refusalProperty()} names them. */
    public CompletableFuture<Void> delete(ProviderKeyRow row) {
        if (!dialogs.confirmDestructive("Delete provider key '" + row.name() + "'?", "The key " + row.keyRedacted() + " of "
                + row.provider() + " will be removed from the gateway. This cannot be undone.", "Delete")) {
            return CompletableFuture.completedFuture(null);
        }
        return change("Deleting the key…", () -> {
            GatewayClient c = client.get();
            try {
                c.providerKeys().delete(row.id());
                return new Deletion(true, List.of());
            } catch (ConflictException e) {
                return new Deletion(false, blockers(row.id(), c.accessKeyConfigurations().list().toList(), e));
            }
        }, d -> {
            if (d.deleted()) {
                rows.removeIf(r -> r.id().equals(row.id()));
                status.set("Deleted '" + row.name() + "'.");
            } else {
                status.set("Not deleted: configurations still route through '" + row.name() + "'.");
                refusal.set(new DeleteRefusal(row, d.blockers()));
            }
        }, "Could not delete the key: ").thenApply(x -> null);
    }

    /** The configurations routing through the key, by the router rules, plus any others the gateway's 409 names by id. */
    private static List<ConfigurationLink> blockers(String keyId, List<AccessKeyConfiguration> configurations,
                                                    ConflictException refusal) {
        List<ConfigurationLink> links = new KeyRoutes(configurations).of(keyId);
        if (refusal.details().get("referencedBy") instanceof List<?> ids) {
            for (Object id : ids) {
                if (links.stream().noneMatch(l -> l.id().equals(id))) {
                    links.add(configurations.stream().filter(c -> c.id().equals(id)).findFirst()
                            .map(c -> new ConfigurationLink(c.id(), c.name()))
                            .orElse(new ConfigurationLink(String.valueOf(id), null)));
                }
            }
        }
        return links;
    }

    /** Opens the configuration on the Access keys page (a link in the refusal or in a row). */
    public void openConfiguration(ConfigurationLink link) {
        refusal.set(null);
        openConfiguration.accept(link.id());
    }

    public void dismissRefusal() {
        refusal.set(null);
    }

    // ---- plumbing

    /** Runs a read; a failure is said in the status line. */
    private <T> CompletableFuture<T> run(String doing, Callable<T> work, Consumer<T> onSuccess, String failurePrefix) {
        return run(doing, work, onSuccess, failurePrefix, false);
    }

    /** Runs a change the user asked for; a failure is also shown in a dialog. */
    private <T> CompletableFuture<T> change(String doing, Callable<T> work, Consumer<T> onSuccess, String failurePrefix) {
        return run(doing, work, onSuccess, failurePrefix, true);
    }

    private <T> CompletableFuture<T> run(String doing, Callable<T> work, Consumer<T> onSuccess, String failurePrefix,
                                         boolean dialog) {
        running++;
        busy.set(true);
        status.set(doing);
        return tasks.run(work, result -> {
            done();
            onSuccess.accept(result);
        }, failure -> {
            done();
            String message = failurePrefix + Failures.describe(failure);
            status.set(message);
            if (dialog) {
                dialogs.showError("Provider keys", message);
            }
        }).handle((result, failure) -> failure == null ? result : null);
    }

    private void done() {
        running = Math.max(0, running - 1);
        busy.set(running > 0);
    }

    public ObservableList<ProviderKeyRow> rows() {
        return rows;
    }

    public ObservableList<ProviderFilter> filters() {
        return filters;
    }

    public ObjectProperty<ProviderFilter> filterProperty() {
        return filter;
    }

    public ReadOnlyBooleanProperty hasMoreProperty() {
        return hasMore.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Set when a delete was refused because configurations route through the key; the view shows their links. */
    public ReadOnlyObjectProperty<DeleteRefusal> refusalProperty() {
        return refusal.getReadOnlyProperty();
    }
}
