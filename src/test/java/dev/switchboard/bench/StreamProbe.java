package dev.switchboard.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Time to first streamed event, direct and through the gateway, alternating so both see the same
 * machine load. A new connection per request (as a chat client opening a stream would).
 *
 * <p>Usage: {@code StreamProbe <directUrl> <gatewayUrl> <accessKey> <model> <requests>}; prints
 * {@code direct_p50_us direct_p99_us gateway_p50_us gateway_p99_us} on one line.
 */
public final class StreamProbe {
    private StreamProbe() {
    }

    public static void main(String[] args) throws Exception {
        URI direct = URI.create(args[0]);
        URI gateway = URI.create(args[1]);
        String key = args[2];
        String model = args[3];
        int n = Integer.parseInt(args[4]);
        for (int i = 0; i < Math.min(200, n); i++) {
            firstEventNanos(direct, null, "bench");
            firstEventNanos(gateway, key, model);
        }
        long[] d = new long[n];
        long[] g = new long[n];
        for (int i = 0; i < n; i++) {
            d[i] = firstEventNanos(direct, null, "bench");
            g[i] = firstEventNanos(gateway, key, model);
        }
        Arrays.sort(d);
        Arrays.sort(g);
        System.out.printf("%d %d %d %d%n", pct(d, 50), pct(d, 99), pct(g, 50), pct(g, 99));
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000;
    }

    private static long firstEventNanos(URI url, String key, String model) throws Exception {
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
            byte[] buf = new byte[8192];
            StringBuilder seen = new StringBuilder();
            while (true) {
                int r = in.read(buf);
                if (r < 0) {
                    throw new IllegalStateException("stream ended before its first event: " + seen);
                }
                seen.append(new String(buf, 0, r, StandardCharsets.UTF_8));
                if (seen.indexOf("data: ") >= 0) {
                    long t = System.nanoTime() - start;
                    if (!seen.toString().startsWith("HTTP/1.1 200")) {
                        throw new IllegalStateException("not a 200: " + seen);
                    }
                    return t;
                }
            }
        }
    }
}
