package dev.switchboard.gateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.api.UsageEvent;
import dev.switchboard.api.RequestLog;
import dev.switchboard.gateway.usage.UsageLog;
import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request log end to end: calls through the real data plane, read back through the embedded
 * {@code GET /usage/requests} extension (and {@code /usage/overview}).
 */
class UsageLogTest {
    private static final String CHAT = "/v1/chat/completions";
    private static final String OK_BODY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    @TempDir
    static Path dataDir;
    static GatewayFixture gw;

    MockWebServer upstream;
    String provider;
    String token;
    String accessKeyId;

    @BeforeAll
    static void startGateway() {
        gw = new GatewayFixture(dataDir);
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        upstream = ModelServers.mockWebServer();
        upstream.start();
        provider = GatewayFixture.newProviderId("logged");
        gw.provider(provider, upstream.url("/").toString(), List.of("openai/chat-completions"),
                List.of("llama3.2", "other"));
        String keyA = gw.providerKey(provider, "primary", "sk-primary-VALUE-4242");
        String keyB = gw.providerKey(provider, "backup", "sk-backup-VALUE-4343");
        String config = gw.configuration("{\"models\":{\"allow\":[\"" + provider + ":llama3.2\"]}}",
                "{\"rules\":[{\"provider\":\"" + provider + "\",\"steps\":[{\"type\":\"user\",\"keys\":[{\"id\":\"" + keyA
                        + "\"},{\"id\":\"" + keyB + "\"}]}]}]}");
        JsonNode key = gw.admin("POST", "/access-keys", Json.mapper().createObjectNode()
                .put("name", "usage-key").put("accessKeyConfigurationId", config));
        token = key.get("token").asText();
        accessKeyId = key.get("id").asText();
        gw.gatewayConfig("{\"totalTimeout\":\"20s\",\"perRequestTimeout\":\"10s\"}");
    }

    @AfterEach
    void tearDown() {
        upstream.close();
    }

    private String chat(String model, String prompt) throws IOException {
        try (Response r = gw.post(CHAT, token, "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}")) {
            r.body().string();
            return r.header("Ngrok-AIG-Request-Id");
        }
    }

