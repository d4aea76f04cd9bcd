package dev.switchboard.viewmodel.logs;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.UsageEvent;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.Usage;
import dev.switchboard.viewmodel.AppContext;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.ConnectionState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Logs page: recent requests from the gateway's request log, newest first, updated live by
 * polling the newest page and merging it in (rows change one by one, the table is never rebuilt),
 * filtered by key and time range on the server and by provider and status here, with charts and
 * CSV export of what is shown.
 */
public final class LogsViewModel {
    static final int MAX_ROWS = 1000;
    static final Duration POLL_EVERY = Duration.ofSeconds(2);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public static final String ALL_PROVIDERS = "All providers";

    private final Supplier<GatewayClient> client;
    private final BackgroundTasks tasks;
    private final Clock clock;
    private final ZoneId zone;

    private final ObservableList<LogRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LogRow> visibleRows = new FilteredList<>(rows, r -> true);
    private final ObservableList<KeyChoice> keyChoices = FXCollections.observableArrayList(KeyChoice.ALL);
    private final ObservableList<String> providerChoices = FXCollections.observableArrayList(ALL_PROVIDERS);
    private final ObjectProperty<KeyChoice> keyFilter = new SimpleObjectProperty<>(KeyChoice.ALL);
    private final ObjectProperty<String> providerFilter = new SimpleObjectProperty<>(ALL_PROVIDERS);
    private final ObjectProperty<StatusFilter> statusFilter = new SimpleObjectProperty<>(StatusFilter.ALL);
    private final ObjectProperty<TimeRange> timeRange = new SimpleObjectProperty<>(TimeRange.LAST_HOUR);
    private final ObjectProperty<LogRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<LogCharts> charts = new ReadOnlyObjectWrapper<>(LogCharts.EMPTY);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final BooleanProperty live = new SimpleBooleanProperty(true);

    private final Map<String, List<UsageEvent>> eventsByRequest = new HashMap<>();
    private final RequestLogSource source = new RequestLogSource();
    private final Set<String> seenEvents = new HashSet<>();
    private final Map<String, String> keyNames = new HashMap<>();
    private final Map<String, String> providerKeyNames = new HashMap<>();
    private final Set<String> knownProviders = new TreeSet<>();
    private long generation;
    private boolean polling;
    private BackgroundTasks.Repeating poller;
    private Instant lastUpdate;

    public LogsViewModel(Supplier<GatewayClient> client, BackgroundTasks tasks, Clock clock, ZoneId zone) {
        this.client = client;
        this.tasks = tasks;
        this.clock = clock;
        this.zone = zone;
        providerFilter.addListener((o, a, b) -> applyLocalFilters());
        statusFilter.addListener((o, a, b) -> applyLocalFilters());
        keyFilter.addListener((o, a, b) -> reload());
        timeRange.addListener((o, a, b) -> reload());
        live.addListener((o, a, on) -> {
            if (on) {
                startLive();
            } else {
                stopLive();
            }
        });
    }

    /** The view-model as the shell builds it: the connection's client, reloading when the connection changes. */
    public static LogsViewModel of(AppContext context) {
        LogsViewModel vm = new LogsViewModel(() -> {
            var c = context.connections().current();
            return c == null ? null : c.client();
        }, context.tasks(), Clock.systemUTC(), ZoneId.systemDefault());
        context.connections().whenGatewayChanged(vm::forgetGateway);
        context.connections().stateProperty().addListener((o, a, s) -> {
            if (s != null && s.phase() == ConnectionState.Phase.READY) {
                vm.reload();
            }
        });
        return vm;
    }

    // ---- commands ----

    /** After a switch to another gateway: drops the old gateway's key and provider filters (the rows reload). */
    public void forgetGateway() {
        providerFilter.set(ALL_PROVIDERS);
        keyFilter.set(KeyChoice.ALL);
    }

