package dev.switchboard.gateway.dataplane;

import dev.switchboard.api.GatewayUsageEvent;
import dev.switchboard.bench.PairedSockets;
import dev.switchboard.bench.StreamProbe;
import dev.switchboard.gateway.access.AccessTokens;
import dev.switchboard.gateway.route.DataPlaneError;
import dev.switchboard.gateway.upstream.Surface;
import dev.switchboard.gateway.usage.AttemptRecord;
import dev.switchboard.gateway.usage.UsageLog;
import dev.switchboard.gateway.usage.UsageRecorder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark yardstick, not product code: what the gateway's own per-request work costs on an HTTP layer that
 * does nothing else. One selector thread owns both sockets of each call (a client connection is paired with its own
 * connection to the model server, as {@code TcpRelay} does); HTTP/1.1 is parsed only as far as the benchmark's
 * requests need (Content-Length bodies in, Content-Length or chunked answers out, keep-alive). Per request it does
 * the gateway's work with the gateway's classes: the access token's SHA-256 looked up, {@link ClientBody} reading
 * the body and writing the upstream one with the provider's model id, the provider key sent, the answer's usage
 * scanned ({@link UsageScanner}), the trace headers written, and one row queued to the real {@link UsageRecorder}
 * (SQLite). No failover, timeouts, translation or limits: what it costs is a floor for a data plane of our own.
 *
 * <p>Usage: {@code LeanHttpRelay <modelServerPort> <accessToken> <dataDir>}; prints {@code port=N} once listening.
 * The token may call {@code bench:bench}, sent upstream as model {@code bench}.
 */
public final class LeanHttpRelay {
    static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final String MODEL = "bench:bench";
    private static final String UPSTREAM_MODEL = "bench";

    private final InetSocketAddress target;
    private final String tokenHash;
    private final UsageRecorder usageLog;
    private final Selector selector;

