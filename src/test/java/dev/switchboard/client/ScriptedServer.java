package dev.switchboard.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection HTTP server on a raw socket, for what MockWebServer cannot script: a real TCP
 * reset mid-stream, and seeing exactly when the client closes its socket.
 */
public final class ScriptedServer implements AutoCloseable {
    /** What the script does with the accepted connection after the request has been read. */
    public interface Script {
        void run(Socket socket, OutputStream out, ScriptedServer self) throws Exception;
    }

    private final ServerSocket server;
    private final CompletableFuture<String> request = new CompletableFuture<>();
    private final CountDownLatch clientClosed = new CountDownLatch(1);
    private final Thread thread;

    public ScriptedServer(Script script) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                request.complete(readHead(in));
                script.run(socket, socket.getOutputStream(), this);
            } catch (Exception e) {
                request.completeExceptionally(e);
            }
        }, "scripted-server");
        thread.setDaemon(true);
        thread.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The request line and headers the client sent. */
    public String requestHead() throws Exception {
        return request.get(5, TimeUnit.SECONDS);
    }

    /** Blocks the script until the client closes the connection (read returns -1 or fails), then counts down. */
    void awaitClientClose(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() != -1) {
                // discard
            }
        } catch (IOException closed) {
            // reset by the client: closed as well
        }
        clientClosed.countDown();
    }

    /** Keeps writing an SSE comment every {@code everyMillis} until a write fails (the client hung up), then counts down. */
    public void writeUntilClientCloses(OutputStream out, long everyMillis) throws InterruptedException {
        try {
            while (true) {
                writeChunk(out, ": still thinking\n\n");
                Thread.sleep(everyMillis);
            }
        } catch (IOException closed) {
            clientClosed.countDown();
        }
    }

    public boolean clientClosed(long timeout, TimeUnit unit) throws InterruptedException {
        return clientClosed.await(timeout, unit);
    }

    public static void writeChunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    public static void writeSseHead(OutputStream out) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                + "Ngrok-AIG-Request-Id: rq_scripted\r\nNgrok-AIG-Attempts: 1\r\nNgrok-AIG-Model: p:m\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Closes with SO_LINGER 0, which sends a TCP RST instead of a clean FIN. */
    static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        int state = 0;
        while ((b = in.read()) != -1) {
            head.write(b);
            state = (b == '\r' || b == '\n') ? state + 1 : 0;
            if (state == 4) {
                break;
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return text;
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
