package dev.switchboard.gateway.dataplane;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Notices a client that hangs up while its answer is still pending. Once an HTTP/1.1 request's body has
 * been read, Jetty keeps no read interest on the connection, so a client's FIN or reset only shows on the
 * next write, which never comes while the model server is silent. This keeps read interest on the
 * client's connection (as Go's net/http does with its background read) and reports end-of-stream or a
 * read failure as the client gone. A byte that does arrive (a pipelined next request) is handed back to
 * the connection's request buffer, and watching stops there.
 *
 * <p>{@link #stop()} must run before the request's callback completes: Jetty refuses to complete a
 * request with a read still pending.
 */
final class ClientHangUpWatch implements Callback {
    private static final CancellationException STOPPED = new CancellationException("answer complete");

    private final AbstractEndPoint endPoint;
    private final Connection connection;
    private final Consumer<Throwable> onGone;
    private final Object lock = new Object();
    private boolean stopped;

    private ClientHangUpWatch(AbstractEndPoint endPoint, Connection connection, Consumer<Throwable> onGone) {
        this.endPoint = endPoint;
        this.connection = connection;
        this.onGone = onGone;
    }

    /**
     * Starts watching the connection of {@code request}, whose body must have been read to its end; null
     * when this connection cannot be watched (then only a failed write shows the client gone).
     */
    static ClientHangUpWatch start(Request request, Consumer<Throwable> onGone) {
        Connection connection = request.getConnectionMetaData().getConnection();
        if (connection == null || !(connection.getEndPoint() instanceof AbstractEndPoint endPoint)) {
            return null;
        }
        ClientHangUpWatch watch = new ClientHangUpWatch(endPoint, connection, onGone);
        return endPoint.tryFillInterested(watch) ? watch : null;
    }

    /** Readable: end-of-stream means the client is gone; a byte means more requests follow on this connection. */
    @Override
    public void succeeded() {
        Throwable gone = null;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            ByteBuffer one = BufferUtil.allocate(1);
            try {
                int n = endPoint.fill(one);
                if (n < 0) {
                    gone = new EofException("the client closed the connection");
                } else if (n == 0) {
                    if (!endPoint.tryFillInterested(this)) {
                        stopped = true;
                    }
                } else {
                    stopped = true;
                    if (connection instanceof Connection.UpgradeTo requestBuffer) {
                        requestBuffer.onUpgradeTo(one);
                    } else {
                        gone = new IOException("unexpected bytes from the client before its answer");
                    }
                }
            } catch (IOException e) {
                gone = e;
            }
            if (gone != null) {
                stopped = true;
            }
        }
        if (gone != null) {
            onGone.accept(gone);
        }
    }

    @Override
    public void failed(Throwable x) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        onGone.accept(x);
    }

    /** Stops watching and withdraws the read interest. */
    void stop() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        endPoint.getFillInterest().onFail(STOPPED);
    }
}