    private LeanHttpRelay(InetSocketAddress target, String token, UsageRecorder usageLog) throws IOException {
        this.target = target;
        this.tokenHash = AccessTokens.hash(token);
        this.usageLog = usageLog;
        this.selector = Selector.open();
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = java.nio.file.Files.createDirectories(Path.of(args[2]));
        UsageRecorder recorder = UsageRecorder.standard(UsageLog.open(dataDir));
        LeanHttpRelay relay = new LeanHttpRelay(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])),
                args[1], recorder);
        relay.run();
    }

    private void run() throws IOException {
        ServerSocketChannel server = PairedSockets.listen(selector);
        while (true) {
            selector.select();
            Iterator<SelectionKey> it = selector.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                if (!key.isValid()) {
                    continue; // its call closed earlier in this round
                }
                if (key.isAcceptable()) {
                    accept(server);
                    continue;
                }
                Call call = (Call) key.attachment();
                try {
                    if (key.isValid() && key.isWritable()) {
                        call.flush(key);
                    }
                    if (key.isValid() && key.isReadable()) {
                        if (key == call.clientKey) {
                            call.onClientBytes();
                        } else {
                            call.onUpstreamBytes();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    call.close();
                }
            }
        }
    }

    private void accept(ServerSocketChannel server) throws IOException {
        SocketChannel[] pair;
        while ((pair = PairedSockets.acceptPair(server, target)) != null) {
            Call call = new Call(pair[0], pair[1]);
            call.clientKey = pair[0].register(selector, SelectionKey.OP_READ, call);
            call.upstreamKey = pair[1].register(selector, SelectionKey.OP_READ, call);
        }
    }

    /** One client connection, its upstream connection, and the request being relayed on them. */
    private final class Call {
        final SocketChannel client;
        final SocketChannel upstream;
        SelectionKey clientKey;
        SelectionKey upstreamKey;
        final ByteBuffer fromClient = ByteBuffer.allocate(64 * 1024);
        final ByteBuffer fromUpstream = ByteBuffer.allocate(64 * 1024);
        ByteBuffer[] toClient = {};
        ByteBuffer[] toUpstream = {};
        // the request in flight
        boolean busy;
        boolean closeAfter;
        boolean stream;
        long startNanos;
        long firstByteNanos;
        Instant startedAt;
        String requestId;
        UsageScanner usage;
        // the answer being read
        int status;
        int answerBodyStart = -1;
        long contentLength;
        boolean chunked;
        final ChunkEnd chunkEnd = new ChunkEnd();

        Call(SocketChannel client, SocketChannel upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void onClientBytes() throws IOException {
            if (client.read(fromClient) < 0) {
                close();
                return;
            }
            while (!busy) {
                int headEnd = StreamProbe.indexOf(fromClient.array(), 0, fromClient.position(), HEAD_END);
                if (headEnd < 0) {
                    return;
                }
                String head = new String(fromClient.array(), 0, headEnd, StandardCharsets.ISO_8859_1);
                int bodyLength = (int) headerLong(head, "content-length", 0);
                int total = headEnd + 4 + bodyLength;
                if (fromClient.position() < total) {
                    return;
                }
                byte[] body = new byte[bodyLength];
                System.arraycopy(fromClient.array(), headEnd + 4, body, 0, bodyLength);
                fromClient.flip().position(total);
                fromClient.compact();
                onRequest(head, body);
            }
        }

        private void onRequest(String head, byte[] body) throws IOException {
            startNanos = System.nanoTime();
            startedAt = Instant.now();
            requestId = DataPlaneHandler.newRequestId();
            closeAfter = "close".equalsIgnoreCase(header(head, "connection"));
            String auth = header(head, "authorization");
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || !AccessTokens.hash(auth.substring(7).trim())
                    .equals(tokenHash)) {
                answer(401, "{\"error\":{\"message\":\"unknown access key\",\"code\":\"ERR_NGROK_3801\"}}");
                return;
            }
            ClientBody parsed;
            try {
                parsed = ClientBody.read(body);
                stream = parsed.stream();
            } catch (DataPlaneError e) {
                answer(400, "{\"error\":{\"message\":\"bad request\"}}");
                return;
            }
            if (!MODEL.equals(parsed.model())) {
                answer(403, "{\"error\":{\"message\":\"model not allowed\"}}");
                return;
            }
            byte[] upBody = parsed.upstreamBytes(null, Surface.CHAT_COMPLETIONS, UPSTREAM_MODEL, null);
            String upHead = "POST /v1/chat/completions HTTP/1.1\r\nHost: " + target.getHostString() + ":"
                    + target.getPort() + "\r\nUser-Agent: Switchboard\r\nAccept: "
                    + (stream ? "text/event-stream" : "application/json")
                    + "\r\nAuthorization: Bearer sk-bench-0000\r\nContent-Type: application/json\r\nContent-Length: "
                    + upBody.length + "\r\n\r\n";
            busy = true;
            usage = new UsageScanner();
            status = 0;
            answerBodyStart = -1;
            firstByteNanos = -1;
            toUpstream = new ByteBuffer[] {ByteBuffer.wrap(upHead.getBytes(StandardCharsets.ISO_8859_1)),
                    ByteBuffer.wrap(upBody)};
            write(upstream, upstreamKey, toUpstream);
        }

        void onUpstreamBytes() throws IOException {
            int before = fromUpstream.position();
            if (upstream.read(fromUpstream) < 0) {
                close();
                return;
            }
            if (firstByteNanos < 0) {
                firstByteNanos = System.nanoTime();
            }
            if (answerBodyStart < 0) {
                int headEnd = StreamProbe.indexOf(fromUpstream.array(), 0, fromUpstream.position(), HEAD_END);
                if (headEnd < 0) {
                    return;
                }
                String head = new String(fromUpstream.array(), 0, headEnd, StandardCharsets.ISO_8859_1);
                status = Integer.parseInt(head.substring(9, 12));
                answerBodyStart = headEnd + 4;
                chunked = "chunked".equalsIgnoreCase(header(head, "transfer-encoding"));
                contentLength = headerLong(head, "content-length", -1);
                if (chunked) {
                    chunkEnd.reset();
                    String out = "HTTP/1.1 " + status + " OK\r\n" + traceHeaders()
                            + "Content-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n";
                    toClient = new ByteBuffer[] {ByteBuffer.wrap(out.getBytes(StandardCharsets.ISO_8859_1))};
                }
                before = answerBodyStart;
            }
            if (chunked) {
                relayChunks(before);
            } else if (fromUpstream.position() - answerBodyStart >= contentLength) {
                byte[] answer = new byte[(int) contentLength];
                System.arraycopy(fromUpstream.array(), answerBodyStart, answer, 0, answer.length);
                fromUpstream.clear();
                usage.scanObject(answer, 0, answer.length);
                String out = "HTTP/1.1 " + status + " OK\r\n" + traceHeaders()
                        + "Content-Type: application/json\r\nContent-Length: " + answer.length + "\r\n\r\n";
                toClient = new ByteBuffer[] {ByteBuffer.wrap(out.getBytes(StandardCharsets.ISO_8859_1)),
                        ByteBuffer.wrap(answer)};
                finish();
            }
        }

        /** Passes the new chunked bytes on as they are; scans each event's data for usage. */
        private void relayChunks(int from) throws IOException {
            byte[] a = fromUpstream.array();
            int end = fromUpstream.position();
            boolean last = chunkEnd.feed(a, from, end);
            for (int i = from; i + 6 < end; i++) {
                if (a[i] == 'd' && a[i + 4] == ':' && (i == from || a[i - 1] == '\n')) {
                    int eol = i;
                    while (eol < end && a[eol] != '\n') {
                        eol++;
                    }
                    usage.scanEvent(new String(a, i + 6, Math.max(0, eol - i - 6), StandardCharsets.UTF_8).trim());
                    i = eol;
                }
            }
            ByteBuffer piece = ByteBuffer.wrap(java.util.Arrays.copyOfRange(a, from, end));
            fromUpstream.clear();
            if (toClient.length == 1 && toClient[0].position() == 0) {
                toClient = new ByteBuffer[] {toClient[0], piece}; // the head goes out with the first event
            } else {
                toClient = new ByteBuffer[] {piece};
            }
            if (last) {
                finish();
            } else {
                write(client, clientKey, toClient);
            }
        }

        private String traceHeaders() {
            return "Ngrok-AIG-Request-Id: " + requestId + "\r\nNgrok-AIG-Attempts: 1\r\nNgrok-AIG-Model: " + MODEL
                    + "\r\n";
        }

        private void answer(int code, String json) throws IOException {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            String out = "HTTP/1.1 " + code + " Error\r\nContent-Type: application/json\r\nContent-Length: " + b.length
                    + "\r\n\r\n";
            toClient = new ByteBuffer[] {ByteBuffer.wrap(out.getBytes(StandardCharsets.ISO_8859_1)), ByteBuffer.wrap(b)};
            write(client, clientKey, toClient);
        }

        private void finish() throws IOException {
            long now = System.nanoTime();
            usageLog.onAttempt(new AttemptRecord(startedAt, requestId, "ak_bench", "bench", UPSTREAM_MODEL,
                    "chat-completions", 1, true, status, false, null, stream,
                    TimeUnit.NANOSECONDS.toMillis(now - startNanos),
                    TimeUnit.NANOSECONDS.toMillis(firstByteNanos - startNanos), usage.inputTokens, usage.outputTokens,
                    GatewayUsageEvent.KEY_SOURCE_USER, "pk_bench", "chat-completions", List.of(), usage.stopReason));
            busy = false;
            write(client, clientKey, toClient);
            if (closeAfter && !hasRemaining(toClient)) {
                close();
                return;
            }
            if (fromClient.position() > 0) {
                onClientBytes(); // a pipelined request
            }
        }

        private void write(SocketChannel ch, SelectionKey key, ByteBuffer[] bufs) throws IOException {
            ch.write(bufs);
            if (hasRemaining(bufs)) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }

        void flush(SelectionKey key) throws IOException {
            key.interestOps(SelectionKey.OP_READ);
            if (key == clientKey) {
                write(client, clientKey, toClient);
                if (closeAfter && !busy && !hasRemaining(toClient)) {
                    close();
                }
            } else {
                write(upstream, upstreamKey, toUpstream);
            }
        }

        void close() {
            for (SocketChannel c : new SocketChannel[] {client, upstream}) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    /** Finds where a chunked body ends: sizes in hex, each chunk's data and CRLF, then a zero chunk and CRLF CRLF. */
    private static final class ChunkEnd {
        private int state; // 0 size, 1 size line's rest, 2 data, 3 data's CRLF, 4 trailer
        private long size;
        private int crlfSeen;

        void reset() {
            state = 0;
            size = 0;
            crlfSeen = 0;
        }

        boolean feed(byte[] a, int from, int to) {
            for (int i = from; i < to; i++) {
                byte b = a[i];
                switch (state) {
                    case 0 -> {
                        int d = Character.digit(b, 16);
                        if (d >= 0) {
                            size = size * 16 + d;
                        } else {
                            state = 1;
                            i--;
                        }
                    }
                    case 1 -> {
                        if (b == '\n') {
                            state = size == 0 ? 4 : 2;
                            crlfSeen = 1;
                        }
                    }
                    case 2 -> {
                        long n = Math.min(size, to - i);
                        size -= n;
                        i += (int) n - 1;
                        if (size == 0) {
                            state = 3;
                        }
                    }
                    case 3 -> {
                        if (b == '\n') {
                            state = 0;
                        }
                    }
                    default -> {
                        if (b == '\n') {
                            if (++crlfSeen == 2) {
                                return true;
                            }
                        } else if (b != '\r') {
                            crlfSeen = 0;
                        }
                    }
                }
            }
            return false;
        }
    }

    private static boolean hasRemaining(ByteBuffer[] bufs) {
        for (ByteBuffer b : bufs) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    static String header(String head, String name) {
        int at = 0;
        while ((at = head.indexOf('\n', at)) >= 0) {
            at++;
            if (head.regionMatches(true, at, name, 0, name.length()) && head.length() > at + name.length()
                    && head.charAt(at + name.length()) == ':') {
                int eol = head.indexOf('\r', at);
                return head.substring(at + name.length() + 1, eol < 0 ? head.length() : eol).trim();
            }
        }
        return null;
    }

    static long headerLong(String head, String name, long otherwise) {
        String v = header(head, name);
        return v == null ? otherwise : Long.parseLong(v);
    }
}
