package dev.switchboard.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A fast local model server for {@code bench/run}: answers any POST with a canned chat completion,
 * or, when the body asks for {@code "stream":true}, with {@code events} server-sent events paced
 * {@code intervalMs} apart (the first one at once), each stamped with the wall-clock time it was written
 * ({@code "sent_us"}, microseconds since the epoch) so a client can tell how long it took to arrive. Prints
 * {@code port=N} when listening.
 *
 * <p>Usage: {@code ModelServerStub [port] [events] [intervalMs]}
 */
public final class ModelServerStub {
    private static final byte[] COMPLETION = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"bench\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello there!\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}")
            .getBytes(StandardCharsets.UTF_8);

    private ModelServerStub() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long intervalMs = args.length > 2 ? Long.parseLong(args[2]) : 20;
        QueuedThreadPool pool = new QueuedThreadPool(32, 4);
        pool.setName("stub");
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        // Longer than a whole bench run: Jetty's default (30 s) closed the gateway's pooled connections left
        // idle since the warm-up in the middle of a measurement, and the new code paths that took (class
        // loading, deoptimization, C2 recompiling on a 2-core machine) showed up as the gateway's latency.
        connector.setIdleTimeout(600_000);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Source.asStringAsync(request, StandardCharsets.UTF_8).whenComplete((body, failure) -> {
                    if (failure != null) {
                        callback.failed(failure);
                    } else if (body.contains("\"stream\":true")) {
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
                        new Paced(response, callback, server.getScheduler(), events, intervalMs).next(0);
                    } else {
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                        response.write(true, ByteBuffer.wrap(COMPLETION), callback);
                    }
                });
                return true;
            }
        });
        server.start();
        System.out.println("port=" + connector.getLocalPort());
        System.out.flush();
        server.join();
    }

    private record Paced(Response response, Callback callback, Scheduler scheduler, int events, long intervalMs) {
        void next(int i) {
            if (i == events) {
                response.write(true, ByteBuffer.wrap("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)), callback);
                return;
            }
            Instant now = Instant.now();
            String event = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"tok" + i + " \"}}],\"sent_us\":"
                    + (now.getEpochSecond() * 1_000_000 + now.getNano() / 1000) + "}\n\n";
            response.write(false, ByteBuffer.wrap(event.getBytes(StandardCharsets.UTF_8)), Callback.from(
                    () -> scheduler.schedule(() -> next(i + 1), intervalMs, TimeUnit.MILLISECONDS), callback::failed));
        }
    }
}
