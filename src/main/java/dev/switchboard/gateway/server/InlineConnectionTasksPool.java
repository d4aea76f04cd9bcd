package dev.switchboard.gateway.server;

import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server's thread pool, which runs two of Jetty's connection tasks on the calling thread instead of
 * waking a pooled thread for each: reading a kept-alive connection's next request, and setting up an
 * accepted connection. Both are non-blocking for a plain HTTP connector whose handlers are non-blocking
 * (ours are: the data plane never blocks and the control plane dispatches itself to this pool), which is the
 * contract under which Jetty itself runs a connection's reading and handling on a selector thread.
 *
 * <ul>
 *   <li>When an answer completes on a thread other than the one that read its request (every relayed answer
 *       does: the upstream client's selector writes it), Jetty's {@code HttpConnection} resumes reading the
 *       connection by executing itself here. Run inline, it reads, parses and hands the next request to the
 *       handler (an answer completed while its request is still being handled does not resume again, and a
 *       resume nested in another goes to the pool, so the stack stays flat however many requests a client
 *       pipelines).</li>
 *   <li>Jetty's selector hands each accepted connection ({@code ManagedSelector$Accept}) to the pool to create
 *       its endpoint and connection, and the pooled thread then wakes the selector to register read interest.
 *       Run on the selector thread, the new connection's first request is read without either wake-up.</li>
 * </ul>
 *
 * Anything else (the control plane, the store, a cold cache) is executed on the pool as usual.
 */
final class InlineConnectionTasksPool extends QueuedThreadPool {
    private static final String ACCEPT_TASK = "org.eclipse.jetty.io.ManagedSelector$Accept";

    /**
     * How deep this thread is in inline resumes. A resumed request can be answered within the resume (an upstream
     * that answers before the client reads back after sending), and that answer resume the connection again: with a
     * client pipelining many requests the stack would grow by one relay per request, so a resume nested in another
     * goes to the pool.
     */
    private final ThreadLocal<int[]> inlineDepth = ThreadLocal.withInitial(() -> new int[1]);
    private final LongAdder resumedInline = new LongAdder();
    private final LongAdder acceptedInline = new LongAdder();

    InlineConnectionTasksPool(int maxThreads, int minThreads) {
        super(maxThreads, minThreads);
    }

    @Override
    public void execute(Runnable job) {
        if (job instanceof HttpConnection connection
                && connection.getServer().getInvocationType() == InvocationType.NON_BLOCKING) {
            int[] depth = inlineDepth.get();
            if (depth[0] == 0) {
                resumedInline.increment();
                depth[0]++;
                try {
                    connection.run();
                } finally {
                    depth[0]--;
                }
                return;
            }
        }
        if (job.getClass().getName().equals(ACCEPT_TASK)) {
            acceptedInline.increment();
            job.run();
            return;
        }
        super.execute(job);
    }

    /** How many times a connection went on reading on the thread that completed its answer. */
    long resumedInline() {
        return resumedInline.sum();
    }

    /** How many accepted connections were set up on the selector thread that accepted them. */
    long acceptedInline() {
        return acceptedInline.sum();
    }
}
