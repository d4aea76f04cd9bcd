package dev.switchboard.gateway.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.GatewayUsageEvent;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.access.KeyAccess;
import dev.switchboard.gateway.route.Candidate;
import dev.switchboard.gateway.route.DataPlaneError;
import dev.switchboard.gateway.route.RoutingTable.Limits;
import dev.switchboard.gateway.upstream.SseEvent;
import dev.switchboard.gateway.upstream.Surface;
import dev.switchboard.gateway.upstream.SurfaceAdapter;
import dev.switchboard.gateway.usage.AttemptRecord;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
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
    private static final int MAX_ERROR_BODY = 1 << 20;
    /** How long an exchange runs before the gateway watches its client's connection for a hang-up. */
    private static final long HANG_UP_WATCH_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final DataPlaneHandler plane;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String requestId;
    private final KeyAccess access;
    private final Surface clientSurface;
    private final ObjectNode body;
    private final boolean stream;
    private final List<Candidate> candidates;
    private final Limits limits;
    private final String anthropicVersion;
    private final String anthropicBeta;

    private final Object lock = new Object();
    private int next;
    private int attempts;
    private volatile Attempt current;
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
                  KeyAccess access, Surface clientSurface, ObjectNode body, boolean stream, List<Candidate> candidates,
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
    private void watchDeadlines() {
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
        Attempt a = current;
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
        Attempt a = current;
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
        Attempt a;
        synchronized (lock) {
            if (finished) {
                return;
            }
            if (next >= candidates.size()) {
                finished = true;
                a = null;
            } else {
                a = new Attempt(candidates.get(next++), ++attempts);
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
    private void attemptFailed(Attempt a, String why) {
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
        Attempt last = current;
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
        Attempt a;
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
        Attempt a;
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

    private void traceHeaders(Candidate answered) {
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
        Attempt a = current;
        traceHeaders(a != null ? a.candidate : null);
        response.setStatus(e.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(ErrorBodies.body(clientSurface, e, attemptErrors)), callback);
    }

    private void passThroughUpstreamError(Attempt a) {
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

    // ---- one upstream attempt ----

    private final class Attempt {
        final Candidate candidate;
        final int number;
        final Instant startedAt = Instant.now();
        final long startNanos = System.nanoTime();
        final AtomicBoolean reported = new AtomicBoolean();
        final UsageScanner usage = new UsageScanner();
        volatile org.eclipse.jetty.client.Request upstream;
        volatile boolean timedOut;
        /** Guarded by {@code lock}: this attempt already failed (over), whoever saw it first. */
        boolean failed;
        /** {@link System#nanoTime()} by which the first byte must arrive; {@code Long.MAX_VALUE} once none applies. */
        volatile long deadline = Long.MAX_VALUE;
        SurfaceAdapter adapter;
        int status;
        String contentType;
        String retryAfter;
        ByteArrayOutputStream errorBody;
        Content.Source source;
        volatile long firstByteNanos = -1;

        Attempt(Candidate candidate, int number) {
            this.candidate = candidate;
            this.number = number;
        }

        void send() {
            // The allowlist choke point: the model written upstream is the one just checked.
            String model = access.policy().requireAllowed(candidate.ref());
            Surface up = candidate.upstreamSurface();
            ObjectNode upstreamBody;
            if (up == clientSurface) {
                upstreamBody = body;
            } else {
                adapter = plane.translators().adapter(clientSurface, up).orElseThrow(() -> new IllegalStateException(
                        "no translator from " + clientSurface.surfaceName() + " to " + up.surfaceName()));
                upstreamBody = adapter.translateRequest(body);
                if (!adapter.droppedParams().isEmpty()) {
                    LOG.debug("{} dropped parameters for {}: {}", requestId, up.surfaceName(), adapter.droppedParams());
                }
            }
            upstreamBody.put("model", model);
            capOutputTokens(upstreamBody, up, limits.maxOutputTokens());
            byte[] bytes;
            try {
                bytes = Json.mapper().writeValueAsBytes(upstreamBody);
            } catch (Exception e) {
                throw new IllegalStateException("the request body could not be written", e);
            }
            org.eclipse.jetty.client.Request r = plane.httpClient().newRequest(candidate.provider().url(up))
                    .method(HttpMethod.POST)
                    .idleTimeout(limits.totalTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                    .headers(h -> {
                        h.put(HttpHeader.ACCEPT, stream ? "text/event-stream" : "application/json");
                        if (up.isAnthropic()) {
                            h.put("anthropic-version", anthropicVersion != null ? anthropicVersion : "2023-06-01");
                            if (anthropicBeta != null) {
                                h.put("anthropic-beta", anthropicBeta);
                            }
                            if (candidate.key() != null) {
                                h.put("x-api-key", candidate.key().value());
                            }
                        } else if (candidate.key() != null) {
                            h.put(HttpHeader.AUTHORIZATION, "Bearer " + candidate.key().value());
                        }
                    })
                    .body(new BytesRequestContent("application/json", bytes))
                    .onResponseHeaders(this::onHeaders)
                    .onResponseContentSource(this::onContentSource);
            upstream = r;
            if (candidate.key() != null) {
                plane.catalog().providerKeyUsed(candidate.key().id());
            }
            deadline = System.nanoTime() + limits.perRequestTimeout().toNanos();
            watchDeadlines();
            r.send(this::onComplete);
        }

        void abort(Throwable cause) {
            org.eclipse.jetty.client.Request r = upstream;
            if (r != null) {
                r.abort(cause);
            }
        }

        private void onPerRequestTimeout() {
            synchronized (lock) {
                if (current != this || committed || finished) {
                    return;
                }
            }
            timedOut = true;
            abort(new TimeoutException("no answer within perRequestTimeout"));
        }

        private void cancelPerRequestTimer() {
            deadline = Long.MAX_VALUE;
        }

        private void onHeaders(org.eclipse.jetty.client.Response r) {
            status = r.getStatus();
            contentType = r.getHeaders().get(HttpHeader.CONTENT_TYPE);
            retryAfter = r.getHeaders().get(HttpHeader.RETRY_AFTER);
        }

        private void onContentSource(org.eclipse.jetty.client.Response r, Content.Source src) {
            source = src;
            if (isSuccess()) {
                new Relay(src).iterate();
            } else {
                errorBody = new ByteArrayOutputStream();
                drainError();
            }
        }

        private boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        private void drainError() {
            while (true) {
                Content.Chunk chunk = source.read();
                if (chunk == null) {
                    source.demand(this::drainError);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    return; // onComplete reports the failure
                }
                ByteBuffer b = chunk.getByteBuffer();
                int room = MAX_ERROR_BODY - errorBody.size();
                if (room > 0 && b.hasRemaining()) {
                    int n = Math.min(room, b.remaining());
                    byte[] copy = new byte[n];
                    b.get(copy);
                    errorBody.write(copy, 0, n);
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    return;
                }
            }
        }

        private void onComplete(Result result) {
            cancelPerRequestTimer();
            if (isSuccess() && source != null && !result.isFailed()) {
                return; // the relay ends the exchange
            }
            if (result.isFailed()) {
                if (committedBy(this)) {
                    return; // the relay saw the failure and ended the stream
                }
                attemptFailed(this, describe(result.getFailure()));
                return;
            }
            if (isSuccess()) {
                // A 2xx with no body at all.
                new Relay(Content.Source.from(ByteBuffer.allocate(0))).iterate();
                return;
            }
            if (errorBody == null) {
                errorBody = new ByteArrayOutputStream();
            }
            if (status == 429 || status >= 500) {
                attemptFailed(this, "HTTP " + status);
            } else {
                // A 4xx other than 429 is the request's fault: another key would get the same answer.
                synchronized (lock) {
                    if (current != this || finished) {
                        return;
                    }
                    finished = true;
                }
                report(true, status, false, "HTTP " + status);
                passThroughUpstreamError(this);
            }
        }

        private String describe(Throwable t) {
            if (timedOut || t instanceof TimeoutException) {
                timedOut = true;
                return totalTimedOut ? "total timeout" : "no answer within perRequestTimeout ("
                        + limits.perRequestTimeout().toMillis() + " ms)";
            }
            if (status > 0) {
                return "HTTP " + status + ", then the connection broke";
            }
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return UpstreamFailures.describe(root);
        }

        void report(boolean finalAttempt, int httpStatus, boolean wasTimeout, String error) {
            if (!reported.compareAndSet(false, true)) {
                return;
            }
            long now = System.nanoTime();
            long ttft = firstByteNanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(firstByteNanos - startNanos);
            try {
                plane.attemptListener().onAttempt(new AttemptRecord(startedAt, requestId, access.accessKeyId(),
                        candidate.ref().provider(), candidate.ref().model(), candidate.upstreamSurface().surfaceName(),
                        number, finalAttempt, httpStatus, wasTimeout, error, stream,
                        TimeUnit.NANOSECONDS.toMillis(now - startNanos), ttft, usage.inputTokens, usage.outputTokens,
                        GatewayUsageEvent.KEY_SOURCE_USER, candidate.providerKeyId(),
                        clientSurface.surfaceName(), adapter == null ? List.of() : adapter.droppedParams(),
                        usage.stopReason));
            } catch (RuntimeException e) {
                LOG.warn("usage listener failed for {}", requestId, e);
            }
        }

        /**
         * Relays a 2xx answer: pulls a chunk from upstream, writes it to the client, and pulls the next
         * only once that write completed (so a slow client slows the upstream, and each event is flushed).
         * A stream is passed on in whole events, each checked to be JSON; a plain answer is passed on once
         * it is complete and known to be JSON. Until the first byte is written the attempt can still fail
         * over; afterwards a failure ends the stream with an error event.
         */
        private final class Relay extends IteratingCallback {
            private final Content.Source src;
            private final AnswerShaper shaper;
            private Content.Chunk pending;
            private boolean started;
            private boolean sent;
            private boolean ended;
            private String endError;

            Relay(Content.Source src) {
                this.src = src;
                boolean sse = stream && contentType != null && contentType.toLowerCase().startsWith("text/event-stream");
                this.shaper = new AnswerShaper(sse, adapter, usage);
            }

            @Override
            protected Action process() {
                if (pending != null) {
                    pending.release();
                    pending = null;
                }
                if (ended) {
                    return Action.SUCCEEDED;
                }
                if (shaper.malformed() != null) {
                    // What came before the bad event was written; the stream ends here.
                    return breakOff(shaper.malformed());
                }
                while (true) {
                    Content.Chunk chunk = src.read();
                    if (chunk == null) {
                        src.demand(this::iterate);
                        return Action.IDLE;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        return upstreamBroke(chunk.getFailure());
                    }
                    boolean last = chunk.isLast();
                    ByteBuffer data = chunk.getByteBuffer();
                    if (!started) {
                        started = true;
                        firstByteNanos = System.nanoTime();
                        cancelPerRequestTimer();
                    }
                    ByteBuffer out;
                    try {
                        out = shaper.shape(data, last);
                    } catch (RuntimeException e) {
                        chunk.release();
                        String why = e.getMessage();
                        if (!(e instanceof AnswerShaper.BadAnswer)) {
                            LOG.warn("{} could not relay the answer of {}", requestId, candidate, e);
                            why = "the provider's answer could not be relayed (" + e.getClass().getSimpleName() + ")";
                        }
                        return sent ? breakOff(why) : failBeforeSending(why);
                    }
                    String malformed = shaper.malformed();
                    if (malformed != null && (out == null || !out.hasRemaining())) {
                        chunk.release();
                        return sent ? breakOff(malformed) : failBeforeSending(malformed);
                    }
                    if (out == null && !last) {
                        // Nothing whole for the client yet.
                        chunk.release();
                        continue;
                    }
                    if (out == null) {
                        out = ByteBuffer.allocate(0);
                    }
                    if (!sent && !commit(out)) {
                        chunk.release();
                        ended = true;
                        return Action.SUCCEEDED;
                    }
                    if (out == data) {
                        pending = chunk;
                    } else {
                        chunk.release();
                    }
                    boolean lastWrite = last && malformed == null;
                    if (lastWrite) {
                        ended = true;
                        // Logged before the last bytes go out: a caller holding the whole answer finds it in the log.
                        report(true, status, false, null);
                    }
                    response.write(lastWrite, out, this);
                    return Action.SCHEDULED;
                }
            }

            /** The first write: from here on there is no failover. False when the exchange is already over. */
            private boolean commit(ByteBuffer first) {
                synchronized (lock) {
                    if (current != Attempt.this || finished) {
                        return false;
                    }
                    committed = true;
                }
                sent = true;
                traceHeaders(candidate);
                response.setStatus(status);
                boolean passThrough = adapter == null;
                if (shaper.isStream()) {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, passThrough ? contentType : "text/event-stream");
                    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                } else {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE,
                            passThrough && contentType != null ? contentType : "application/json");
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, first.remaining());
                }
                return true;
            }

            /** Nothing was written: this attempt failed, and the failover loop takes it from here. */
            private Action failBeforeSending(String why) {
                ended = true;
                attemptFailed(Attempt.this, why);
                Attempt.this.abort(new IllegalStateException(why));
                return Action.SUCCEEDED;
            }

            /** Something was written: stop the upstream and end the stream with an error event. */
            private Action breakOff(String why) {
                Attempt.this.abort(new IllegalStateException(why));
                return endStreamWithError(why);
            }

            private Action upstreamBroke(Throwable failure) {
                ended = true;
                if (!sent) {
                    // Nothing was written: onComplete fails this attempt over like a connect error.
                    return Action.SUCCEEDED;
                }
                String why = totalTimedOut ? "the gateway's totalTimeout was exceeded"
                        : "the provider's answer broke off (" + describe(failure) + ")";
                if (!shaper.isStream()) {
                    endError = why;
                    return Action.SUCCEEDED; // onCompleteSuccess fails the half-written answer
                }
                return endStreamWithError(why);
            }

            private Action endStreamWithError(String why) {
                endError = why;
                ended = true;
                SseEvent event = ErrorBodies.streamError(clientSurface,
                        totalTimedOut ? DataPlaneError.TOTAL_TIMEOUT : DataPlaneError.UNREACHABLE,
                        "The stream from provider '" + candidate.ref().provider() + "' failed: " + why + ".");
                report(true, status, timedOut || totalTimedOut, why);
                response.write(true, ByteBuffer.wrap(event.toBytes()), this);
                return Action.SCHEDULED;
            }

            @Override
            protected void onCompleteSuccess() {
                if (pending != null) {
                    pending.release();
                    pending = null;
                }
                if (!sent) {
                    // Nothing was written: the failover loop (or the timeout) ends the exchange.
                    return;
                }
                if (endError != null) {
                    report(true, status, timedOut || totalTimedOut, endError);
                    synchronized (lock) {
                        finished = true;
                    }
                    cancelTotalTimer();
                    if (!shaper.isStream()) {
                        callback.failed(new IllegalStateException(endError));
                    } else {
                        callback.succeeded();
                    }
                    return;
                }
                if (!ended) {
                    return;
                }
                synchronized (lock) {
                    finished = true;
                }
                cancelTotalTimer();
                report(true, status, false, null);
                callback.succeeded();
            }

            @Override
            protected void onCompleteFailure(Throwable cause) {
                if (pending != null) {
                    pending.release();
                    pending = null;
                }
                // The client went away: stop the upstream call too.
                src.fail(cause);
                Attempt.this.abort(cause);
                synchronized (lock) {
                    finished = true;
                }
                cancelTotalTimer();
                report(true, status, false, sent ? AttemptRecord.CLIENT_STOPPED : cause.getMessage());
                callback.failed(cause);
            }
        }
    }

    private boolean committedBy(Attempt a) {
        synchronized (lock) {
            return committed && current == a;
        }
    }

    /** Caps the answer's length at {@code cap} tokens in the field(s) this surface uses. */
    static void capOutputTokens(ObjectNode body, Surface surface, Long cap) {
        if (cap == null) {
            return;
        }
        boolean seen = false;
        for (String field : surface == Surface.CHAT_COMPLETIONS
                ? List.of("max_tokens", "max_completion_tokens") : List.of(surface.maxTokensField())) {
            JsonNode n = body.get(field);
            if (n != null && !n.isNull()) {
                seen = true;
                if (!atMost(n, cap)) {
                    body.put(field, cap);
                }
            }
        }
        if (!seen) {
            body.put(surface.maxTokensField(), cap);
        }
    }

    /**
     * A number no larger than {@code cap}, compared exactly: a 100-digit integer must not wrap around to a
     * small long, an infinity (from 1e400) is written as a string, and a string such as "99999" (which lenient
     * servers read as a number) is no number here.
     */
    private static boolean atMost(JsonNode n, long cap) {
        if (!n.isNumber()) {
            return false;
        }
        if (n.isDouble() || n.isFloat()) {
            double d = n.doubleValue();
            return Double.isFinite(d) && d <= cap;
        }
        return n.decimalValue().compareTo(java.math.BigDecimal.valueOf(cap)) <= 0;
    }

    /**
     * Completes the handler's callback once, whichever of the relay, a timer or a client failure gets there
     * first, after {@code beforeDone} (which ends the hang-up watch's read and the exchange's deadlines).
     */
    private static final class OnceCallback implements Callback {
        private final Callback delegate;
        private final Runnable beforeDone;
        private final AtomicBoolean done = new AtomicBoolean();

        OnceCallback(Callback delegate, Runnable beforeDone) {
            this.delegate = delegate;
            this.beforeDone = beforeDone;
        }

        @Override
        public void succeeded() {
            if (done.compareAndSet(false, true)) {
                beforeDone.run();
                delegate.succeeded();
            }
        }

        @Override
        public void failed(Throwable x) {
            if (done.compareAndSet(false, true)) {
                beforeDone.run();
                delegate.failed(x);
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return delegate.getInvocationType();
        }
    }
}