    private List<UsageEvent> eventsOf(String requestId, int expected) {
        List<UsageEvent> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            found.clear();
            RequestLog page = usage("/usage/requests?includeRetries=true&accessKeyId=" + accessKeyId);
            page.requests().stream().filter(e -> e.requestId().equals(requestId)).forEach(found::add);
            assertThat(found).hasSize(expected);
        });
        found.sort((a, b) -> Integer.compare(a.attemptNumber(), b.attemptNumber()));
        return found;
    }

    private static RequestLog usage(String pathAndQuery) throws IOException {
        return Json.mapper().treeToValue(gw.admin("GET", pathAndQuery, null), RequestLog.class);
    }

    @Test
    void aSuccessfulCallIsOneFinalEventWithTokensStopReasonAndTimings() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).addHeader("Content-Type", "application/json").build());
        String rq = chat(provider + ":llama3.2", "hello");

        UsageEvent e = eventsOf(rq, 1).get(0);
        assertThat(e.id()).startsWith("aigu_");
        assertThat(e.accessKeyId()).isEqualTo(accessKeyId);
        assertThat(e.provider()).isEqualTo(provider);
        assertThat(e.model()).isEqualTo("llama3.2");
        assertThat(e.attemptNumber()).isEqualTo(1);
        assertThat(e.isFinalAttempt()).isTrue();
        assertThat(e.statusCode()).isEqualTo(200);
        assertThat(e.isError()).isFalse();
        assertThat(e.timedOut()).isFalse();
        assertThat(e.isStreaming()).isFalse();
        assertThat(e.stopReason()).isEqualTo("stop");
        assertThat(e.inputTokens()).isEqualTo(3L);
        assertThat(e.outputTokens()).isEqualTo(1L);
        assertThat(e.keySource()).isEqualTo("user");
        assertThat(e.providerKeyId()).startsWith("aigpk_");
        assertThat(e.latencyMs()).isGreaterThanOrEqualTo(0);
        assertThat(e.ttftMs()).isNotNull();
        assertThat(e.surface()).isEqualTo("chat-completions");
    }

    @Test
    void failoverWritesOneEventPerAttemptAndOnlyTheLastIsFinal() throws Exception {
        upstream.enqueue(new MockResponse.Builder().code(500).body("{\"error\":\"boom\"}").build());
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).addHeader("Content-Type", "application/json").build());
        String rq = chat(provider + ":llama3.2", "hello");

        List<UsageEvent> events = eventsOf(rq, 2);
        assertThat(events.get(0).attemptNumber()).isEqualTo(1);
        assertThat(events.get(0).statusCode()).isEqualTo(500);
        assertThat(events.get(0).isError()).isTrue();
        assertThat(events.get(0).isFinalAttempt()).isFalse();
        assertThat(events.get(1).attemptNumber()).isEqualTo(2);
        assertThat(events.get(1).statusCode()).isEqualTo(200);
        assertThat(events.get(1).isFinalAttempt()).isTrue();
        assertThat(events.get(0).providerKeyId()).isNotEqualTo(events.get(1).providerKeyId());

        // Without includeRetries only the final attempt is listed.
        RequestLog finals = usage("/usage/requests?accessKeyId=" + accessKeyId);
        assertThat(finals.requests()).filteredOn(e -> e.requestId().equals(rq)).singleElement()
                .extracting(UsageEvent::attemptNumber).isEqualTo(2);
    }

    @Test
    void aTimedOutAttemptIsMarkedTimedOut() throws Exception {
        gw.gatewayConfig("{\"perRequestTimeout\":\"1s\"}");
        upstream.enqueue(new MockResponse.Builder().headersDelay(3, java.util.concurrent.TimeUnit.SECONDS)
                .body(OK_BODY).build());
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).addHeader("Content-Type", "application/json").build());
        String rq = chat(provider + ":llama3.2", "hello");

        List<UsageEvent> events = eventsOf(rq, 2);
        assertThat(events.get(0).timedOut()).isTrue();
        assertThat(events.get(0).isError()).isTrue();
        assertThat(events.get(1).timedOut()).isFalse();
        assertThat(events.get(1).statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusedRequestIsLoggedAsAttemptZeroAndNothingGoesUpstream() throws Exception {
        String rq = chat(provider + ":other", "hello");

        UsageEvent e = eventsOf(rq, 1).get(0);
        assertThat(e.attemptNumber()).isZero();
        assertThat(e.isFinalAttempt()).isTrue();
        assertThat(e.statusCode()).isEqualTo(422);
        assertThat(e.isError()).isTrue();
        assertThat(e.error()).contains("ERR_NGROK_3803");
        assertThat(e.provider()).isEqualTo(provider);
        assertThat(e.model()).isEqualTo("other");
        assertThat(upstream.getRequestCount()).isZero();

        RequestLog errors = usage("/usage/requests?statusClass=4xx&provider=" + provider);
        assertThat(errors.requests()).extracting(UsageEvent::requestId).contains(rq);
        RequestLog successes = usage("/usage/requests?statusClass=2xx&provider=" + provider);
        assertThat(successes.requests()).extracting(UsageEvent::requestId).doesNotContain(rq);
    }

    @Test
    void pagesFollowTheCursorNewestFirstWithoutRepeats() throws Exception {
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            upstream.enqueue(new MockResponse.Builder().body(OK_BODY).addHeader("Content-Type", "application/json").build());
            sent.add(chat(provider + ":llama3.2", "n" + i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() ->
                usage("/usage/requests?limit=100&provider=" + provider).requests().size() == 5);

        List<String> seen = new ArrayList<>();
        String next = "/usage/requests?limit=2&provider=" + provider;
        int pages = 0;
        while (next != null) {
            RequestLog page = usage(next.startsWith("http") ? next.substring(gw.base.length()) : next);
            page.requests().forEach(e -> seen.add(e.requestId()));
            next = page.nextPageUri();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
        List<String> newestFirst = new ArrayList<>(sent);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void overviewGroupsTodaysRequestsAndErrorsByProviderAndByKey() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).addHeader("Content-Type", "application/json").build());
        String ok = chat(provider + ":llama3.2", "hello");
        String refused = chat(provider + ":other", "hello");
        eventsOf(ok, 1);
        eventsOf(refused, 1);

        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "T00:00:00Z";
        JsonNode byProvider = gw.admin("GET", "/usage/overview?groupBy=provider&startTime=" + today, null);
        JsonNode group = null;
        for (JsonNode bucket : byProvider.get("buckets")) {
            if (provider.equals(bucket.path("groupKey").asText())) {
                group = bucket;
            }
        }
        assertThat(group).as("a bucket for %s in %s", provider, byProvider).isNotNull();
        assertThat(group.get("bucketStart").asText()).isEqualTo(today);
        // a request refused before any upstream attempt is no usage event, so not in the overview
        assertThat(group.get("requests").asLong()).isEqualTo(1);
        assertThat(group.get("errors").asLong()).isZero();
        assertThat(group.get("cost").asText()).isEqualTo("0");
        assertThat(byProvider.at("/totals/requests").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(gw.admin("GET", "/usage/requests?limit=1", null).get("droppedEvents").asLong()).isZero();

        JsonNode byKey = gw.admin("GET", "/usage/overview?groupBy=accessKey&startTime=" + today, null);
        assertThat(byKey.toString()).contains(accessKeyId);
    }

    @Test
    void badQueryParametersAre400WithTheField() throws Exception {
        for (String[] c : new String[][] {
                {"/usage/overview?groupBy=model&startTime=2026-01-01T00:00:00Z", "groupBy"},
                {"/usage?startTime=yesterday", "startTime"},
                {"/usage", "startTime"},
                {"/usage/overview", "startTime"},
                {"/usage?endTime=%2B999999999-12-31T23:59:59Z&startTime=2026-01-01T00:00:00Z", "endTime"},
                {"/usage/overview?startTime=-999999999-01-01T00:00:00Z", "startTime"},
                {"/usage/requests?statusClass=7xx", "statusClass"},
                {"/usage?startTime=2026-01-01T00:00:00Z&includeRetries=maybe", "includeRetries"},
                {"/usage/requests?cursor=abc", "cursor"},
                {"/usage?startTime=2026-01-01T00:00:00Z&limit=0", "limit"}}) {
            Request req = new Request.Builder().url(gw.base + c[0])
                    .header("Authorization", "Bearer " + gw.gateway.adminKey()).build();
            try (Response r = gw.http.newCall(req).execute()) {
                JsonNode body = Json.mapper().readTree(r.body().string());
                assertThat(r.code()).as(c[0]).isEqualTo(400);
                assertThat(body.path("details").toString()).as(c[0]).contains(c[1]);
                assertThat(body.path("msg").asText()).as(c[0]).isNotBlank();
            }
        }
    }

    @Test
    void theLogHoldsNoPromptTextAndNoSecrets() throws Exception {
        upstream.enqueue(new MockResponse.Builder().body(OK_BODY).addHeader("Content-Type", "application/json").build());
        String rq = chat(provider + ":llama3.2", "PROMPT-MARKER-8d1f");
        eventsOf(rq, 1);
        String refused = chat(provider + ":other", "PROMPT-MARKER-8d1f");
        eventsOf(refused, 1);
        gw.gateway.store().usageRecorder().flush(Duration.ofSeconds(5));

        Set<String> secrets = new HashSet<>(List.of("PROMPT-MARKER-8d1f", "sk-primary-VALUE-4242",
                "sk-backup-VALUE-4343", token, gw.gateway.adminKey()));
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().startsWith(UsageLog.FILE_NAME))::iterator) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String s : secrets) {
                    assertThat(bytes).as("%s must not hold a secret or prompt", f.getFileName()).doesNotContain(s);
                }
            }
        }
        String api = gw.admin("GET", "/usage/requests?includeRetries=true&limit=100", null).toString()
                + gw.admin("GET", "/usage?startTime=2026-01-01T00:00:00Z&includeRetries=true&limit=100", null);
        for (String s : secrets) {
            assertThat(api).doesNotContain(s);
        }
    }
}
