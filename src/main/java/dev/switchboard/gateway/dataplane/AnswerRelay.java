package dev.switchboard.gateway.dataplane;

import dev.switchboard.gateway.route.DataPlaneError;
import dev.switchboard.gateway.upstream.SseEvent;
import dev.switchboard.gateway.usage.AttemptRecord;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Invocable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays an attempt's 2xx answer: pulls a chunk from upstream, writes it to the client, and pulls the next
 * only once that write completed (so a slow client slows the upstream, and each event is flushed).
 * A stream is passed on in whole events, each checked to be JSON; a plain answer is passed on once
 * it is complete and known to be JSON. Until the first byte is written the attempt can still fail
 * over; afterwards a failure ends the stream with an error event.
 */
final class AnswerRelay extends IteratingCallback {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyExchange.class); // one log category for the exchange

    private final UpstreamAttempt attempt;
    private final ProxyExchange exchange;
    private final Content.Source src;
    private final AnswerShaper shaper;
    /** Reading and relaying the next chunk never blocks: Jetty may call it on the thread that read the chunk. */
    private final Runnable onContent = Invocable.from(InvocationType.NON_BLOCKING, this::iterate);
    private Content.Chunk pending;
    private boolean started;
    private boolean sent;
    private boolean ended;
    private String endError;

    AnswerRelay(UpstreamAttempt attempt, Content.Source src) {
        this.attempt = attempt;
        this.exchange = attempt.exchange;
        this.src = src;
        String contentType = attempt.contentType;
        boolean sse = exchange.stream && contentType != null
                && contentType.toLowerCase().startsWith("text/event-stream");
        this.shaper = new AnswerShaper(sse, attempt.adapter, attempt.usage, attempt.contentLength);
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
                src.demand(onContent);
                return Action.IDLE;
            }
            if (Content.Chunk.isFailure(chunk)) {
                return upstreamBroke(chunk.getFailure());
            }
            boolean last = chunk.isLast();
            ByteBuffer data = chunk.getByteBuffer();
            if (!started) {
                started = true;
                attempt.firstByteNanos = System.nanoTime();
                attempt.cancelPerRequestTimer();
            }
            ByteBuffer out;
            try {
                out = shaper.shape(data, last);
            } catch (RuntimeException e) {
                chunk.release();
                String why = e.getMessage();
                if (!(e instanceof AnswerShaper.BadAnswer)) {
                    LOG.warn("{} could not relay the answer of {}", exchange.requestId, attempt.candidate, e);
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
                attempt.report(true, attempt.status, false, null);
            }
            exchange.response.write(lastWrite, out, this);
            return Action.SCHEDULED;
        }
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /** The first write: from here on there is no failover. False when the exchange is already over. */
    private boolean commit(ByteBuffer first) {
        if (!exchange.commit(attempt)) {
            return false;
        }
        sent = true;
        exchange.traceHeaders(attempt.candidate);
        Response response = exchange.response;
        response.setStatus(attempt.status);
        boolean passThrough = attempt.adapter == null;
        String contentType = attempt.contentType;
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
        exchange.attemptFailed(attempt, why);
        attempt.abort(new IllegalStateException(why));
        return Action.SUCCEEDED;
    }

    /** Something was written: stop the upstream and end the stream with an error event. */
    private Action breakOff(String why) {
        attempt.abort(new IllegalStateException(why));
        return endStreamWithError(why);
    }

    private Action upstreamBroke(Throwable failure) {
        ended = true;
        if (!sent) {
            // Nothing was written: onComplete fails this attempt over like a connect error.
            return Action.SUCCEEDED;
        }
        String why = exchange.totalTimedOut() ? "the gateway's totalTimeout was exceeded"
                : "the provider's answer broke off (" + attempt.describe(failure) + ")";
        if (!shaper.isStream()) {
            endError = why;
            return Action.SUCCEEDED; // onCompleteSuccess fails the half-written answer
        }
        return endStreamWithError(why);
    }

    private Action endStreamWithError(String why) {
        endError = why;
        ended = true;
        boolean totalTimedOut = exchange.totalTimedOut();
        SseEvent event = ErrorBodies.streamError(exchange.clientSurface,
                totalTimedOut ? DataPlaneError.TOTAL_TIMEOUT : DataPlaneError.UNREACHABLE,
                "The stream from provider '" + attempt.candidate.ref().provider() + "' failed: " + why + ".");
        attempt.report(true, attempt.status, attempt.timedOut || totalTimedOut, why);
        exchange.response.write(true, ByteBuffer.wrap(event.toBytes()), this);
        return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteSuccess() {
        releasePending();
        if (!sent) {
            // Nothing was written: the failover loop (or the timeout) ends the exchange.
            return;
        }
        if (endError != null) {
            attempt.report(true, attempt.status, attempt.timedOut || exchange.totalTimedOut(), endError);
            exchange.markFinished();
            if (!shaper.isStream()) {
                exchange.callback.failed(new IllegalStateException(endError));
            } else {
                exchange.callback.succeeded();
            }
            return;
        }
        if (!ended) {
            return;
        }
        exchange.markFinished();
        attempt.report(true, attempt.status, false, null);
        exchange.callback.succeeded();
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        releasePending();
        // The client went away: stop the upstream call too.
        src.fail(cause);
        attempt.abort(cause);
        exchange.markFinished();
        attempt.report(true, attempt.status, false, sent ? AttemptRecord.CLIENT_STOPPED : cause.getMessage());
        exchange.callback.failed(cause);
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
