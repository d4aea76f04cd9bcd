package dev.switchboard.bench;

import dev.switchboard.api.UsageEvent;
import dev.switchboard.gateway.usage.UsageLog;
import dev.switchboard.gateway.usage.UsageRecorder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The request log's side of {@code bench/usage}:
 * <pre>
 *   writer ROWS             CPU µs per row the log's writer spends, batches of 500 as the recorder writes them
 *   fill DIR ROWS DAYS      fills DIR/usage.db with ROWS generated rows spread over the last DAYS days
 *   prune DIR DAYS          prunes what is older than DAYS days in the recorder's steps while a writer appends,
 *                           and prints the longest step (the write lock's longest hold) and the writer's waits
 *   count DIR               the rows in DIR/usage.db
 * </pre>
 * The HTTP timings are {@link UsageHttpProbe}'s.
 */
public final class UsageBench {
    private static final int RECORDER_BATCH = 500;

    private UsageBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "writer" -> writer(Integer.parseInt(args[1]));
            case "fill" -> fill(Path.of(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]));
            case "prune" -> prune(Path.of(args[1]), Integer.parseInt(args[2]));
            case "count" -> {
                try (UsageLog log = UsageLog.open(Path.of(args[1]))) {
                    System.out.println(log.count());
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void writer(int rows) throws Exception {
        Path dir = Files.createTempDirectory("usage-writer");
        UsageRows gen = new UsageRows(7);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (UsageLog log = UsageLog.open(dir)) {
            Instant at = Instant.now().minus(Duration.ofHours(1));
            // warm-up: the JIT and SQLite's page cache, as a gateway that has run a while
            for (int i = 0; i < 40; i++) {
                log.append(batch(gen, at, RECORDER_BATCH));
            }
            long cpu = 0;
            long wall = 0;
            int written = 0;
            while (written < rows) {
                List<UsageEvent> batch = batch(gen, at.plusMillis(written), RECORDER_BATCH);
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                log.append(batch);
                wall += System.nanoTime() - w0;
                cpu += mx.getCurrentThreadCpuTime() - c0;
                written += batch.size();
            }
            System.out.printf(Locale.ROOT, "%.2f %.2f %d%n", cpu / 1e3 / written, wall / 1e3 / written, written);
        } finally {
            deleteTree(dir);
        }
    }

    private static List<UsageEvent> batch(UsageRows gen, Instant at, int size) {
        List<UsageEvent> out = new ArrayList<>(size + 1);
        while (out.size() < size) {
            out.addAll(gen.request(at));
        }
        return out;
    }

    private static void fill(Path dir, long rows, int days) throws Exception {
        Files.createDirectories(dir);
        UsageRows gen = new UsageRows(42);
        Instant end = Instant.now().minus(Duration.ofMinutes(1));
        long span = Duration.ofDays(days).toMillis();
        long start = end.toEpochMilli() - span;
        long t0 = System.nanoTime();
        try (UsageLog log = UsageLog.open(dir)) {
            long written = 0;
            long report = 1_000_000;
            List<UsageEvent> batch = new ArrayList<>(5_001);
            while (written < rows) {
                long at = start + (long) ((double) span * (written + batch.size()) / rows);
                batch.addAll(gen.request(Instant.ofEpochMilli(at)));
                if (batch.size() >= 5_000) {
                    log.append(batch);
                    written += batch.size();
                    batch.clear();
                    if (written >= report) {
                        report += 1_000_000;
                        System.err.printf(Locale.ROOT, "  %,d rows (%.0f s)%n", written, (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            log.append(batch);
        }
        for (int i = 0; i < 3; i++) {
            System.out.println(gen.key(i));
        }
        System.out.println(gen.key(UsageRows.KEYS - 1));
    }

    private static void prune(Path dir, int days) throws Exception {
        UsageRows gen = new UsageRows(99);
        try (UsageLog log = UsageLog.open(dir)) {
            Instant cutoff = Instant.now().minus(Duration.ofDays(days));
            // the writer alone first: what its appends take anyway on this machine (commits, checkpoints)
            double[] alone = appendWhile(log, gen, () -> {
                Thread.sleep(5_000);
                return null;
            });
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long[] figures = new long[4]; // longest call, its CPU, rows, calls
            long p0 = System.nanoTime();
            double[] during = appendWhile(log, gen, () -> {
                while (true) {
                    long s0 = System.nanoTime();
                    long c0 = mx.getCurrentThreadCpuTime();
                    int pruned = log.pruneBefore(cutoff, UsageRecorder.PRUNE_STEP);
                    figures[0] = Math.max(figures[0], System.nanoTime() - s0);
                    figures[1] = Math.max(figures[1], mx.getCurrentThreadCpuTime() - c0);
                    figures[2] += pruned;
                    figures[3]++;
                    if (pruned < UsageRecorder.PRUNE_STEP) {
                        return null;
                    }
                    Thread.sleep(10); // as the recorder: the next step after its next write or poll
                }
            });
            System.out.printf(Locale.ROOT, "%d %d %.2f %.2f %.2f %.2f %.2f %.2f %.1f%n", figures[2], figures[3],
                    figures[0] / 1e6, figures[1] / 1e6, alone[0], alone[1], during[0], during[1],
                    (System.nanoTime() - p0) / 1e9);
        }
    }

    /** Appends 50 rows every 5 ms on another thread while {@code work} runs; {p99, slowest} append in ms. */
    private static double[] appendWhile(UsageLog log, UsageRows gen, java.util.concurrent.Callable<Void> work)
            throws Exception {
        List<Long> waits = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            while (!done.get()) {
                List<UsageEvent> b = batch(gen, Instant.now(), 50);
                long w0 = System.nanoTime();
                log.append(b);
                waits.add(System.nanoTime() - w0);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        writer.start();
        try {
            work.call();
        } finally {
            done.set(true);
            writer.join();
        }
        long[] w = waits.stream().mapToLong(Long::longValue).sorted().toArray();
        return w.length == 0 ? new double[] {0, 0} : new double[] {w[(int) (w.length * 0.99)] / 1e6, w[w.length - 1] / 1e6};
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
