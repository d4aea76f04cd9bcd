package dev.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpMethod;

/**
 * Sends exactly {@code requests} chat completions at {@code concurrency} (one keep-alive connection
 * per worker) and counts what did not come back as a 2xx. wrk can stop a thread after a number of
 * responses but then still waits out its whole duration, so the soak uses this instead.
 *
 * <p>Usage: {@code SoakClient <url> <accessKey> <model> <requests> <concurrency>}; prints
 * {@code requests errors seconds first_error} on one line ({@code first_error} is {@code -} when there is none).
 */
public final class SoakClient {
    private SoakClient() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String key = args[1];
        byte[] body = ("{\"model\":\"" + args[2] + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Say hello in one short sentence.\"}],\"max_tokens\":32}").getBytes(StandardCharsets.UTF_8);
        long requests = Long.parseLong(args[3]);
        int concurrency = Integer.parseInt(args[4]);

        HttpClient client = new HttpClient();
        client.setMaxConnectionsPerDestination(concurrency);
        client.start();
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            Thread t = new Thread(() -> {
                try {
                    while (next.getAndIncrement() < requests) {
                        String problem;
                        try {
                            ContentResponse r = client.newRequest(url).method(HttpMethod.POST)
                                    .headers(h -> h.put("Authorization", "Bearer " + key))
                                    .body(new BytesRequestContent("application/json", body))
                                    .timeout(30, TimeUnit.SECONDS)
                                    .send();
                            problem = r.getStatus() / 100 == 2 ? null : "HTTP " + r.getStatus();
                        } catch (Exception e) {
                            problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                        }
                        if (problem != null) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, problem);
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "soak-" + w);
            t.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        client.stop();
        String first = firstError.get();
        System.out.printf("%d %d %.1f %s%n", requests, errors.get(), seconds,
                first == null ? "-" : first.replaceAll("\\s+", "_"));
    }
}
