package dev.switchboard.gateway.dataplane;

import dev.switchboard.gateway.access.KeyAccess;
import dev.switchboard.gateway.route.Candidate;
import dev.switchboard.gateway.route.DataPlaneError;
import dev.switchboard.gateway.route.RoutingTable.Limits;
import dev.switchboard.gateway.upstream.Surface;
import dev.switchboard.gateway.usage.AttemptRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data-plane request after it was authenticated, parsed and planned: the failover loop over its
 * candidates and the relay of the answer. Nothing reaches the client until the first byte of a
 * successful upstream answer arrives; until then a failed attempt (connect error, per-request
 * timeout, 429, 5xx) moves on to the next candidate. Afterwards a failure ends a stream with an
 * error event. Every response carries the trace headers.
 */
final class ProxyExchange implements Deadlines.Timed {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyExchange.class);
    /** How long an exchange runs before the gateway watches its client's connection for a hang-up. */
    private static final long HANG_UP_WATCH_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    final DataPlaneHandler plane;
    private final Request request;
    final Response response;
    final Callback callback;
    final String requestId;
    final KeyAccess access;
    final Surface clientSurface;
    final ClientBody body;
    final boolean stream;
    private final List<Candidate> candidates;
    final Limits limits;
    final String anthropicVersion;
    final String anthropicBeta;

    private final Object lock = new Object();
    private int next;
    private int attempts;
    private volatile UpstreamAttempt current;
    private boolean committed;
    private volatile boolean finished;
    private final List<String> failures = new ArrayList<>();
    /** {@link System#nanoTime()} by which the whole exchange must be answered; {@code Long.MAX_VALUE} once none applies. */
    private volatile long totalDeadline = Long.MAX_VALUE;
    private volatile boolean totalTimedOut;
    private volatile ClientHangUpWatch hangUpWatch;
    /**
     * {@link System#nanoTime()} at which to start watching for a client hang-up; {@code Long.MAX_VALUE} once
     * started. Answers faster than this never pay for the watch's extra read interest on the connection.
     */
    private volatile long hangUpWatchAt = Long.MAX_VALUE;

    ProxyExchange(DataPlaneHandler plane, Request request, Response response, Callback callback, String requestId,
                  KeyAccess access, Surface clientSurface, ClientBody body, boolean stream, List<Candidate> candidates,
                  Limits limits) {
        this.plane = plane;
        this.request = request;
        this.response = response;
        this.callback = new OnceCallback(callback, this::ended);
        this.requestId = requestId;
        this.access = access;
        this.clientSurface = clientSurface;
        this.body = body;
        this.stream = stream;
        this.candidates = candidates;
        this.limits = limits;
        this.anthropicVersion = request.getHeaders().get("anthropic-version");
        this.anthropicBeta = request.getHeaders().get("anthropic-beta");
    }

    void start() {
        // Every candidate is checked against the allowlist before anything goes upstream.
        for (Candidate c : candidates) {
            access.policy().requireAllowed(c.ref());
        }
        long now = System.nanoTime();
        totalDeadline = now + limits.totalTimeout().toNanos();
        hangUpWatchAt = now + HANG_UP_WATCH_AFTER_NANOS;
        watchDeadlines();
        request.addFailureListener(this::onClientGone);
        nextAttempt();
    }

    private void startHangUpWatch() {
        synchronized (lock) {
            // Under the lock, so it never starts after the exchange ended (ended() stops it).
            if (!finished) {
                hangUpWatch = ClientHangUpWatch.start(request, this::onClientGone);
            }
        }
    }

    private void stopHangUpWatch() {
        ClientHangUpWatch w = hangUpWatch;
        if (w != null) {
            w.stop();
        }
    }

    // ---- deadlines (one timer for all exchanges: see Deadlines) ----

    /** (Re)registers this exchange's deadlines; called when one is set. */
    void watchDeadlines() {
        plane.deadlines().watch(this);
        if (finished) {
            plane.deadlines().forget(this); // it ended meanwhile: don't leave it behind
        }
    }

    /** The handler's callback completed: the exchange is over, whichever way it ended. */
    private void ended() {
        synchronized (lock) {
            finished = true;
        }
        stopHangUpWatch();
        plane.deadlines().forget(this);
    }

    @Override
    public long getExpireNanoTime() {
        if (finished || totalTimedOut) {
            return Long.MAX_VALUE;
        }
        UpstreamAttempt a = current;
        return earliest(earliest(totalDeadline, a == null ? Long.MAX_VALUE : a.deadline), hangUpWatchAt);
    }

    private static long earliest(long a, long b) {
        if (a == Long.MAX_VALUE) {
            return b;
        }
        return b == Long.MAX_VALUE || a - b < 0 ? a : b;
    }

    @Override
    public void expire() {
        long now = System.nanoTime();
        long watchAt = hangUpWatchAt;
        if (watchAt != Long.MAX_VALUE && now - watchAt >= 0) {
            hangUpWatchAt = Long.MAX_VALUE;
            startHangUpWatch();
        }
        long total = totalDeadline;
        if (total != Long.MAX_VALUE && now - total >= 0) {
            onTotalTimeout();
            return;
        }
        UpstreamAttempt a = current;
        if (a != null) {
            long d = a.deadline;
            if (d != Long.MAX_VALUE && now - d >= 0) {
                a.deadline = Long.MAX_VALUE;
                a.onPerRequestTimeout();
            }
        }
    }

    // ---- the failover loop ----

    private void nextAttempt() {
        UpstreamAttempt a;
        synchronized (lock) {
            if (finished) {
                return;
            }
            if (next >= candidates.size()) {
                finished = true;
                a = null;
            } else {
                a = new UpstreamAttempt(this, candidates.get(next++), ++attempts);
                current = a;
            }
        }
        if (a == null) {
            endExhausted();
            return;
        }
        try {
            a.send();
        } catch (DataPlaneError e) {
            a.report(true, 0, false, e.getMessage());
            finishWithError(e, null);
        } catch (RuntimeException e) {
            // A translator that cannot map this request: the client must change it.
            a.report(true, 0, false, "request could not be translated");
            finishWithError(DataPlaneError.badRequest("The request could not be translated for provider '"
                    + a.candidate.ref().provider() + "' (" + a.candidate.upstreamSurface().surfaceName() + "): "
                    + e.getMessage()), null);
        }
    }

    /** An attempt failed before anything reached the client: remember why, then try the next candidate. */
    void attemptFailed(UpstreamAttempt a, String why) {
        boolean more;
        synchronized (lock) {
            if (current != a || finished || a.failed) {
                return;
            }
            a.failed = true;
            failures.add(a.number + ") " + a.candidate + ": " + why);
            more = next < candidates.size() && !totalTimedOut;
        }
        a.report(!more, a.status, a.timedOut, why);
        if (totalTimedOut) {
            return;
        }
        LOG.debug("{} attempt {} failed ({}){}", requestId, a.number, why, more ? ", failing over" : "");
        nextAttempt();
    }

    private void endExhausted() {
        UpstreamAttempt last = current;
        if (last != null && last.status > 0 && last.errorBody != null) {
            passThroughUpstreamError(last);
            return;
        }
        List<String> list;
        synchronized (lock) {
            list = List.copyOf(failures);
        }
        if (attempts <= 1) {
            String why = list.isEmpty() ? "no answer" : list.get(0).substring(list.get(0).indexOf(": ") + 2);
            String provider = last.candidate.ref().provider();
            finishWithError(new DataPlaneError(502, DataPlaneError.UNREACHABLE, DataPlaneError.Kind.UPSTREAM,
                    UpstreamFailures.reached(why)
                            ? "Provider '" + provider + "' was reached but hung up (" + why + "). Check the model"
                                    + " server's own log: it may have crashed or refused the request."
                            : "Could not reach provider '" + provider + "' at its base URL (" + why + "). Check that"
                                    + " the model server is running and the provider's baseUrl is right."), null);
        } else {
            finishWithError(new DataPlaneError(503, DataPlaneError.ALL_ATTEMPTS_FAILED, DataPlaneError.Kind.UPSTREAM,
                    "All " + attempts + " attempts failed: " + String.join("; ", list)
                            + ". Check the providers' model servers and keys."), list);
        }
    }

    private void onTotalTimeout() {
        UpstreamAttempt a;
        boolean wasCommitted;
        synchronized (lock) {
            if (finished) {
                return;
            }
            totalTimedOut = true;
            wasCommitted = committed;
            if (!committed) {
                finished = true;
            }
            a = current;
        }
        String why = "the gateway's totalTimeout (" + limits.totalTimeout().toMillis() + " ms) was exceeded";
        if (a != null) {
            a.timedOut = true;
            a.abort(new TimeoutException(why));
        }
        if (!wasCommitted) {
            if (a != null) {
                a.report(true, 0, true, why);
            }
            finishWithError(new DataPlaneError(504, DataPlaneError.TOTAL_TIMEOUT, DataPlaneError.Kind.TIMEOUT,
                    "The request took longer than the gateway's totalTimeout of " + limits.totalTimeout().toMillis()
                            + " ms. Raise totalTimeout in the gateway configuration, or ask for a shorter answer."), null);
        }
    }

    private void onClientGone(Throwable cause) {
        UpstreamAttempt a;
        synchronized (lock) {
            if (finished) {
                return;
            }
            finished = true;
            a = current;
        }
        cancelTotalTimer();
        if (a != null) {
            // Reported before the abort: the aborted upstream would otherwise log the stop as its own failure.
            a.report(true, a.status, false, AttemptRecord.CLIENT_STOPPED);
            a.abort(cause);
        }
        callback.failed(cause);
    }

    // ---- ending the exchange ----

    void traceHeaders(Candidate answered) {
        var h = response.getHeaders();
        h.put(DataPlaneHandler.REQUEST_ID, requestId);
        h.put(DataPlaneHandler.ATTEMPTS, Integer.toString(attempts));
        h.put(DataPlaneHandler.MODEL, answered != null ? answered.ref().toString() : candidates.get(0).ref().toString());
    }

    private void finishWithError(DataPlaneError e, List<String> attemptErrors) {
        cancelTotalTimer();
        synchronized (lock) {
            finished = true;
        }
        if (response.isCommitted()) {
            callback.failed(e);
            return;
        }
        UpstreamAttempt a = current;
        traceHeaders(a != null ? a.candidate : null);
        response.setStatus(e.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(ErrorBodies.body(clientSurface, e, attemptErrors)), callback);
    }

    void passThroughUpstreamError(UpstreamAttempt a) {
        cancelTotalTimer();
        byte[] bytes = SentKeys.scrub(a.errorBody.toByteArray(), candidates);
        String contentType = SentKeys.scrub(a.contentType, candidates);
        if (!clientSurface.format().equals(a.candidate.upstreamSurface().format())) {
            bytes = ErrorBodies.reshape(clientSurface, a.candidate.upstreamSurface(), a.status, bytes);
            contentType = "application/json";
        }
        traceHeaders(a.candidate);
        response.setStatus(a.status);
        if (contentType != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        }
        if (a.retryAfter != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, SentKeys.scrub(a.retryAfter, candidates));
        }
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private void cancelTotalTimer() {
        totalDeadline = Long.MAX_VALUE;
    }

    boolean committedBy(UpstreamAttempt a) {
        synchronized (lock) {
            return committed && current == a;
        }
    }

    /** Whether {@code a} is the attempt in flight, nothing was written and the exchange has not ended. */
    boolean isOpenFor(UpstreamAttempt a) {
        synchronized (lock) {
            return current == a && !committed && !finished;
        }
    }

    /** Ends the exchange on behalf of {@code a}; false when it is no longer {@code a}'s to end. */
    boolean finishFor(UpstreamAttempt a) {
        synchronized (lock) {
            if (current != a || finished) {
                return false;
            }
            finished = true;
            return true;
        }
    }

    /** {@code a}'s first write: from here on there is no failover. False when the exchange is already over. */
    boolean commit(UpstreamAttempt a) {
        synchronized (lock) {
            if (current != a || finished) {
                return false;
            }
            committed = true;
            return true;
        }
    }

    /** The relay ended the answer (whichever way): no more failover, no more total timeout. */
    void markFinished() {
        synchronized (lock) {
            finished = true;
        }
        cancelTotalTimer();
    }

    boolean totalTimedOut() {
        return totalTimedOut;
    }
}
