package dev.switchboard.viewmodel.chat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A scripted OpenAI-compatible model server on raw sockets: every chat request gets a stream of
 * {@code tokens} chunks, paced at {@code tokensPerSecond} (from {@code slowFrom} on at {@code slowRate}),
 * then usage and {@code [DONE]}. Each stream records how many tokens it wrote and the moment the client
 * hung up (its socket read end-of-stream or a write failed), to check that Stop reaches the model server.
 */
public final class TokenStreamServer implements AutoCloseable {
    /** One request's stream, as the model server saw it. */
    public static final class Stream {
        public final String requestBody;
        private final CountDownLatch hungUp = new CountDownLatch(1);
        private final CountDownLatch finished = new CountDownLatch(1);
        private volatile long hungUpAt;
        private volatile int written;

        Stream(String requestBody) {
            this.requestBody = requestBody;
        }

        void hangUp() {
            if (hungUp.getCount() > 0 && finished.getCount() > 0) {
                hungUpAt = System.nanoTime();
                hungUp.countDown();
            }
        }

        /** Waits for the client to hang up; the {@link System#nanoTime()} it happened at, or -1. */
        public long awaitHangUp(long timeout, TimeUnit unit) throws InterruptedException {
            return hungUp.await(timeout, unit) ? hungUpAt : -1;
        }

        public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
            return finished.await(timeout, unit);
        }

        public int written() {
            return written;
        }
    }

    private final ServerSocket server;
    private final int tokens;
    private volatile double rate;
    private volatile int slowFrom;
    private volatile double slowRate;
    private final List<Stream> streams = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** {@code tokens} at {@code tokensPerSecond}, all the way. */
    public TokenStreamServer(int tokens, double tokensPerSecond) throws IOException {
        this(tokens, tokensPerSecond, tokens, tokensPerSecond);
    }

    public TokenStreamServer(int tokens, double tokensPerSecond, int slowFrom, double slowRate) throws IOException {
        this.tokens = tokens;
        this.rate = tokensPerSecond;
        this.slowFrom = slowFrom;
        this.slowRate = slowRate;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "token-stream-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Paces the next streams: {@code tokensPerSecond}, and from token {@code slowFrom} on, {@code slowRate}. */
    public void pace(double tokensPerSecond, int slowFrom, double slowRate) {
        this.rate = tokensPerSecond;
        this.slowFrom = slowFrom;
        this.slowRate = slowRate;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public List<Stream> streams() {
        return streams;
    }

    /** The text the whole stream spells: token i is {@code "t<i> "}. */
    public static String token(int i) {
        return "t" + i + " ";
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "token-stream");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String body = readRequest(in);
            Stream stream = new Stream(body);
            streams.add(stream);
            Thread watch = new Thread(() -> {
                try {
                    while (in.read() != -1) {
                        // nothing more is expected from the client
                    }
                } catch (IOException reset) {
                    // a reset is a hang-up too
                }
                stream.hangUp();
            }, "token-stream-watch");
            watch.setDaemon(true);
            watch.start();
            OutputStream out = socket.getOutputStream();
            try {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                chunk(out, "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
                long next = System.nanoTime();
                double fastPace = rate;
                int slowAt = slowFrom;
                double slowPace = slowRate;
                for (int i = 0; i < tokens && stream.hungUp.getCount() > 0; i++) {
                    next += (long) (1e9 / (i < slowAt ? fastPace : slowPace));
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    chunk(out, "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                            + "\"delta\":{\"content\":\"" + token(i) + "\"},\"finish_reason\":null}]}\n\n");
                    stream.written = i + 1;
                }
                if (stream.hungUp.getCount() > 0) {
                    chunk(out, "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
                    chunk(out, "data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":"
                            + tokens + ",\"total_tokens\":" + (12 + tokens) + "}}\n\n");
                    chunk(out, "data: [DONE]\n\n");
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    stream.finished.countDown();
                    watch.join(2000);
                }
            } catch (IOException writeFailed) {
                stream.hangUp();
            }
        } catch (IOException | InterruptedException e) {
            // the connection is gone
        }
    }

    private static void chunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        int state = 0;
        while (state < 4 && (b = in.read()) != -1) {
            head.write(b);
            state = (b == '\r' || b == '\n') ? state + 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = -1;
        boolean chunked = false;
        for (String line : text.split("\r\n")) {
            String lower = line.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (length >= 0) {
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (chunked) {
            String size = readLine(in);
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                readLine(in);
                break;
            }
            body.write(in.readNBytes(n));
            readLine(in);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
