package dev.switchboard.gateway.dataplane;

import dev.switchboard.api.GatewayUsageEvent;
import dev.switchboard.gateway.route.Candidate;
import dev.switchboard.gateway.upstream.Surface;
import dev.switchboard.gateway.upstream.SurfaceAdapter;
import dev.switchboard.gateway.usage.AttemptRecord;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upstream call of a {@link ProxyExchange}: writes the request to the candidate, reads the answer's
 * status and headers, hands a 2xx to an {@link AnswerRelay}, keeps an error answer's body for the client,
 * and tells the exchange when it failed (over). Each attempt reports its row to the request log once.
 */
final class UpstreamAttempt {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyExchange.class); // one log category for the exchange
    private static final int MAX_ERROR_BODY = 1 << 20;

    final ProxyExchange exchange;
    final Candidate candidate;
    final int number;
    final Instant startedAt = Instant.now();
    final long startNanos = System.nanoTime();
    final AtomicBoolean reported = new AtomicBoolean();
    final UsageScanner usage = new UsageScanner();
    volatile Request upstream;
    volatile boolean timedOut;
    /** Guarded by the exchange's lock: this attempt already failed (over), whoever saw it first. */
    boolean failed;
    /** {@link System#nanoTime()} by which the first byte must arrive; {@code Long.MAX_VALUE} once none applies. */
    volatile long deadline = Long.MAX_VALUE;
    SurfaceAdapter adapter;
    int status;
    String contentType;
    String retryAfter;
    long contentLength = -1;
    ByteArrayOutputStream errorBody;
    Content.Source source;
    volatile long firstByteNanos = -1;

    UpstreamAttempt(ProxyExchange exchange, Candidate candidate, int number) {
        this.exchange = exchange;
        this.candidate = candidate;
        this.number = number;
    }

    void send() {
        ProxyExchange x = exchange;
        // The allowlist choke point: the model written upstream is the one just checked.
        String model = x.access.policy().requireAllowed(candidate.ref());
        Surface up = candidate.upstreamSurface();
        if (up != x.clientSurface) {
            adapter = x.plane.translators().adapter(x.clientSurface, up).orElseThrow(() -> new IllegalStateException(
                    "no translator from " + x.clientSurface.surfaceName() + " to " + up.surfaceName()));
        }
        byte[] bytes = x.body.upstreamBytes(adapter, up, model, x.limits.maxOutputTokens());
        if (adapter != null && !adapter.droppedParams().isEmpty()) {
            LOG.debug("{} dropped parameters for {}: {}", x.requestId, up.surfaceName(), adapter.droppedParams());
        }
        URI uri = candidate.provider().uri(up);
        Request r = (uri != null ? x.plane.httpClient().newRequest(uri) : x.plane.httpClient().newRequest(candidate.provider().url(up)))
                .method(HttpMethod.POST)
                .idleTimeout(x.limits.totalTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                .headers(h -> {
                    h.put(HttpHeader.ACCEPT, x.stream ? "text/event-stream" : "application/json");
                    if (up.isAnthropic()) {
                        h.put("anthropic-version", x.anthropicVersion != null ? x.anthropicVersion : "2023-06-01");
                        if (x.anthropicBeta != null) {
                            h.put("anthropic-beta", x.anthropicBeta);
                        }
                        if (candidate.key() != null) {
                            h.put("x-api-key", candidate.key().value());
                        }
                    } else if (candidate.key() != null) {
                        h.put(HttpHeader.AUTHORIZATION, "Bearer " + candidate.key().value());
                    }
                })
                .body(new ByteBufferRequestContent("application/json", ByteBuffer.wrap(bytes)))
                .onResponseHeaders(this::onHeaders)
                .onResponseContentSource(this::onContentSource);
        upstream = r;
        if (candidate.key() != null) {
            x.plane.catalog().providerKeyUsed(candidate.key().id());
        }
        deadline = System.nanoTime() + x.limits.perRequestTimeout().toNanos();
        x.watchDeadlines();
        r.send(this::onComplete);
    }

    void abort(Throwable cause) {
        Request r = upstream;
        if (r != null) {
            r.abort(cause);
        }
    }

    void onPerRequestTimeout() {
        if (!exchange.isOpenFor(this)) {
            return;
        }
        timedOut = true;
        abort(new TimeoutException("no answer within perRequestTimeout"));
    }

    void cancelPerRequestTimer() {
        deadline = Long.MAX_VALUE;
    }

    private void onHeaders(Response r) {
        status = r.getStatus();
        contentType = r.getHeaders().get(HttpHeader.CONTENT_TYPE);
        retryAfter = r.getHeaders().get(HttpHeader.RETRY_AFTER);
        try {
            contentLength = r.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        } catch (NumberFormatException e) {
            contentLength = -1; // only sizes a buffer
        }
    }

    private void onContentSource(Response r, Content.Source src) {
        source = src;
        if (isSuccess()) {
            new AnswerRelay(this, src).iterate();
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
            if (exchange.committedBy(this)) {
                return; // the relay saw the failure and ended the stream
            }
            exchange.attemptFailed(this, describe(result.getFailure()));
            return;
        }
        if (isSuccess()) {
            // A 2xx with no body at all.
            new AnswerRelay(this, Content.Source.from(ByteBuffer.allocate(0))).iterate();
            return;
        }
        if (errorBody == null) {
            errorBody = new ByteArrayOutputStream();
        }
        if (status == 429 || status >= 500) {
            exchange.attemptFailed(this, "HTTP " + status);
        } else if (exchange.finishFor(this)) {
            // A 4xx other than 429 is the request's fault: another key would get the same answer.
            report(true, status, false, "HTTP " + status);
            exchange.passThroughUpstreamError(this);
        }
    }

    String describe(Throwable t) {
        if (timedOut || t instanceof TimeoutException) {
            timedOut = true;
            return exchange.totalTimedOut() ? "total timeout" : "no answer within perRequestTimeout ("
                    + exchange.limits.perRequestTimeout().toMillis() + " ms)";
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
        ProxyExchange x = exchange;
        long now = System.nanoTime();
        long ttft = firstByteNanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(firstByteNanos - startNanos);
        try {
            x.plane.attemptListener().onAttempt(new AttemptRecord(startedAt, x.requestId, x.access.accessKeyId(),
                    candidate.ref().provider(), candidate.ref().model(), candidate.upstreamSurface().surfaceName(),
                    number, finalAttempt, httpStatus, wasTimeout, error, x.stream,
                    TimeUnit.NANOSECONDS.toMillis(now - startNanos), ttft, usage.inputTokens, usage.outputTokens,
                    GatewayUsageEvent.KEY_SOURCE_USER, candidate.providerKeyId(),
                    x.clientSurface.surfaceName(), adapter == null ? List.of() : adapter.droppedParams(),
                    usage.stopReason));
        } catch (RuntimeException e) {
            LOG.warn("usage listener failed for {}", x.requestId, e);
        }
    }
}
