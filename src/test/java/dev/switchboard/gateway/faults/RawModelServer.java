package dev.switchboard.gateway.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model server scripted at the socket level, for what MockWebServer cannot stage: a reset before any
 * header, a silent upstream that notices when the gateway hangs up. Each connection reads one request
 * (head and {@code Content-Length} body) and hands it to the script; the socket is closed when the script
 * returns.
 */
final class RawModelServer implements AutoCloseable {

    @FunctionalInterface
    interface Script {
        void serve(Exchange exchange) throws Exception;
    }

    /** One request as the model server saw it, and the means to answer it byte by byte. */
    static final class Exchange {
        private final Socket socket;
        final String head;
        final byte[] body;
        private final OutputStream out;

        Exchange(Socket socket, String head, byte[] body) throws IOException {
            this.socket = socket;
            this.head = head;
            this.body = body;
            this.out = socket.getOutputStream();
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** A status line and headers for a chunked answer. */
        void chunkedHead(int status, String contentType) throws IOException {
            write("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType
                    + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        }

        void chunk(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void lastChunk() throws IOException {
            write("0\r\n\r\n");
        }

        /** Closes with a TCP reset (SO_LINGER 0) rather than a FIN. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /**
         * Waits, without writing, until the gateway closes this connection; returns the nanoTime it was
         * seen closed, or -1 if it was still open after {@code max}.
         */
        long awaitClosedByGateway(Duration max) throws IOException {
            long deadline = System.nanoTime() + max.toNanos();
            InputStream in = socket.getInputStream();
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000)));
                try {
                    if (in.read() < 0) {
                        return System.nanoTime();
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // keep waiting
                } catch (IOException reset) {
                    return System.nanoTime();
                }
            }
            return -1;
        }
    }

    private final ServerSocket server;
    private final Script script;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    RawModelServer(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "raw-model-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/";
    }

    int requestCount() {
        return requests.get();
    }

    /** Script failures other than the gateway hanging up (which scripts expect). */
    List<Throwable> failures() {
        return failures;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "raw-model-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            int length = contentLength(head);
            byte[] body = in.readNBytes(Math.max(0, length));
            requests.incrementAndGet();
            script.serve(new Exchange(s, head, body));
        } catch (IOException expected) {
            // the gateway hung up, or the script reset the connection
        } catch (Exception | AssertionError e) {
            failures.add(e);
        } finally {
            open.remove(s);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            matched = (c == "\r\n\r\n".charAt(matched)) ? matched + 1 : (c == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
