package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the usage endpoints over HTTP against a running gateway whose log {@link UsageBench} filled: every
 * filter of {@code /usage} and of the embedded {@code /usage/requests}, first pages and deep ones through the
 * cursor, the Logs page's own queries, and {@code /usage/overview} over 30 days. Each figure is the median of
 * {@value #RUNS} runs after one warm-up, with the slowest run beside it. Args: base URL, admin key, a busy
 * access key id, a rarely used one.
 */
public final class UsageHttpProbe {
    private static final int RUNS = 5;
    private static final double PAGE_TARGET_MS = 50;
    private static final double OVERVIEW_TARGET_MS = 100;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String admin;
    private int missed;

    private UsageHttpProbe(String base, String admin) {
        this.base = base;
        this.admin = admin;
    }

    public static void main(String[] args) throws Exception {
        UsageHttpProbe p = new UsageHttpProbe(args[0], args[1]);
        String busyKey = args[2];
        String rareKey = args[3];
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String d30 = enc(now.minus(Duration.ofDays(30)));
        String h1 = enc(now.minus(Duration.ofHours(1)));
        String h24 = enc(now.minus(Duration.ofDays(1)));
        String d7 = enc(now.minus(Duration.ofDays(7)));
        String mid = enc(now.minus(Duration.ofDays(15)));
        String odd = enc(now.minus(Duration.ofDays(30)).plusSeconds(37 * 60 + 13));

        for (int i = 0; i < 30; i++) { // the JIT and the page cache, as on a gateway that has served a while
            p.get("/usage/requests?limit=100&includeRetries=true&startTime=" + d30);
            p.get("/usage?limit=100&startTime=" + d30 + "&accessKeyId=" + busyKey);
        }
        System.out.printf("%-72s %9s %9s   %s%n", "GET (limit=100 unless said)", "median", "slowest", "target");
        String u = "/usage?limit=100&startTime=" + d30;
        p.page("/usage, 30 days", u);
        p.page("/usage, includeRetries", u + "&includeRetries=true");
        p.page("/usage, accessKeyId (busy key)", u + "&accessKeyId=" + busyKey);
        p.page("/usage, accessKeyId (rarely used key)", u + "&accessKeyId=" + rareKey);
        p.page("/usage, accessKeyId unknown", u + "&accessKeyId=aigk_2Vt0PfWb1dD0gh2mLz9yQ4KxA7e");
        p.page("/usage, provider (embedded)", u + "&provider=anthropic");
        p.page("/usage, provider used by 0.5% (embedded)", u + "&provider=ollama");
        p.page("/usage, statusClass=5xx (embedded)", u + "&statusClass=5xx");
        p.page("/usage, statusClass=4xx + accessKeyId", u + "&statusClass=4xx&accessKeyId=" + busyKey);
        p.page("/usage, statusClass=2xx + provider", u + "&statusClass=2xx&provider=groq");
        p.page("/usage, endTime 15 days ago (middle of the log)", u + "&endTime=" + mid);
        p.page("/usage, 1 hour window 15 days ago", "/usage?limit=100&startTime="
                + enc(now.minus(Duration.ofDays(15)).minus(Duration.ofHours(1))) + "&endTime=" + mid);
        p.page("/usage, startTime in the future (empty)", "/usage?limit=100&startTime=" + enc(now.plusSeconds(3600)));
        p.deep("/usage, pages 2..20 via the cursor (slowest)", u, 19);
        p.deep("/usage, from the middle: next 10 pages (slowest)", u + "&endTime=" + mid, 10);
        p.deep("/usage?accessKeyId (rare), next 10 pages (slowest)", u + "&accessKeyId=" + rareKey, 10);
        p.deep("/usage?statusClass=5xx, next 10 pages (slowest)", u + "&statusClass=5xx", 10);

        // what the Logs page asks (LogsViewModel): every range, with retries, optionally one key; 10 pages of 100
        for (String[] range : new String[][] {{"last hour", h1}, {"last 24 h", h24}, {"last 7 days", d7},
                {"last 30 days", d30}}) {
            String logs = "/usage/requests?limit=100&includeRetries=true&startTime=" + range[1];
            p.deep("Logs " + range[0] + ": /usage/requests, 10 pages (slowest)", logs, 9);
            p.page("Logs " + range[0] + ", one key", logs + "&accessKeyId=" + busyKey);
        }
        p.page("/usage/requests, statusClass=5xx + provider", "/usage/requests?limit=100&statusClass=5xx"
                + "&provider=openai");

        for (String group : new String[] {"provider", "accessKey"}) {
            p.overview("/usage/overview, 30 days by " + group, "/usage/overview?groupBy=" + group + "&startTime=" + d30);
            p.overview("/usage/overview, 30 days by " + group + ", odd start/end", "/usage/overview?groupBy=" + group
                    + "&startTime=" + odd + "&endTime=" + enc(now.minusSeconds(97)));
        }
        System.out.println("missed=" + p.missed);
    }

    private static String enc(Instant t) {
        return URLEncoder.encode(t.toString(), StandardCharsets.UTF_8);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.mapper().readTree(r.body());
    }

    /** {median, slowest} in ms of RUNS timed calls after one warm-up; and the last answer. */
    private double[] time(String path, JsonNode[] last) throws Exception {
        last[0] = get(path);
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            last[0] = get(path);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[RUNS / 2], ms[RUNS - 1]};
    }

    private void page(String label, String path) throws Exception {
        JsonNode[] last = new JsonNode[1];
        double[] t = time(path, last);
        JsonNode rows = last[0].has("requests") ? last[0].get("requests") : last[0].get("aiGatewayUsage");
        print(label + " [" + rows.size() + " rows]", t, PAGE_TARGET_MS);
    }

    private void deep(String label, String first, int pages) throws Exception {
        List<String> uris = new ArrayList<>();
        String next = get(first).path("nextPageUri").asText(null);
        while (next != null && !next.isEmpty() && !next.equals("null") && uris.size() < pages) {
            uris.add(next);
            next = get(next).path("nextPageUri").asText(null);
        }
        double[] worst = {0, 0};
        JsonNode[] last = new JsonNode[1];
        for (String uri : uris) {
            double[] t = time(uri, last);
            worst[0] = Math.max(worst[0], t[0]);
            worst[1] = Math.max(worst[1], t[1]);
        }
        print(label + " [" + uris.size() + " pages]", worst, PAGE_TARGET_MS);
    }

    private void overview(String label, String path) throws Exception {
        JsonNode[] last = new JsonNode[1];
        double[] t = time(path, last);
        print(label + " [" + last[0].path("totals").path("requests").asLong() + " requests]", t, OVERVIEW_TARGET_MS);
    }

    private void print(String label, double[] t, double target) {
        boolean ok = t[0] <= target;
        if (!ok) {
            missed++;
        }
        System.out.printf(Locale.ROOT, "%-72s %7.1fms %7.1fms   ≤ %.0f ms: %s%n", label, t[0], t[1], target,
                ok ? "ok" : "MISSED");
    }
}
