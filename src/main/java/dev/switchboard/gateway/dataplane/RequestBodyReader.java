package dev.switchboard.gateway.dataplane;

import dev.switchboard.gateway.route.DataPlaneError;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a data-plane request body without holding a thread, within a size limit and a deadline. A body
 * over the limit is read on and dropped up to a drain limit, so a client that sends all of its body
 * before reading (most do) still sees the 413 rather than a reset; past the drain limit, or the
 * deadline (a client trickling its body), the request is refused at once and its connection closed.
 */
final class RequestBodyReader implements Runnable, Deadlines.Timed {

    interface Outcome {
        void body(byte[] bytes);

        /** The request is refused; {@code closeConnection} when its body was not read to the end. */
        void refused(DataPlaneError error, boolean closeConnection);
    }

    private final Request request;
    private final int maxBytes;
    private final long drainBytes;
    private final long deadlineMillis;
    private final Outcome outcome;
    private final Object lock = new Object();
    /** The body so far (sized by the declared length when there is one), or null once over the limit. */
    private byte[] body;
    private long received;
    private volatile boolean done;
    /** {@link System#nanoTime()} by which the body must have arrived. */
    private long deadlineNanos;
    private Deadlines deadlines;
    private boolean watched;

    RequestBodyReader(Request request, int maxBytes, long drainBytes, long deadlineMillis, Outcome outcome) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.drainBytes = drainBytes;
        this.deadlineMillis = deadlineMillis;
        this.outcome = outcome;
        long declared = request.getLength();
        this.body = declared > maxBytes ? null : new byte[declared > 0 ? (int) declared : 1024];
    }

    /** Reads the body; the deadline is watched (by {@code deadlines}) only if the body did not arrive with the request. */
    void start(Deadlines deadlines) {
        if (request.getLength() > drainBytes) {
            finish(tooLarge(), true);
            return;
        }
        this.deadlines = deadlines;
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        run();
    }

    @Override
    public long getExpireNanoTime() {
        return done ? Long.MAX_VALUE : deadlineNanos;
    }

    /** Reads what has arrived; demands more, or ends. */
    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk;
            synchronized (lock) {
                if (done) {
                    return;
                }
                chunk = request.read();
                if (chunk == null) {
                    break;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    done = true;
                } else {
                    ByteBuffer b = chunk.getByteBuffer();
                    int kept = (int) received;
                    received += b.remaining();
                    if (body != null && received > maxBytes) {
                        body = null; // over the limit: drop what was kept, read on to the end or the drain limit
                    }
                    if (body != null && b.hasRemaining()) {
                        if (received > body.length) {
                            body = Arrays.copyOf(body, (int) Math.min(maxBytes, Math.max(received, 2L * body.length)));
                        }
                        b.get(body, kept, b.remaining());
                    }
                    chunk.release();
                    if (received > drainBytes || chunk.isLast()) {
                        done = true;
                    }
                }
            }
            if (Content.Chunk.isFailure(chunk)) {
                finish(DataPlaneError.badRequest("The request body could not be read (it was cut short)."), true);
                return;
            }
            if (received > drainBytes) {
                finish(tooLarge(), true);
                return;
            }
            if (chunk.isLast()) {
                if (body == null) {
                    finish(tooLarge(), false);
                } else {
                    cancelDeadline();
                    outcome.body(received == body.length ? body : Arrays.copyOf(body, (int) received));
                }
                return;
            }
        }
        if (!watched) {
            // More is to come: from now on the body has a deadline.
            watched = true;
            deadlines.watch(this);
        }
        // Outside the lock: Jetty may call back at once on this thread.
        request.demand(this);
    }

    @Override
    public void expire() {
        synchronized (lock) {
            if (done) {
                return;
            }
            done = true;
        }
        cancelDeadline();
        outcome.refused(new DataPlaneError(408, DataPlaneError.BAD_REQUEST, DataPlaneError.Kind.INVALID_REQUEST,
                "The request body did not arrive within the gateway's totalTimeout of " + deadlineMillis
                        + " ms. Send the whole request at once, or raise totalTimeout in the gateway configuration."), true);
    }

    private void finish(DataPlaneError error, boolean closeConnection) {
        cancelDeadline();
        outcome.refused(error, closeConnection);
    }

    private void cancelDeadline() {
        if (deadlines != null) {
            deadlines.forget(this);
        }
    }

    private DataPlaneError tooLarge() {
        return new DataPlaneError(413, DataPlaneError.BAD_REQUEST, DataPlaneError.Kind.TOO_LARGE,
                "The request body is over " + (maxBytes >> 20) + " MB. Send a shorter request.");
    }
}
