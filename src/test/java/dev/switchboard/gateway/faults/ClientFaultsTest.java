package dev.switchboard.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.dataplane.GatewayFixture;
import dev.switchboard.testing.ModelServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the client: it hangs up mid-answer (the model server's call is closed too, within a second,
 * even while the model server is silent), it sends its body a byte at a time, too much body, too many
 * headers, or keeps a thousand connections open doing nothing; others are still served meanwhile.
 */
class ClientFaultsTest {
    private static final String CHAT = "/v1/chat/completions";
    private static final String OK_BODY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}";
    private static final String EVENT = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t\"}}]}\n\n";
    /** How soon the gateway must hang up on the model server once its client has gone. */
    private static final Duration HANG_UP_WITHIN = Duration.ofSeconds(1);

    @TempDir
    static Path dataDir;
    static GatewayFixture gw;
    static OkHttpClient client;

    String token;
    final List<AutoCloseable> closeAfter = new ArrayList<>();

    @BeforeAll
    static void startGateway() {
        gw = new GatewayFixture(dataDir);
        client = gw.http.newBuilder().callTimeout(Duration.ofSeconds(20)).build();
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    @BeforeEach
    void setUp() {
        token = gw.accessKey(null);
        gw.gatewayConfig("{\"totalTimeout\":\"60s\",\"perRequestTimeout\":\"60s\",\"maxInputTokens\":null,\"maxOutputTokens\":null}");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    private String provider(String baseUrl) {
        String id = GatewayFixture.newProviderId("model");
        gw.provider(id, baseUrl, List.of("openai/chat-completions"), List.of("m"));
        return id;
    }

    private static String chat(String providerId, boolean stream) {
        return "{\"model\":\"" + providerId + ":m\"" + (stream ? ",\"stream\":true" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private RawModelServer raw(RawModelServer.Script script) throws IOException {
        RawModelServer r = new RawModelServer(script);
        closeAfter.add(r);
        return r;
    }

    private MockWebServer answering(int answers) throws IOException {
        MockWebServer m = ModelServers.mockWebServer();
        m.start();
        closeAfter.add(m);
        for (int i = 0; i < answers; i++) {
            m.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(OK_BODY).build());
        }
        return m;
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.gateway.port());
        s.setSoTimeout(20_000);
        return s;
    }

    private String requestHead(String body, boolean chunked) {
        return "POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                + "\r\n";
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            seen.write(c);
            if (seen.toString(StandardCharsets.UTF_8).endsWith(end)) {
                break;
            }
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    /** A served chat completion, as a check that the gateway still answers others. */
    private void assertServed(String providerId) throws IOException {
        try (Response r = client.newCall(new Request.Builder().url(gw.base + CHAT).header("Authorization", "Bearer " + token)
                .post(RequestBody.create(chat(providerId, false), GatewayFixture.JSON)).build()).execute()) {
            assertThat(r.code()).isEqualTo(200);
            assertThat(r.body().string()).contains("\"hi\"");
        }
    }

    // ---- the client hangs up ----

    @Test
    void aClientGoneMidStreamWhileTheModelServerIsSilentClosesTheUpstreamCall() throws Exception {
        List<Long> upstreamClosedAt = new CopyOnWriteArrayList<>();
        RawModelServer model = raw(x -> {
            x.chunkedHead(200, "text/event-stream");
            x.chunk(EVENT);
            // ...and then nothing: only a hang-up from the gateway ends this.
            upstreamClosedAt.add(x.awaitClosedByGateway(Duration.ofSeconds(30)));
        });
        String body = chat(provider(model.url()), true);
        long clientClosedAt;
        try (Socket s = connect()) {
            s.getOutputStream().write((requestHead(body, false) + body).getBytes(StandardCharsets.UTF_8));
            assertThat(readUntil(s.getInputStream(), "\n\n")).startsWith("HTTP/1.1 200").contains("\"t\"");
            clientClosedAt = System.nanoTime();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !upstreamClosedAt.isEmpty());
        assertThat(upstreamClosedAt.get(0)).as("the model server's connection was closed").isPositive();
        assertThat(Duration.ofNanos(upstreamClosedAt.get(0) - clientClosedAt)).isLessThan(HANG_UP_WITHIN);
        assertThat(model.failures()).isEmpty();
    }

    @Test
    void aClientGoneBeforeAnyAnswerClosesTheUpstreamCall() throws Exception {
        List<Long> upstreamClosedAt = new CopyOnWriteArrayList<>();
        RawModelServer model = raw(x -> upstreamClosedAt.add(x.awaitClosedByGateway(Duration.ofSeconds(30))));
        String body = chat(provider(model.url()), false);
        long clientClosedAt;
        try (Socket s = connect()) {
            s.getOutputStream().write((requestHead(body, false) + body).getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> model.requestCount() == 1);
            clientClosedAt = System.nanoTime();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !upstreamClosedAt.isEmpty());
        assertThat(upstreamClosedAt.get(0)).as("the model server's connection was closed").isPositive();
        assertThat(Duration.ofNanos(upstreamClosedAt.get(0) - clientClosedAt)).isLessThan(HANG_UP_WITHIN);
    }

    @Test
    void aClientGoneMidStreamWhileTheModelServerWritesClosesTheUpstreamCall() throws Exception {
        List<Long> upstreamClosedAt = new CopyOnWriteArrayList<>();
        RawModelServer model = raw(x -> {
            x.chunkedHead(200, "text/event-stream");
            try {
                for (int i = 0; i < 600; i++) {
                    x.chunk(EVENT);
                    Thread.sleep(50);
                }
            } catch (IOException gatewayHungUp) {
                upstreamClosedAt.add(System.nanoTime());
            }
        });
        String body = chat(provider(model.url()), true);
        long clientClosedAt;
        try (Socket s = connect()) {
            s.getOutputStream().write((requestHead(body, false) + body).getBytes(StandardCharsets.UTF_8));
            readUntil(s.getInputStream(), "\n\n");
            readUntil(s.getInputStream(), "\n\n");
            clientClosedAt = System.nanoTime();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !upstreamClosedAt.isEmpty());
        // A write can succeed once after the peer closed; the next one fails. Events are 50 ms apart.
        assertThat(Duration.ofNanos(upstreamClosedAt.get(0) - clientClosedAt)).isLessThan(HANG_UP_WITHIN);
    }

    @Test
    void aKeptAliveConnectionStillServesItsNextRequestAfterAStream() throws Exception {
        // The hang-up watch must not eat the next request on the same connection.
        MockWebServer model = answering(0);
        model.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body(EVENT + "data: [DONE]\n\n").build());
        model.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(OK_BODY).build());
        String id = provider(model.url("/").toString());
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            String first = chat(id, true);
            out.write((requestHead(first, false) + first).getBytes(StandardCharsets.UTF_8));
            assertThat(readUntil(in, "data: [DONE]\n\n\r\n0\r\n\r\n")).startsWith("HTTP/1.1 200");
            String second = chat(id, false);
            out.write((requestHead(second, false) + second).getBytes(StandardCharsets.UTF_8));
            assertThat(readUntil(in, "\"finish_reason\":\"stop\"}]}")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aRequestPipelinedWhileAnAnswerIsPendingIsServedNext() throws Exception {
        // The hang-up watch reads the first byte of the next request; it must go back to the connection.
        java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
        RawModelServer slow = raw(x -> {
            answer.await(20, java.util.concurrent.TimeUnit.SECONDS);
            x.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + OK_BODY.length()
                    + "\r\nConnection: close\r\n\r\n" + OK_BODY);
        });
        String first = chat(provider(slow.url()), false);
        String second = chat(provider(answering(1).url("/").toString()), true).replace(",\"stream\":true", "");
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write((requestHead(first, false) + first).getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.requestCount() == 1);
            out.write((requestHead(second, false) + second).getBytes(StandardCharsets.UTF_8));
            answer.countDown();
            InputStream in = s.getInputStream();
            assertThat(readUntil(in, "\"finish_reason\":\"stop\"}]}")).startsWith("HTTP/1.1 200");
            assertThat(readUntil(in, "\"finish_reason\":\"stop\"}]}")).startsWith("HTTP/1.1 200");
        }
    }

    // ---- the client sends too slowly, or too much ----

    @Test
    void bodiesSentAByteAtATimeAreCutAtTheTotalTimeoutWhileOthersAreServed() throws Exception {
        gw.gatewayConfig("{\"perRequestTimeout\":\"2s\",\"totalTimeout\":\"2s\"}");
        MockWebServer model = answering(3);
        String id = provider(model.url("/").toString());
        String body = chat(id, false);
        // More slow clients than the server has threads: none of them may hold one.
        int slow = 80;
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < slow; i++) {
            Socket s = connect();
            closeAfter.add(s);
            s.getOutputStream().write(requestHead(body, false).getBytes(StandardCharsets.UTF_8));
            sockets.add(s);
        }
        Thread dripper = new Thread(() -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try {
                for (int i = 0; i < bytes.length - 1; i++) {
                    for (Socket s : sockets) {
                        try {
                            s.getOutputStream().write(bytes[i]);
                        } catch (IOException closed) {
                            // this one was answered and closed
                        }
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dripper");
        dripper.setDaemon(true);
        dripper.start();
        closeAfter.add(dripper::interrupt);
        for (int i = 0; i < 3; i++) {
            assertServed(id);
        }
        for (Socket s : sockets) {
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408");
            JsonNode error = Json.mapper().readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4)).path("error");
            assertThat(error.path("message").asText()).contains("totalTimeout");
        }
        assertThat(model.getRequestCount()).isEqualTo(3);
    }

    @Test
    void anOversizedBodyIs413WithTheErrorJson() throws Exception {
        MockWebServer model = answering(1);
        String id = provider(model.url("/").toString());
        byte[] big = ("{\"model\":\"" + id + ":m\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(33 << 20) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        try (Response r = client.newCall(new Request.Builder().url(gw.base + CHAT).header("Authorization", "Bearer " + token)
                .post(RequestBody.create(big, GatewayFixture.JSON)).build()).execute()) {
            assertThat(r.code()).isEqualTo(413);
            JsonNode error = Json.mapper().readTree(r.body().string()).path("error");
            assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.path("message").asText()).contains("MB");
        }
        // The same without a declared length (chunked): read up to the limit, then refused the same way.
        RequestBody chunked = new RequestBody() {
            @Override
            public okhttp3.MediaType contentType() {
                return GatewayFixture.JSON;
            }

            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(big);
            }
        };
        try (Response r = client.newCall(new Request.Builder().url(gw.base + CHAT).header("Authorization", "Bearer " + token)
                .post(chunked).build()).execute()) {
            assertThat(r.code()).isEqualTo(413);
            assertThat(Json.mapper().readTree(r.body().string()).path("error").path("message").asText()).contains("MB");
        }
        assertThat(model.getRequestCount()).isZero();
        assertServed(id);
    }

    @Test
    void oversizedHeadersAreRefusedWithoutA5xx() throws Exception {
        String head = "POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n";
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put(head + "X-Big: " + "h".repeat(64 << 10) + "\r\nContent-Length: 0\r\n\r\n", "431");
        refusals.put(head + "X-Many: header\r\n".repeat(4000) + "Content-Length: 0\r\n\r\n", "431");
        refusals.put(head.replace(CHAT, CHAT + "?q=" + "u".repeat(64 << 10)) + "Content-Length: 0\r\n\r\n", "414");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            try (Socket s = connect()) {
                String answer;
                try {
                    s.getOutputStream().write(refusal.getKey().getBytes(StandardCharsets.US_ASCII));
                    answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException closedWhileSending) {
                    answer = ""; // the server answered and closed before the client finished sending: also clean
                }
                if (!answer.isEmpty()) {
                    assertThat(answer).startsWith("HTTP/1.1 " + refusal.getValue() + " ");
                    if (refusal.getValue().equals("431")) {
                        // the path was read: the data plane's error shape (OpenAI's, for chat completions)
                        assertThat(answer).contains("{\"error\":{\"message\":", "\"type\":\"invalid_request_error\"");
                    } else {
                        // the request line was never read whole, so no path is known: the server's own shape
                        assertThat(answer).contains("\"errorCode\"", "\"statusCode\":" + refusal.getValue());
                    }
                }
            }
        }
        String id = provider(answering(1).url("/").toString());
        assertServed(id);
    }

    // ---- a thousand idle connections ----

    @Test
    void aThousandIdleConnectionsDoNotStopOthersBeingServed() throws Exception {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            Assumptions.assumeTrue(os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() > 2_500,
                    "needs about 2,000 free file descriptors (ulimit -n)");
        }
        MockWebServer model = answering(10);
        String id = provider(model.url("/").toString());
        List<Socket> idle = new ArrayList<>();
        long started = System.nanoTime();
        try {
            for (int i = 0; i < 1000; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.gateway.port());
                if (i % 2 == 1) {
                    // half have begun a request and stopped mid-headers
                    s.getOutputStream().write(("POST " + CHAT + " HTTP/1.1\r\nHost: 127.0.0.1\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                idle.add(s);
            }
            long opened = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                assertServed(id);
            }
            System.out.printf("1000 idle connections opened in %d ms; 10 requests served in %d ms%n",
                    (opened - started) / 1_000_000, (System.nanoTime() - opened) / 1_000_000);
            assertThat(gw.admin("GET", "/providers?limit=100", null).findValuesAsText("providerId")).contains(id);
            // ...and the idle ones are still connected, not dropped to make room
            Socket probe = idle.get(0);
            probe.setSoTimeout(100);
            assertThatThrownBy(() -> probe.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
        assertThat(model.getRequestCount()).isEqualTo(10);
    }
}