    /** Forgets what is shown and loads the log again for the current key and time range. */
    public CompletableFuture<Void> reload() {
        GatewayClient c = client.get();
        long gen = ++generation;
        rows.clear();
        eventsByRequest.clear();
        seenEvents.clear();
        selected.set(null);
        recompute();
        if (c == null) {
            status.set("Not connected to a gateway.");
            return CompletableFuture.completedFuture(null);
        }
        loading.set(true);
        Usage.Query query = query(100);
        return tasks.run(() -> {
            Map<String, String> names = new HashMap<>();
            for (AccessKey k : c.accessKeys().list()) {
                names.put(k.id(), k.name());
            }
            List<String> providers = c.providers().list().stream().map(Provider::providerId).toList();
            Map<String, String> providerKeys = new HashMap<>();
            try {
                for (ProviderKey k : c.providerKeys().list()) {
                    providerKeys.put(k.id(), k.name());
                }
            } catch (dev.switchboard.client.GatewayException e) {
                // Only the names of provider keys in the detail pane: the log reads without them.
            }
            List<UsageEvent> events = source.all(c, query, MAX_ROWS);
            return new Loaded(names, providerKeys, providers, events);
        }, loaded -> {
            if (gen != generation) {
                return;
            }
            loading.set(false);
            keyNames.putAll(loaded.keyNames());
            providerKeyNames.putAll(loaded.providerKeyNames());
            knownProviders.addAll(loaded.providers());
            refreshChoices();
            merge(loaded.events());
        }, failure -> {
            if (gen == generation) {
                loading.set(false);
                status.set("Could not load the request log: " + message(failure));
            }
        }).thenApply(x -> null);
    }

    /** Fetches the newest page and merges it in; skipped while a load or another poll is running. */
    public CompletableFuture<Void> poll() {
        GatewayClient c = client.get();
        if (c == null || polling || loading.get()) {
            return CompletableFuture.completedFuture(null);
        }
        polling = true;
        long gen = generation;
        Usage.Query query = query(100);
        return tasks.run(() -> {
            List<UsageEvent> events = source.newest(c, query);
            Map<String, String> names = new HashMap<>();
            boolean needNames = events.stream().anyMatch(e -> e.accessKeyId() != null && !keyNames.containsKey(e.accessKeyId()));
            if (needNames) {
                for (AccessKey k : c.accessKeys().list()) {
                    names.put(k.id(), k.name());
                }
            }
            return new Loaded(names, Map.of(), List.of(), events);
        }, loaded -> {
            polling = false;
            if (gen != generation) {
                return;
            }
            keyNames.putAll(loaded.keyNames());
            merge(loaded.events());
        }, failure -> {
            polling = false;
            status.set("Live updates paused: " + message(failure));
        }).thenApply(x -> null);
    }

    /** Polls every two seconds while the page is shown and Live is on. */
    public void startLive() {
        if (poller == null && live.get()) {
            poller = tasks.every(POLL_EVERY, this::poll);
        }
    }

    public void stopLive() {
        if (poller != null) {
            poller.close();
            poller = null;
        }
    }

    /** Writes the rows shown (after every filter) to {@code file} as CSV, off the UI thread. */
    public CompletableFuture<Integer> exportCsv(Path file) {
        List<LogRow> snapshot = List.copyOf(visibleRows);
        return tasks.run(() -> {
            LogCsv.write(snapshot, file);
            return snapshot.size();
        }, n -> status.set("Exported " + n + " requests to " + file.getFileName() + "."),
                failure -> status.set("Could not export: " + message(failure)));
    }

    // ---- state ----

    private record Loaded(Map<String, String> keyNames, Map<String, String> providerKeyNames, List<String> providers,
                          List<UsageEvent> events) {
    }

    private Usage.Query query(int limit) {
        return Usage.Query.recent().withRetries(true).withLimit(limit)
                .withStartTime(clock.instant().minus(timeRange.get().span()))
                .withAccessKeyId(keyFilter.get() == null ? null : keyFilter.get().id());
    }

