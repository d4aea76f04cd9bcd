package dev.switchboard.gateway.dataplane;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import javax.net.ssl.SSLException;

/**
 * Why an upstream connection failed, in words for the client and the log: never an HTTP library's
 * internals (its connection objects' names, hashes and states), and a model server that was reached but
 * hung up is told apart from one that could not be reached at all.
 */
final class UpstreamFailures {
    static final String HUNG_UP = "the model server closed the connection before answering";

    private UpstreamFailures() {
    }

    /** {@code root} (the innermost cause) in a few plain words. */
    static String describe(Throwable root) {
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        if (root instanceof UnknownHostException) {
            return "the host name does not resolve";
        }
        if (root instanceof NoRouteToHostException) {
            return "no route to the host";
        }
        if (root instanceof SSLException) {
            return "the TLS handshake failed";
        }
        if (root instanceof SocketTimeoutException) {
            return "the connection timed out";
        }
        if (root instanceof EOFException || root instanceof ClosedChannelException
                || root instanceof SocketException && String.valueOf(root.getMessage()).toLowerCase().contains("reset")) {
            return HUNG_UP;
        }
        return "the connection failed (" + root.getClass().getSimpleName() + ")";
    }

    /** Whether {@code why} says the model server was reached (it answered or hung up) rather than not reached. */
    static boolean reached(String why) {
        return why.startsWith(HUNG_UP) || why.startsWith("HTTP ");
    }
}
