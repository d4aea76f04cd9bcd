package dev.switchboard.gateway.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.switchboard.api.Json;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.net.SocketFactory;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends generated bodies to one endpoint from a few workers over one pooled keep-alive client and
 * checks every answer. Each case's body comes from its own seed (the run seed, the endpoint, the case
 * number), so a failure names exactly what to replay, whatever the order the workers ran in.
 */
public final class FuzzRun {
    /** Bodies per endpoint unless {@code -Dfuzz.bodies} says otherwise. */
    public static final int BODIES = Integer.getInteger("fuzz.bodies", 10_000);
    /** A generous deadline per request: an answer later than this counts as a hang. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int WORKERS = 4;
    private static final int MAX_REPORTED = 15;

    /** One answer as the client saw it. */
    public record Answer(int status, String contentType, okhttp3.Headers headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON, or a missing node when it is not JSON. */
        public JsonNode json() {
            try {
                JsonNode n = Json.mapper().readTree(body);
                return n == null ? MissingNode.getInstance() : n;
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }
    }

    /** What is wrong with an answer to a body, or null when it is right. */
    public interface Check {
        String problem(FuzzBodies.Body body, Answer answer);
    }

    /** The outcome of one endpoint's run. */
    public record Report(String endpoint, long seed, int bodies, long bytesSent, Map<Integer, Integer> statuses,
                         List<String> failures, Duration took, Duration slowest, Duration cpu) {
        @Override
        public String toString() {
            return String.format("fuzz %-45s %6d bodies, %5.1f MB, %5.1f s (CPU %5.1f s, slowest answer %4d ms),"
                    + " statuses %s%s", endpoint, bodies, bytesSent / 1e6, took.toMillis() / 1000.0, cpu.toMillis() / 1000.0,
                    slowest.toMillis(), statuses,
                    failures.isEmpty() ? "" : ", FAILURES");
        }
    }

    private FuzzRun() {
    }

    /**
     * Sockets with Nagle's algorithm off. OkHttp writes a request's headers and body separately; with Nagle on,
     * the body waits for the server's delayed ACK of the headers, and about one request in twenty took 40 ms more.
     */
    private static final class NoDelaySockets extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
        }
    }

    /** One line: control characters and lone surrogates as escapes. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : c);
        }
        return sb.toString();
    }

    /** The run seed (with {@code -Dfuzz.case=N} only case N of each endpoint is sent, and its body kept in target/): {@code -Dfuzz.seed=N}, {@code -Dfuzz.seed=random}, else a fixed one so CI runs are repeatable. */
    public static long seed() {
        String s = System.getProperty("fuzz.seed", "20260413");
        long seed = s.equals("random") ? System.nanoTime() : Long.parseLong(s);
        System.out.println("fuzz seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        return seed;
    }

    /** CPU time of this JVM (the gateway, the client and the generator all run in it). */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    static long caseSeed(long runSeed, String endpoint, int i) {
        long z = runSeed * 0x9E3779B97F4A7C15L + endpoint.hashCode() * 0xC2B2AE3D27D4EB4FL + i;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Sends {@code count} bodies from {@code bodies} as {@code request} builds them and checks each answer:
     * a transport failure or no answer within {@link #DEADLINE} is a failure too.
     */
    public static Report run(OkHttpClient http, String endpoint, long seed, int count, FuzzBodies bodies,
                             Function<byte[], Request> request, Check check) throws InterruptedException {
        Integer only = Integer.getInteger("fuzz.case");
        OkHttpClient client = http.newBuilder().callTimeout(DEADLINE).retryOnConnectionFailure(false)
                .socketFactory(new NoDelaySockets()).build();
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        AtomicLong slowest = new AtomicLong();
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        for (int w = 0; w < WORKERS; w++) {
            workers.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    if (only != null && i != only) {
                        continue;
                    }
                    FuzzBodies.Body body = bodies.generate(caseSeed(seed, endpoint, i));
                    bytes.addAndGet(body.bytes().length);
                    String problem;
                    long sent = System.nanoTime();
                    try (Response r = client.newCall(request.apply(body.bytes())).execute()) {
                        Answer a = new Answer(r.code(), r.header("Content-Type"), r.headers(), r.body().bytes());
                        slowest.accumulateAndGet(System.nanoTime() - sent, Math::max);
                        if (only != null) {
                            java.nio.file.Files.write(java.nio.file.Path.of("target", "fuzz-case-" + i + ".bin"), body.bytes());
                            System.out.println("case " + i + " (" + body.recipe() + "), body in target/fuzz-case-" + i
                                    + ".bin: " + a.status() + " " + a.text());
                        }
                        statuses.merge(a.status(), 1, Integer::sum);
                        problem = check.problem(body, a);
                    } catch (InterruptedIOException e) {
                        problem = "no answer within " + DEADLINE.toSeconds() + " s (" + e.getMessage() + ")";
                    } catch (IOException | RuntimeException e) {
                        problem = "the request failed: " + e;
                    }
                    if (problem != null && failed.incrementAndGet() <= MAX_REPORTED) {
                        failures.add(printable("case " + i + " (" + body.recipe() + ", " + body.bytes().length
                                + " bytes: " + FuzzBodies.shorten(body.text()) + "): " + problem));
                    }
                }
            });
        }
        workers.shutdown();
        if (!workers.awaitTermination(10, TimeUnit.MINUTES)) {
            workers.shutdownNow();
            failures.add("the run did not finish within 10 minutes");
        }
        if (failed.get() > MAX_REPORTED) {
            failures.add("... and " + (failed.get() - MAX_REPORTED) + " more");
        }
        Report report = new Report(endpoint, seed, count, bytes.get(), new TreeMap<>(statuses), List.copyOf(failures),
                Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(slowest.get()),
                Duration.ofNanos(processCpuNanos() - cpuStart));
        System.out.println(report);
        report.failures().forEach(f -> System.out.println("  " + f));
        return report;
    }
}
