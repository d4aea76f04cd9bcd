package dev.switchboard.bench;

import dev.switchboard.viewmodel.chat.ChatViewModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;

/**
 * Times each pulse's CSS and layout passes on one scene (pre- to post-layout listener) and notes, for each,
 * how far into the stream it came and how long the reply was: where the FX thread's long pulses happen.
 */
final class PulseLog {
    /** One pulse: when (ms since Send), how long its CSS + layout took, the reply's length then. */
    record Pulse(double atMs, double layoutMs, double layoutCpuMs, double sinceLastMs, double gapCpuMs, double renderCpuMs,
                 int replyChars) {
    }

    private final List<Pulse> pulses = new ArrayList<>();
    private final ChatViewModel vm;
    private final java.util.Map<String, Integer> longPulseFrames = new java.util.HashMap<>();
    private volatile Thread fx;
    private volatile boolean beforeText = true;
    private long start;
    private volatile long preAt;
    private volatile long lastEnd;
    private long renderer = -1;
    private long preCpu;
    private long lastEndCpu;
    private long lastRenderCpu;
    private final java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();

    private PulseLog(ChatViewModel vm) {
        this.vm = vm;
    }

    /** On the FX thread. */
    static PulseLog watch(Scene scene, ChatViewModel vm) {
        PulseLog log = new PulseLog(vm);
        log.fx = Thread.currentThread();
        log.pulses.add(new Pulse(0, 0, 0, 0, 0, log.renderThreadCpu(), 0));
        log.pulses.clear();
        scene.addPreLayoutPulseListener(() -> {
            log.preAt = System.nanoTime();
            log.preCpu = log.cpu.getCurrentThreadCpuTime();
        });
        scene.addPostLayoutPulseListener(log::post);
        return log;
    }

    void start(long nanos) {
        start = nanos;
        if (Boolean.getBoolean("bench.profile")) {
            Thread sampler = new Thread(this::sampleLongPulses, "long-pulse-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }
    }

    /** Every 2 ms while a pulse's layout has run over 20 ms: which frames the FX thread is in. */
    private void sampleLongPulses() {
        while (true) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                return;
            }
            long pre = preAt;
            if (pre > lastEnd && System.nanoTime() - pre > 20_000_000L) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (StackTraceElement f : fx.getStackTrace()) {
                    String name = (beforeText ? "[before the first text] " : "") + f.getClassName() + "." + f.getMethodName();
                    if (seen.add(name)) {
                        synchronized (longPulseFrames) {
                            longPulseFrames.merge(name, 1, Integer::sum);
                        }
                    }
                }
                synchronized (longPulseFrames) {
                    longPulseFrames.merge("(samples)", 1, Integer::sum);
                }
            }
        }
    }

    private void post() {
        long now = System.nanoTime();
        long nowCpu = cpu.getCurrentThreadCpuTime();
        long renderCpu = renderThreadCpu();
        if (start == 0) {
            lastEnd = now;
            lastEndCpu = nowCpu;
            lastRenderCpu = renderCpu;
            return;
        }
        var turns = vm.primary().turns();
        int chars = turns.isEmpty() ? 0 : turns.get(turns.size() - 1).text().length();
        beforeText = chars == 0;
        synchronized (pulses) {
            pulses.add(new Pulse((preAt - start) / 1e6, (now - preAt) / 1e6, (nowCpu - preCpu) / 1e6,
                    (preAt - lastEnd) / 1e6, (preCpu - lastEndCpu) / 1e6, (renderCpu - lastRenderCpu) / 1e6, chars));
        }
        lastEnd = now;
        lastEndCpu = nowCpu;
        lastRenderCpu = renderCpu;
    }

    private long renderThreadCpu() {
        if (renderer < 0) {
            renderer = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("QuantumRenderer"))
                    .mapToLong(Thread::getId).findFirst().orElse(0);
        }
        return renderer == 0 ? 0 : cpu.getThreadCpuTime(renderer);
    }

    void print(PrintStream out) {
        List<Pulse> all;
        synchronized (pulses) {
            all = new ArrayList<>(pulses);
        }
        double[] sorted = all.stream().mapToDouble(Pulse::layoutMs).sorted().toArray();
        if (sorted.length == 0) {
            return;
        }
        out.printf(Locale.ROOT, "CSS+layout per pulse over %d pulses: median %.1f ms, p99 %.1f ms, max %.1f ms%n", sorted.length,
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)], sorted[sorted.length - 1]);
        for (int from = 0; from < 12000; from += 3000) {
            int lo = from;
            double[] c = all.stream().filter(p -> p.replyChars() >= lo && p.replyChars() < lo + 3000)
                    .mapToDouble(p -> p.layoutCpuMs() + p.gapCpuMs()).sorted().toArray();
            double[] r = all.stream().filter(p -> p.replyChars() >= lo && p.replyChars() < lo + 3000)
                    .mapToDouble(Pulse::renderCpuMs).sorted().toArray();
            if (c.length > 0) {
                out.printf(Locale.ROOT, "  reply %5d-%5d chars: FX thread CPU per frame median %.1f ms, max %.1f ms;"
                        + " renderer median %.1f ms (%d frames)%n", lo, lo + 3000, c[c.length / 2], c[c.length - 1],
                        r[r.length / 2], c.length);
            }
        }
        all.stream().sorted(Comparator.comparingDouble(Pulse::layoutMs).reversed()).limit(5).forEach(p ->
                out.printf(Locale.ROOT, "  %.1f ms (%.1f ms CPU) at +%.0f ms (reply %d chars)%n",
                        p.layoutMs(), p.layoutCpuMs(), p.atMs(), p.replyChars()));
        all.stream().filter(p -> p.sinceLastMs() > 50).sorted(Comparator.comparingDouble(Pulse::sinceLastMs).reversed()).limit(5)
                .forEach(p -> out.printf(Locale.ROOT,
                        "  gap between pulses %.1f ms (FX thread %.1f ms CPU, renderer %.1f ms CPU) before +%.0f ms (reply %d chars)%n",
                        p.sinceLastMs(), p.gapCpuMs(), p.renderCpuMs(), p.atMs(), p.replyChars()));
        synchronized (longPulseFrames) {
            longPulseFrames.entrySet().stream().sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(120).forEach(e -> out.println("    " + e.getValue() + " " + e.getKey()));
        }
    }
}