    /** Adds what is new; changed requests are replaced in place, new ones go on top, newest first. */
    void merge(List<UsageEvent> events) {
        Set<String> touched = new LinkedHashSet<>();
        for (UsageEvent e : events) {
            if (e.id() != null && seenEvents.add(e.id())) {
                eventsByRequest.computeIfAbsent(e.requestId(), r -> new ArrayList<>()).add(e);
                touched.add(e.requestId());
            }
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            index.put(rows.get(i).requestId(), i);
        }
        List<LogRow> added = new ArrayList<>();
        for (String requestId : touched) {
            List<UsageEvent> evs = eventsByRequest.get(requestId);
            String keyId = evs.get(0).accessKeyId();
            LogRow row = LogRow.of(evs, keyId == null ? null : keyNames.get(keyId));
            if (row.provider() != null) {
                knownProviders.add(row.provider());
            }
            Integer at = index.get(requestId);
            if (at != null) {
                rows.set(at, row);
                if (selected.get() != null && selected.get().requestId().equals(requestId)) {
                    selected.set(row);
                }
            } else {
                added.add(row);
            }
        }
        if (!added.isEmpty()) {
            added.sort(Comparator.comparing(LogRow::time).reversed());
            rows.addAll(0, added);
        }
        Instant cutoff = clock.instant().minus(timeRange.get().span());
        rows.removeIf(r -> r.time().isBefore(cutoff));
        if (rows.size() > MAX_ROWS) {
            rows.remove(MAX_ROWS, rows.size());
        }
        lastUpdate = clock.instant();
        refreshChoices();
        recompute();
    }

    private void refreshChoices() {
        List<KeyChoice> keys = new ArrayList<>();
        keys.add(KeyChoice.ALL);
        keyNames.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.nullsLast(String::compareToIgnoreCase)))
                .forEach(e -> keys.add(new KeyChoice(e.getKey(), e.getValue() == null ? e.getKey() : e.getValue())));
        if (!keys.equals(keyChoices)) {
            KeyChoice current = keyFilter.get();
            keyChoices.setAll(keys);
            if (current != null && current != KeyChoice.ALL) {
                keys.stream().filter(k -> Objects.equals(k.id(), current.id())).findFirst().ifPresent(k -> {
                    if (!k.equals(current)) {
                        keyFilter.set(k);
                    }
                });
            }
        }
        List<String> providers = new ArrayList<>();
        providers.add(ALL_PROVIDERS);
        providers.addAll(knownProviders);
        if (!providers.equals(providerChoices)) {
            providerChoices.setAll(providers);
        }
    }

    private void applyLocalFilters() {
        String provider = providerFilter.get();
        StatusFilter st = statusFilter.get() == null ? StatusFilter.ALL : statusFilter.get();
        visibleRows.setPredicate(r -> (provider == null || provider.equals(ALL_PROVIDERS)
                || provider.equals(r.provider())) && st.accepts(r));
        recompute();
    }

    private void recompute() {
        charts.set(LogCharts.of(List.copyOf(visibleRows)));
        String shown = visibleRows.size() == rows.size() ? visibleRows.size() + " requests"
                : visibleRows.size() + " of " + rows.size() + " requests";
        status.set(shown + (lastUpdate == null ? "" : " · updated " + CLOCK_TIME.format(lastUpdate.atZone(zone))));
    }

    private static String message(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && (c.getMessage() == null || c instanceof java.util.concurrent.CompletionException)) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    // ---- properties ----

    public ObservableList<LogRow> rows() {
        return rows;
    }

    /** The rows after the provider and status filters: what the table shows. */
    public ObservableList<LogRow> visibleRows() {
        return visibleRows;
    }

    public ObservableList<KeyChoice> keyChoices() {
        return keyChoices;
    }

    public ObservableList<String> providerChoices() {
        return providerChoices;
    }

    public ObjectProperty<KeyChoice> keyFilterProperty() {
        return keyFilter;
    }

    public ObjectProperty<String> providerFilterProperty() {
        return providerFilter;
    }

    public ObjectProperty<StatusFilter> statusFilterProperty() {
        return statusFilter;
    }

    public ObjectProperty<TimeRange> timeRangeProperty() {
        return timeRange;
    }

    public ObjectProperty<LogRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<LogCharts> chartsProperty() {
        return charts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public BooleanProperty liveProperty() {
        return live;
    }

    /** Every attempt of the selected request, as lines (what the raw view and the CSV hold, in words). */
    public static List<String> describe(LogRow row) {
        return LogDetail.lines(row);
    }

    /** The selected request as the detail pane shows it, with provider keys by name. */
    public LogDetail detail(LogRow row) {
        return row == null ? null : LogDetail.of(row, id -> providerKeyNames.getOrDefault(id, id));
    }
}
