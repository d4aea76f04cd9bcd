package dev.switchboard.gateway.usage;

import dev.switchboard.api.UsageEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes usage events off the request path: {@link #onAttempt} only offers to a bounded queue
 * (never blocks; when full, the event is counted as dropped), and one writer thread appends
 * them to the {@link UsageLog} in batches. Old rows are pruned by the retention period.
 */
public final class UsageRecorder implements AttemptListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);
    public static final int DEFAULT_CAPACITY = 10_000;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final String RETENTION_ENV = "SWITCHBOARD_USAGE_RETENTION_DAYS";
    private static final int BATCH = 500;
    /** How long the writer lets events gather before a write; bounds how late a request shows in the log. */
    private static final long LINGER_MILLIS = 50;
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);
    /** Rows one prune step deletes; a longer backlog is deleted a step after each write until it is gone. */
    public static final int PRUNE_STEP = 1_000;

    private final UsageLog log;
    private final BlockingQueue<UsageEvent> queue;
    private final Duration retention;
    private final Clock clock;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    private Instant nextPrune = Instant.MIN;
    private long droppedReported;
    private long prunedSoFar;

    public UsageRecorder(UsageLog log, int capacity, Duration retention, Clock clock) {
        this.log = log;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.retention = retention;
        this.clock = clock;
        this.writer = new Thread(this::run, "usage-writer");
        this.writer.setDaemon(true);
        // below the relay's threads: on Linux a nice value of 4 where the JVM runs with -XX:ThreadPriorityPolicy=1
        this.writer.setPriority(Thread.MIN_PRIORITY);
        this.writer.start();
    }

    /** A recorder with the default queue and the retention from {@value #RETENTION_ENV} (else 30 days). */
    public static UsageRecorder standard(UsageLog log) {
        return new UsageRecorder(log, DEFAULT_CAPACITY, retentionFromEnvironment(System.getenv(RETENTION_ENV)),
                Clock.systemUTC());
    }

    static Duration retentionFromEnvironment(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_RETENTION;
        }
        try {
            int days = Integer.parseInt(value.trim());
            if (days >= 1) {
                return Duration.ofDays(days);
            }
        } catch (NumberFormatException ignored) {
            // falls through
        }
        LOG.warn("{}='{}' is not a whole number of days (1 or more); keeping usage for 30 days", RETENTION_ENV, value);
        return DEFAULT_RETENTION;
    }

    @Override
    public void onAttempt(AttemptRecord record) {
        record(toEvent(record));
    }

    /** Queues one event; never blocks. */
    public void record(UsageEvent event) {
        if (running && queue.offer(event)) {
            accepted.incrementAndGet();
        } else {
            dropped.incrementAndGet();
        }
    }

    /** Events dropped because the queue was full (or the recorder closed) since start. */
    public long droppedEvents() {
        return dropped.get();
    }

    public long writtenEvents() {
        return written.get();
    }

    public UsageLog log() {
        return log;
    }

    public Duration retention() {
        return retention;
    }

    static UsageEvent toEvent(AttemptRecord r) {
        boolean stopped = AttemptRecord.CLIENT_STOPPED.equals(r.error());
        // a client that ended a 2xx answer itself got no error: it stopped
        boolean error = stopped ? r.status() == 0 || r.status() >= 400
                : r.error() != null || r.status() == 0 || r.status() >= 400;
        return new UsageEvent(null, r.startedAt(), r.requestId(), r.accessKeyId(), r.provider(), r.model(),
                r.surface(), r.clientSurface(), r.attempt(), r.finalAttempt(), r.status(), r.timedOut(), error,
                r.streaming(), r.stopReason(), r.error(), known(r.inputTokens()), known(r.outputTokens()),
                r.keySource(), r.providerKeyId(), Math.max(0, r.latencyMillis()), known(r.ttftMillis()),
                r.droppedParams(), stopped);
    }

    private static Long known(long v) {
        return v < 0 ? null : v;
    }

    private void run() {
        List<UsageEvent> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                // while a prune backlog lasts, its next step comes within 10 ms even with no events
                UsageEvent first = queue.poll(pruneBacklog() ? 10 : 200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    if (queue.size() < BATCH - 1) {
                        // Let a batch gather (group commit): one transaction covers many events, and
                        // requests arriving meanwhile never have to wake this thread.
                        Thread.sleep(LINGER_MILLIS);
                    }
                    queue.drainTo(batch, BATCH - 1);
                    write(batch);
                    batch.clear();
                }
                maintain();
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    write(batch);
                    batch.clear();
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("The usage writer failed; {} events lost", batch.size(), e);
                dropped.addAndGet(batch.size());
                lost.addAndGet(batch.size());
                batch.clear();
            }
        }
    }

    private void write(List<UsageEvent> batch) {
        if (!batch.isEmpty()) {
            log.append(batch);
            written.addAndGet(batch.size());
        }
    }

    private boolean pruneBacklog() {
        return prunedSoFar > 0 && !clock.instant().isBefore(nextPrune);
    }

    private void maintain() {
        Instant now = clock.instant();
        if (!now.isBefore(nextPrune)) {
            nextPrune = now.plus(PRUNE_EVERY); // also when the step fails: the next try is then an hour later
            int pruned = log.pruneBefore(now.minus(retention), PRUNE_STEP);
            prunedSoFar += pruned;
            if (pruned == PRUNE_STEP) {
                nextPrune = now; // more to delete: the next step comes after the next write (or poll)
            } else {
                if (prunedSoFar > 0) {
                    LOG.info("Pruned {} usage events older than {} days", prunedSoFar, retention.toDays());
                }
                prunedSoFar = 0;
            }
        }
        long d = dropped.get();
        if (d != droppedReported) {
            LOG.warn("{} usage events dropped so far: the log could not keep up", d);
            droppedReported = d;
        }
    }

    /** Blocks until every event queued so far is written (or the timeout passes); for shutdown and tests. */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long target = accepted.get();
        while (System.nanoTime() < deadline) {
            if (written.get() + lost.get() >= target) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Writes what is queued, then stops the writer. Does not close the log. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
