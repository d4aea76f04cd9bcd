package dev.switchboard.discovery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Looks for model servers on this machine (or a host a person names): probes every target
 * at once, reports each result as it arrives, and completes with all of them in target order.
 */
public final class LocalServerScanner {
    private final Supplier<ModelServerClient> client;
    private final List<ScanTarget> usualTargets;

    /** Scans loopback on the usual ports: Ollama 11434, LM Studio 1234, vLLM 8000, llama.cpp 8080. */
    public LocalServerScanner(ModelServerClient client) {
        this(() -> client, ScanTarget.usualLocalServers());
    }

    /** Scans loopback on the usual ports with a client made when the first probe goes out. */
    public LocalServerScanner(Supplier<ModelServerClient> client) {
        this(client, ScanTarget.usualLocalServers());
    }

    /** Scans the given targets instead of the usual ones (tests point it at a scripted server). */
    public LocalServerScanner(ModelServerClient client, List<ScanTarget> usualTargets) {
        this(() -> client, usualTargets);
    }

    /** As above, with a client made when the first probe goes out (on that probe's thread). */
    public LocalServerScanner(Supplier<ModelServerClient> client, List<ScanTarget> usualTargets) {
        this.client = client;
        this.usualTargets = List.copyOf(usualTargets);
    }

    public List<ScanTarget> usualTargets() {
        return usualTargets;
    }

    /**
     * Probes the usual targets plus {@code extra} (duplicates dropped) in parallel.
     *
     * @param onEach called with each result as soon as it is known, on a background thread
     */
    public CompletableFuture<List<ProbeResult>> scan(List<ScanTarget> extra, Consumer<ProbeResult> onEach) {
        LinkedHashSet<ScanTarget> targets = new LinkedHashSet<>(usualTargets);
        targets.addAll(extra);
        List<CompletableFuture<ProbeResult>> probes = new ArrayList<>();
        for (ScanTarget target : targets) {
            probes.add(client.get().probe(target).thenApply(result -> {
                onEach.accept(result);
                return result;
            }));
        }
        return CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new))
                .thenApply(done -> probes.stream().map(CompletableFuture::join).toList());
    }

    /** Probes one target (the scan does this for each); never completes exceptionally. */
    public CompletableFuture<ProbeResult> probe(ScanTarget target) {
        return client.get().probe(target);
    }

    /** Probes the usual targets only. */
    public CompletableFuture<List<ProbeResult>> scan(Consumer<ProbeResult> onEach) {
        return scan(List.of(), onEach);
    }
}
