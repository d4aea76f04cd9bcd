package dev.switchboard.gateway.dataplane;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.CyclicTimeouts;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The timeouts of every exchange in flight (per-request and total), kept with one timer for all of
 * them instead of two scheduler tasks per request. Registering an exchange or moving its deadline
 * later costs a set insertion and a compare; the single timer is moved only when a deadline earlier
 * than the earliest one known appears (Jetty's {@link CyclicTimeouts}, as its HTTP client uses for
 * request timeouts). On the hot path that means no scheduler queue operation and no wake-up of the
 * scheduler thread per request, which is where the relay's latency tail came from.
 *
 * <p>An expired exchange is handed to the executor, so the scheduler thread never aborts upstream
 * calls or writes error answers itself.
 */
final class Deadlines {
    /** Something with deadlines: {@link #expire()} runs when the earliest one has passed. */
    interface Timed extends CyclicTimeouts.Expirable {
        void expire();
    }

    private final Set<Timed> live = ConcurrentHashMap.newKeySet();
    private final Executor executor;
    private final CyclicTimeouts<Timed> timeouts;

    Deadlines(Scheduler scheduler, Executor executor) {
        this.executor = executor;
        this.timeouts = new CyclicTimeouts<>(scheduler) {
            @Override
            protected Iterator<Timed> iterator() {
                return live.iterator();
            }

            @Override
            protected boolean onExpired(Timed timed) {
                Deadlines.this.executor.execute(() -> {
                    timed.expire();
                    // It stays registered until it ends, and may have a later deadline still (the timer
                    // left it out when it looked for the next one): schedule that.
                    if (live.contains(timed)) {
                        schedule(timed);
                    }
                });
                return false;
            }
        };
    }

    /** Tracks {@code timed}; call again whenever one of its deadlines is set. */
    void watch(Timed timed) {
        live.add(timed);
        timeouts.schedule(timed);
    }

    /** Stops tracking {@code timed} (it ended). */
    void forget(Timed timed) {
        live.remove(timed);
    }

    int size() {
        return live.size();
    }

    void stop() {
        timeouts.destroy();
        live.clear();
    }
}
