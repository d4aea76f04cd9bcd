package dev.switchboard.viewmodel.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.discovery.DiscoveredServer;
import dev.switchboard.discovery.LocalServerScanner;
import dev.switchboard.discovery.ModelServerClient;
import dev.switchboard.discovery.ProbeResult;
import dev.switchboard.discovery.ScanTarget;
import dev.switchboard.discovery.ScriptedModelServer;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.Kind;
import dev.switchboard.viewmodel.settings.GatewayMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The Local scan lists found servers first, in the order of the ports scanned, whatever order the
 * answers arrive in; the misses fold into one line. Real probes against two scripted servers and two
 * closed ports; the answers are delivered in reverse, then shuffled, to stand for a network's timing.
 */
class ProviderWizardFoundFirstTest {

    /** Runs each job's work at once but holds its callback until {@link #deliver} says in which order. */
    private static final class HeldAnswers implements BackgroundTasks {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public <T> CompletableFuture<T> run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
            try {
                T value = work.call();
                held.add(() -> onSuccess.accept(value));
            } catch (Exception e) {
                held.add(() -> onFailure.accept(e));
            }
            return new CompletableFuture<>();
        }

        void deliver(List<Runnable> order) {
            held.clear();
            order.forEach(Runnable::run);
        }

        @Override
        public Repeating every(Duration period, Runnable action) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    }

    @Test
    void foundServersComeFirstInPortOrderAndMissesFoldIntoOneLine() throws Exception {
        try (ModelServerClient servers = new ModelServerClient(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(3));
             ScriptedModelServer ollama = ScriptedModelServer.ollama("0.12.3", "llama3.2:latest");
             ScriptedModelServer vllm = ScriptedModelServer.openAi("vllm", "qwen2.5-coder-32b-instruct-q4_K_M");
             GatewayClient gateway = GatewayClient.builder().embedded("http://127.0.0.1:" + ScriptedModelServer.closedPort())
                     .apiKey("admin").build()) {
            ScanTarget closedA = new ScanTarget("127.0.0.1", ScriptedModelServer.closedPort());
            ScanTarget closedB = new ScanTarget("127.0.0.1", ScriptedModelServer.closedPort());
            List<ScanTarget> targets = List.of(closedA, ollama.target(), closedB, vllm.target());
            HeldAnswers tasks = new HeldAnswers();
            ProviderWizardViewModel w = new ProviderWizardViewModel(new GatewayConnection(GatewayMode.EMBEDDED, gateway), tasks,
                    new LocalServerScanner(servers, targets), () -> servers);
            w.kindProperty().set(Kind.LOCAL);
            w.next();
            List<Runnable> reversed = new ArrayList<>(tasks.held);
            Collections.reverse(reversed);
            tasks.deliver(reversed);
            FindServerStep find = w.findServer();
            assertThat(find.foundServers()).extracting(DiscoveredServer::target).containsExactly(ollama.target(), vllm.target());
            assertThat(find.scanResults()).extracting(ProbeResult::isFound).containsExactly(true, true, false, false);
            assertThat(find.scanStatusProperty().get()).isEqualTo("Found 2 servers.");
            assertThat(find.missesProperty().get())
                    .isEqualTo("Also tried: " + closedA.port() + ", " + closedB.port() + " — nothing there");
            assertThat(find.selectedServerProperty().get().target()).isEqualTo(ollama.target());

            find.scan();
            List<Runnable> shuffled = new ArrayList<>(tasks.held);
            Collections.shuffle(shuffled, new java.util.Random(7));
            tasks.deliver(shuffled);
            assertThat(find.foundServers()).extracting(DiscoveredServer::target).containsExactly(ollama.target(), vllm.target());
            assertThat(find.missesProperty().get())
                    .isEqualTo("Also tried: " + closedA.port() + ", " + closedB.port() + " — nothing there");
        }
    }
}
