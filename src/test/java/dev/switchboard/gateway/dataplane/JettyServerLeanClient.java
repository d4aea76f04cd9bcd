package dev.switchboard.gateway.dataplane;

import dev.switchboard.api.GatewayUsageEvent;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.bench.StreamProbe;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.gateway.access.AccessTokens;
import dev.switchboard.gateway.route.DataPlaneError;
import dev.switchboard.gateway.upstream.Surface;
import dev.switchboard.gateway.usage.AttemptRecord;
import dev.switchboard.gateway.usage.UsageRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A benchmark yardstick, not product code: the embedded gateway's own Jetty server (same connector, thread pool and
 * root handler) with {@link LeanHttpRelay}'s per-request work as its data plane, calling the model server through a
 * minimal HTTP/1.1 client of its own (one selector thread, pooled connections) instead of Jetty's {@code HttpClient}.
 * Set beside the gateway and the lean relay in a benchmark, it splits what Jetty costs between its server and its
 * client. Non-streaming Content-Length answers only.
 *
 * <p>Usage: {@code JettyServerLeanClient <modelServerPort> <accessToken> <dataDir>}; prints {@code port=N}.
 */
public final class JettyServerLeanClient extends Handler.Abstract.NonBlocking {
    private final InetSocketAddress target;
    private final String tokenHash;
    private final UsageRecorder usageLog;
    private final Selector selector;
    private final Queue<Conn> idle = new ConcurrentLinkedDeque<>();
    private final Queue<Conn> toRegister = new ConcurrentLinkedQueue<>();
    /** Watches the deadline of a body that did not arrive with its request, as the gateway does. */
    private Deadlines deadlines;

    private JettyServerLeanClient(InetSocketAddress target, String token, UsageRecorder usageLog) throws IOException {
        this.target = target;
        this.tokenHash = AccessTokens.hash(token);
        this.usageLog = usageLog;
        this.selector = Selector.open();
        Thread t = new Thread(this::select, "lean-client");
        t.setDaemon(true);
        t.start();
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        Path dataDir = Files.createDirectories(Path.of(args[2]));
        EmbeddedGateway gw = EmbeddedGateway.start(GatewayOptions.loopback(dataDir), store -> {
            try {
                return new JettyServerLeanClient(target, args[1], store.usageRecorder());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        System.out.println("port=" + gw.baseUrl().getPort());
        System.out.flush();
        Thread.currentThread().join();
    }

    @Override
    protected void doStart() throws Exception {
        deadlines = new Deadlines(getServer().getScheduler(), getServer().getThreadPool());
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        deadlines.stop();
        super.doStop();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        new RequestBodyReader(request, 4 << 20, 4 << 20, 30_000, new RequestBodyReader.Outcome() {
            @Override
            public void body(byte[] bytes) {
                onRequest(request, response, callback, bytes);
            }

            @Override
            public void refused(DataPlaneError error, boolean closeConnection) {
                Response.writeError(request, response, callback, error.status());
            }
        }).start(deadlines);
        return true;
    }

    private void onRequest(Request request, Response response, Callback callback, byte[] body) {
        long startNanos = System.nanoTime();
        Instant startedAt = Instant.now();
        String requestId = DataPlaneHandler.newRequestId();
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || !AccessTokens.hash(auth.substring(7).trim())
                .equals(tokenHash)) {
            Response.writeError(request, response, callback, 401);
            return;
        }
        ClientBody parsed = ClientBody.read(body);
        if (!"bench:bench".equals(parsed.model())) {
            Response.writeError(request, response, callback, 403);
            return;
        }
        byte[] upBody = parsed.upstreamBytes(null, Surface.CHAT_COMPLETIONS, "bench", null);
        String upHead = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + target.getPort()
                + "\r\nUser-Agent: Switchboard\r\nAccept: application/json\r\nAuthorization: Bearer sk-bench-0000"
                + "\r\nContent-Type: application/json\r\nContent-Length: " + upBody.length + "\r\n\r\n";
        Conn c = idle.poll();
        try {
            if (c == null) {
                c = new Conn(SocketChannel.open(target));
                c.call = new Call(request, response, callback, requestId, startNanos, startedAt);
                toRegister.add(c);
                selector.wakeup();
            } else {
                c.call = new Call(request, response, callback, requestId, startNanos, startedAt);
            }
            c.channel.write(new ByteBuffer[] {ByteBuffer.wrap(upHead.getBytes(StandardCharsets.ISO_8859_1)),
                    ByteBuffer.wrap(upBody)}); // small: the socket takes it at once
        } catch (IOException e) {
            Response.writeError(request, response, callback, 502);
        }
    }

    private void select() {
        try {
            while (true) {
                selector.select();
                Conn added;
                while ((added = toRegister.poll()) != null) {
                    added.channel.register(selector, SelectionKey.OP_READ, added);
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isValid() && key.isReadable()) {
                        ((Conn) key.attachment()).onReadable();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Call(Request request, Response response, Callback callback, String requestId, long startNanos,
                        Instant startedAt) {
    }

    /** A pooled upstream connection: the call it answers, and what its answer's bytes are so far. */
    private final class Conn {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        volatile Call call;

        Conn(SocketChannel channel) throws IOException {
            this.channel = channel;
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
        }

        void onReadable() throws IOException {
            if (channel.read(in) < 0) {
                channel.close();
                return;
            }
            Call call = this.call;
            if (call == null) {
                return;
            }
            long firstByte = System.nanoTime();
            int headEnd = StreamProbe.indexOf(in.array(), 0, in.position(), LeanHttpRelay.HEAD_END);
            if (headEnd < 0) {
                return;
            }
            String head = new String(in.array(), 0, headEnd, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = (int) LeanHttpRelay.headerLong(head, "content-length", 0);
            if (in.position() < headEnd + 4 + length) {
                return;
            }
            byte[] answer = new byte[length];
            System.arraycopy(in.array(), headEnd + 4, answer, 0, length);
            in.clear();
            this.call = null;
            idle.add(this); // before the answer goes out: the client's next request may be read at once
            UsageScanner usage = new UsageScanner();
            usage.scanObject(answer, 0, answer.length);
            long now = System.nanoTime();
            usageLog.onAttempt(new AttemptRecord(call.startedAt(), call.requestId(), "ak_bench", "bench", "bench",
                    "chat-completions", 1, true, status, false, null, false,
                    TimeUnit.NANOSECONDS.toMillis(now - call.startNanos()),
                    TimeUnit.NANOSECONDS.toMillis(firstByte - call.startNanos()), usage.inputTokens,
                    usage.outputTokens, GatewayUsageEvent.KEY_SOURCE_USER, "pk_bench", "chat-completions", List.of(),
                    usage.stopReason));
            Response r = call.response();
            r.setStatus(status);
            r.getHeaders().put("Ngrok-AIG-Request-Id", call.requestId());
            r.getHeaders().put("Ngrok-AIG-Attempts", "1");
            r.getHeaders().put("Ngrok-AIG-Model", "bench:bench");
            r.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            r.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
            r.write(true, ByteBuffer.wrap(answer), call.callback());
        }
    }
}
