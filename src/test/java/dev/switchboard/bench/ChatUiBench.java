package dev.switchboard.bench;

import dev.switchboard.ui.chat.ChatPages;
import dev.switchboard.viewmodel.ExecutorBackgroundTasks;
import dev.switchboard.viewmodel.chat.ChatMemory;
import dev.switchboard.viewmodel.chat.ChatTestGateway;
import dev.switchboard.viewmodel.chat.ChatTurn;
import dev.switchboard.viewmodel.chat.ChatViewModel;
import dev.switchboard.viewmodel.chat.FrameExecutor;
import dev.switchboard.viewmodel.chat.TokenStreamServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * {@code bench/chat-ui}: streams {@code tokens} tokens at {@code rate} tok/s through the real embedded gateway
 * into the Chat page (headless, 1180×760), pinging the FX thread every 2 ms, then presses Stop at 90%.
 * Prints the longest FX-thread stall (how long a ping waited for the FX thread), frames rendered, and the
 * time from Stop to the model server seeing the hang-up, then each pulse's CSS + layout time and the FX thread's CPU
 * time per frame (a long stall with little CPU is the machine's load, not the page's work). With
 * {@code BENCH_JAVA_OPTS=-Dbench.profile=true} it also samples the FX thread's stack during pulses over 20 ms.
 * Args: [tokens] [rate].
 */
public final class ChatUiBench {
    private ChatUiBench() {
    }

    public static void main(String[] args) throws Exception {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 200;
        Path dir = Files.createTempDirectory("chat-ui-bench");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        try (ChatTestGateway gw = new ChatTestGateway(dir); TokenStreamServer model = new TokenStreamServer(tokens, rate)) {
            gw.provider("my-workstation-vllm", model.baseUrl(), "qwen2.5-coder-32b-instruct-q4_K_M");
            gw.keepAllowAllKey("bench");
            ExecutorBackgroundTasks tasks = ExecutorBackgroundTasks.withDaemonThreads(Platform::runLater);
            ChatViewModel vm = new ChatViewModel(() -> gw.admin, tasks, gw.kept, ChatMemory.inMemory(), id -> { },
                    Platform::runLater, new FrameExecutor());
            Stage stage = onFx(() -> {
                Stage st = new Stage();
                ChatPages.show(st, vm, 1180, 760);
                return st;
            });
            PulseLog pulses = onFx(() -> PulseLog.watch(stage.getScene(), vm));
            waitFor(() -> onFx(() -> !vm.models().isEmpty() && !vm.loadingModelsProperty().get()), 20);
            onFx(() -> {
                vm.modelProperty().set("my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M");
                vm.maxTokensProperty().set(String.valueOf(tokens));
                vm.draftProperty().set("Tell me a very long story.");
                return vm.send();
            });

            AtomicLong longest = new AtomicLong();
            AtomicLong pings = new AtomicLong();
            Thread pinger = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long t0 = System.nanoTime();
                    CountDownLatch seen = new CountDownLatch(1);
                    Platform.runLater(seen::countDown);
                    try {
                        seen.await();
                        long waited = System.nanoTime() - t0;
                        longest.accumulateAndGet(waited, Math::max);
                        pings.incrementAndGet();
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "fx-pinger");
            pinger.setDaemon(true);
            long streamStart = System.nanoTime();
            pulses.start(streamStart);
            pinger.start();

            int stopAt = tokens * 9 / 10;
            AtomicReference<ChatTurn> reply = new AtomicReference<>();
            waitFor(() -> onFx(() -> {
                var turns = vm.primary().turns();
                ChatTurn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
                reply.set(last);
                return last != null && last.role() == ChatTurn.Role.ASSISTANT && words(last.text()) >= stopAt;
            }), 60);
            long streamedFor = System.nanoTime() - streamStart;
            int flushes = onFx(() -> reply.get().flushes());
            long stopPressed = System.nanoTime();
            Platform.runLater(vm::stop);
            long hungUp = model.streams().get(0).awaitHangUp(10, TimeUnit.SECONDS);
            waitFor(() -> onFx(() -> reply.get().state() == ChatTurn.State.STOPPED), 10);
            pinger.interrupt();

            System.out.printf(Locale.ROOT, "Streamed %d of %d tokens at %.0f tok/s into the chat pane in %.2f s (%d frames of text)%n",
                    stopAt, tokens, rate, streamedFor / 1e9, flushes);
            System.out.printf(Locale.ROOT, "Longest FX-thread stall: %.1f ms (over %d pings, one every 2 ms)%n",
                    longest.get() / 1e6, pings.get());
            System.out.println(hungUp < 0 ? "Stop to the model server's hang-up: not seen within 10 s"
                    : String.format(Locale.ROOT, "Stop to the model server's hang-up: %.1f ms", (hungUp - stopPressed) / 1e6));
            pulses.print(System.out);
            System.out.println("Load average (1, 5, 15 min): " + loadAverage());
            tasks.close();
        } finally {
            Platform.exit();
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.strip().split(" ").length;
    }

    private interface FxCall<T> {
        T call() throws Exception;
    }

    private static <T> T onFx(FxCall<T> call) throws Exception {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                out.set(call.call());
            } catch (Exception e) {
                failed.set(e);
            } finally {
                done.countDown();
            }
        });
        if (!done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The FX thread did not answer within 30 s");
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        return out.get();
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("Timed out after " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
