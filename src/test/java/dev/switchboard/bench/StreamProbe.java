package dev.switchboard.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Streaming figures, direct and through the gateway, alternating so both see the same machine load: the
 * time to the first event, and how long each event took from the model server's write (its
 * {@code "sent_us"} stamp, see {@link ModelServerStub}) to this client's read. A new connection per
 * stream (as a chat client opening a stream would), each read to its end.
 *
 * <p>Usage: {@code StreamProbe <directUrl> <gatewayUrl> <accessKey> <model> <streams>}; prints
 * {@code direct_p50 direct_p99 gateway_p50 gateway_p99} of the time to first event, then the same four of
 * the per-event delay, in µs, on one line.
 */
public final class StreamProbe {
    private static final byte[] STAMP = "\"sent_us\":".getBytes(StandardCharsets.US_ASCII);

    private StreamProbe() {
    }

    public static void main(String[] args) throws Exception {
        URI direct = URI.create(args[0]);
        URI gateway = URI.create(args[1]);
        String key = args[2];
        String model = args[3];
        int n = Integer.parseInt(args[4]);
        Samples warmUp = new Samples(0);
        for (int i = 0; i < Math.min(100, n); i++) {
            stream(direct, null, "bench", warmUp);
            stream(gateway, key, model, warmUp);
        }
        Samples d = new Samples(n);
        Samples g = new Samples(n);
        for (int i = 0; i < n; i++) {
            stream(direct, null, "bench", d);
            stream(gateway, key, model, g);
        }
        System.out.printf("%d %d %d %d %d %d %d %d%n", pct(d.first(), 50), pct(d.first(), 99), pct(g.first(), 50),
                pct(g.first(), 99), pct(d.events(), 50), pct(d.events(), 99), pct(g.events(), 50), pct(g.events(), 99));
    }

    /** Times to first event (ns) and per-event delays (µs) of one route. */
    private static final class Samples {
        private long[] first;
        private int firstCount;
        private long[] events;
        private int eventCount;

        Samples(int streams) {
            first = new long[Math.max(1, streams)];
            events = new long[Math.max(1, streams * 8)];
        }

        void first(long nanos) {
            if (firstCount == first.length) {
                first = Arrays.copyOf(first, first.length * 2);
            }
            first[firstCount++] = nanos / 1000;
        }

        void event(long delayMicros) {
            if (eventCount == events.length) {
                events = Arrays.copyOf(events, events.length * 2);
            }
            events[eventCount++] = delayMicros;
        }

        long[] first() {
            long[] s = Arrays.copyOf(first, firstCount);
            Arrays.sort(s);
            return s;
        }

        long[] events() {
            long[] s = Arrays.copyOf(events, eventCount);
            Arrays.sort(s);
            return s;
        }
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static void stream(URI url, String key, String model, Samples samples) throws Exception {
        byte[] body = ("{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        String head = "POST " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nConnection: close\r\n"
                + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(url.getHost(), url.getPort()));
            OutputStream out = s.getOutputStream();
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = Arrays.copyOf(h, h.length + body.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            out.write(all);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] seen = new byte[64 * 1024];
            int length = 0;
            int scanned = 0;
            boolean first = true;
            while (true) {
                int r = in.read(seen, length, seen.length - length);
                if (r < 0) {
                    break;
                }
                long now = nowMicros();
                if (first && indexOf(seen, 0, length + r, "data: ".getBytes(StandardCharsets.US_ASCII)) >= 0) {
                    samples.first(System.nanoTime() - start);
                    first = false;
                    if (!new String(seen, 0, Math.min(12, length + r), StandardCharsets.US_ASCII).equals("HTTP/1.1 200")) {
                        throw new IllegalStateException("not a 200: " + new String(seen, 0, length + r, StandardCharsets.UTF_8));
                    }
                }
                length += r;
                // every stamp that arrived in this read: its delay is now minus the time it was written
                int at;
                while ((at = indexOf(seen, scanned, length, STAMP)) >= 0) {
                    int i = at + STAMP.length;
                    long sent = 0;
                    while (i < length && seen[i] >= '0' && seen[i] <= '9') {
                        sent = sent * 10 + (seen[i++] - '0');
                    }
                    if (i == length) {
                        break; // the number may go on in the next read
                    }
                    samples.event(now - sent);
                    scanned = i;
                }
                if (length == seen.length) {
                    System.arraycopy(seen, scanned, seen, 0, length - scanned);
                    length -= scanned;
                    scanned = 0;
                }
            }
            if (first) {
                throw new IllegalStateException("stream ended before its first event: "
                        + new String(seen, 0, length, StandardCharsets.UTF_8));
            }
        }
    }

    /** Where {@code what} first starts in {@code b[from, to)}, or -1 (the yardstick relays find head ends with it). */
    public static int indexOf(byte[] b, int from, int to, byte[] what) {
        outer:
        for (int i = from; i <= to - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
