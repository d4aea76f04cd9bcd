package dev.switchboard.viewmodel.providers;

import dev.switchboard.discovery.DiscoveredServer;
import dev.switchboard.discovery.LocalServerScanner;
import dev.switchboard.discovery.ProbeResult;
import dev.switchboard.discovery.ScanTarget;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.validation.FieldValidator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Local: find the server. Scans the usual ports (plus a typed host:port); found servers are listed
 * first, always in the order of the ports scanned, and the ports where nothing answered fold into one
 * quiet line ("Also tried: 11434, 1234, 8000 — nothing there").
 */
public final class FindServerStep extends WizardStep {
    static final String START_OLLAMA_HINT = "Nothing found. Start Ollama with: ollama serve (install it from ollama.com), "
            + "pull a model with: ollama pull llama3.2, then press Scan again. Another server? Type its host:port below.";

    private final BackgroundTasks tasks;
    private final LocalServerScanner scanner;
    private final ObservableList<ProbeResult> scanResults = FXCollections.observableArrayList();
    private final ObservableList<DiscoveredServer> foundServers = FXCollections.observableArrayList();
    // one read-only wrapper each: a wrapper links its listeners to the list weakly, so one made per call is collected
    private final ObservableList<ProbeResult> scanResultsView = FXCollections.unmodifiableObservableList(scanResults);
    private final ObservableList<DiscoveredServer> foundServersView = FXCollections.unmodifiableObservableList(foundServers);
    private final ReadOnlyBooleanWrapper scanning = new ReadOnlyBooleanWrapper(this, "scanning", false);
    private final ReadOnlyStringWrapper scanStatus = new ReadOnlyStringWrapper(this, "scanStatus", "");
    private final ReadOnlyStringWrapper misses = new ReadOnlyStringWrapper(this, "misses", "");
    private final BooleanBinding nothingFound = Bindings.createBooleanBinding(
            () -> !scanning.get() && foundServers.isEmpty() && !scanResults.isEmpty(), scanning, foundServers, scanResults);
    private final ObjectProperty<DiscoveredServer> selectedServer = new SimpleObjectProperty<>(this, "selectedServer");
    private final StringProperty customHostPort = new SimpleStringProperty(this, "customHostPort", "");
    private final FieldValidator<String> customHostPortValidator;
    private List<ScanTarget> order = List.of();
    /** The server picked for the user (the first found), replaced by an earlier port's server until the user picks one. */
    private DiscoveredServer autoPicked;
    private int generation;
    private int pending;

    FindServerStep(BackgroundTasks tasks, LocalServerScanner scanner, ModelList models) {
        this.tasks = tasks;
        this.scanner = scanner;
        customHostPortValidator = new FieldValidator<>(customHostPort, ProviderRules.customHostPort());
        selectedServer.addListener((o, a, server) -> {
            if (server != null) {
                models.replaceListed(server.models());
            }
        });
    }

    @Override
    public boolean isValid() {
        return selectedServer.get() != null;
    }

    /** Scans the usual ports, plus the custom host:port when one is typed. Results arrive one by one. */
    public void scan() {
        int scan = ++generation;
        scanResults.clear();
        foundServers.clear();
        misses.set("");
        clearError();
        List<ScanTarget> targets = new ArrayList<>(scanner.usualTargets());
        ScanTarget.parse(customHostPort.get()).ifPresent(targets::add);
        order = List.copyOf(new LinkedHashSet<>(targets));
        pending = order.size();
        scanning.set(true);
        scanStatus.set("Looking for model servers on " + order.size() + (order.size() == 1 ? " port…" : " ports…"));
        for (ScanTarget target : order) {
            tasks.run(() -> scanner.probe(target).get(), result -> {
                if (scan == generation) {
                    onProbeResult(result);
                }
            }, e -> {
                if (scan == generation) {
                    onProbeResult(ProbeResult.nothing(target, ProviderWizardViewModel.message(e)));
                }
            });
        }
    }

    /** Stops listening to a scan in flight. */
    void cancel() {
        generation++;
        scanning.set(false);
    }

    private void onProbeResult(ProbeResult result) {
        Comparator<ScanTarget> byOrder = Comparator.comparingInt(t -> order.indexOf(t) < 0 ? order.size() : order.indexOf(t));
        scanResults.add(result);
        scanResults.sort(Comparator.comparing((ProbeResult r) -> !r.isFound()).thenComparing(ProbeResult::target, byOrder));
        result.discovered().ifPresent(server -> {
            foundServers.add(server);
            foundServers.sort(Comparator.comparing(DiscoveredServer::target, byOrder));
            if (selectedServer.get() == null || selectedServer.get() == autoPicked) {
                autoPicked = foundServers.get(0);
                selectedServer.set(autoPicked);
            }
        });
        misses.set(missesLine());
        if (--pending <= 0) {
            scanning.set(false);
            scanStatus.set(foundServers.isEmpty() ? START_OLLAMA_HINT
                    : "Found " + foundServers.size() + (foundServers.size() == 1 ? " server." : " servers."));
        }
    }

    private String missesLine() {
        List<ProbeResult> missed = scanResults.stream().filter(r -> !r.isFound()).toList();
        if (missed.isEmpty()) {
            return "";
        }
        String where = missed.stream().map(r -> r.target().isLoopback() ? String.valueOf(r.target().port()) : r.target().toString())
                .collect(Collectors.joining(", "));
        return "Also tried: " + where + " — nothing there";
    }

    public ObservableList<ProbeResult> scanResults() {
        return scanResultsView;
    }

    /** The servers found, in the order of the ports scanned (stable from scan to scan). */
    public ObservableList<DiscoveredServer> foundServers() {
        return foundServersView;
    }

    /** One quiet line naming the ports where nothing answered, empty when there were none. */
    public ReadOnlyStringProperty missesProperty() {
        return misses.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty scanningProperty() {
        return scanning.getReadOnlyProperty();
    }

    /** True when a finished scan found no model server: the page shows how to start one. */
    public BooleanBinding nothingFoundProperty() {
        return nothingFound;
    }

    public ReadOnlyStringProperty scanStatusProperty() {
        return scanStatus.getReadOnlyProperty();
    }

    public ObjectProperty<DiscoveredServer> selectedServerProperty() {
        return selectedServer;
    }

    public StringProperty customHostPortProperty() {
        return customHostPort;
    }

    public FieldValidator<String> customHostPortValidator() {
        return customHostPortValidator;
    }
}
