package dev.switchboard.gateway.server;

import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server's thread pool, which runs an HTTP/1.1 connection's "read the next request" task on the
 * calling thread instead of handing it to a pooled thread.
 *
 * <p>When an answer completes on a thread other than the one that read its request (every relayed answer
 * does: the upstream client's selector writes it), Jetty's {@code HttpConnection} resumes reading the
 * connection by executing itself on this pool. That costs a pooled thread's wake-up per request (and its
 * park afterwards), often only to find nothing to read yet and register read interest again. When the
 * server's handlers are non-blocking (ours are: the data plane never blocks and the control plane
 * dispatches itself to this pool), Jetty runs a connection's reading and handling on a selector thread
 * anyway, so running it on the thread that completed the answer is as safe: it reads, parses and hands
 * the next request to the handler without blocking, and an answer completed while its request is being
 * handled does not resume again (no recursion).
 */
final class ResumeInlineThreadPool extends QueuedThreadPool {
    private final LongAdder resumedInline = new LongAdder();

    ResumeInlineThreadPool(int maxThreads, int minThreads) {
        super(maxThreads, minThreads);
    }

    @Override
    public void execute(Runnable job) {
        if (job instanceof HttpConnection connection
                && connection.getServer().getInvocationType() == InvocationType.NON_BLOCKING) {
            resumedInline.increment();
            connection.run();
            return;
        }
        super.execute(job);
    }

    /** How many times a connection went on reading on the thread that completed its answer. */
    long resumedInline() {
        return resumedInline.sum();
    }
}
