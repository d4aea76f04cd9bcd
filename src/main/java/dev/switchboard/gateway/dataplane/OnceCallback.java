package dev.switchboard.gateway.dataplane;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Callback;

/**
 * Completes the handler's callback once, whichever of the relay, a timer or a client failure gets there
 * first, after {@code beforeDone} (which ends the hang-up watch's read and the exchange's deadlines).
 */
final class OnceCallback implements Callback {
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
