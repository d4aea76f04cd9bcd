package dev.switchboard.viewmodel.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.testing.ModelServers;
import dev.switchboard.viewmodel.BackgroundTasks;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Against a hosted gateway (here a loopback stand-in speaking the hosted API's schema), which has no
 * {@code /usage/requests}: the Logs page reads the schema's {@code /usage} events instead, and asks
 * for the extension only once.
 */
class LogsHostedFallbackTest {
    private static final String EVENT = "{\"id\":\"aigu_1\",\"eventTime\":\"%s\",\"requestId\":\"rq_hosted1\","
            + "\"accessKeyId\":\"aigk_1\",\"provider\":\"my-workstation-vllm\",\"providerDisplayName\":\"Workstation\","
            + "\"model\":\"qwen2.5-coder-32b-instruct-q4_K_M\",\"modelDisplayName\":\"qwen2.5-coder\",\"attemptNumber\":1,"
            + "\"isFinalAttempt\":true,\"statusCode\":200,\"timedOut\":false,\"isError\":false,\"isStreaming\":true,"
            + "\"stopReason\":\"stop\",\"inputTokens\":12,\"outputTokens\":30,\"cacheReadTokens\":0,\"reasoningTokens\":0,"
            + "\"totalCost\":\"0.00012\",\"keySource\":\"user\",\"providerKeyId\":\"aigpk_1\","
            + "\"providerKeyDisplayName\":\"sk-w***AAAA\"}";

    @Test
    void withoutTheExtensionTheRowsComeFromUsageEvents() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        String eventTime = Instant.now().minusSeconds(30).toString();
        try (MockWebServer hosted = ModelServers.mockWebServer()) {
            hosted.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String path = request.getUrl().encodedPath();
                    asked.add(path + (request.getUrl().queryParameter("startTime") != null ? "?startTime" : ""));
                    String body = switch (path) {
                        case "/access-keys" -> "{\"aiGatewayAccessKeys\":[{\"id\":\"aigk_1\",\"name\":\"laptop\","
                                + "\"uri\":\"u\",\"keyRedacted\":\"ng-***1\"}],\"uri\":\"u\",\"nextPageUri\":null}";
                        case "/providers" -> "{\"aiGatewayProviders\":[],\"uri\":\"u\",\"nextPageUri\":null}";
                        case "/usage" -> "{\"aiGatewayUsage\":[" + EVENT.formatted(eventTime) + "],\"uri\":\"u\","
                                + "\"nextPageUri\":null}";
                        default -> null;
                    };
                    return body == null
                            ? new MockResponse.Builder().code(404).body("{\"errorCode\":\"ERR_NGROK_404\",\"statusCode\":404,"
                                    + "\"msg\":\"Not found\",\"details\":{}}").build()
                            : new MockResponse.Builder().body(body).addHeader("Content-Type", "application/json").build();
                }
            });
            hosted.start(InetAddress.getLoopbackAddress(), 0);
            String url = "http://127.0.0.1:" + hosted.getPort();
            try (GatewayClient client = GatewayClient.builder().controlPlaneUrl(url).dataPlaneUrl(url)
                    .apiKey("sk-hosted-test").build()) {
                LogsViewModel vm = new LogsViewModel(() -> client, BackgroundTasks.direct(), Clock.systemUTC(),
                        ZoneOffset.UTC);
                vm.reload().join();
                vm.poll().join();

                assertThat(vm.rows()).hasSize(1);
                LogRow row = vm.rows().get(0);
                assertThat(row.modelRef()).isEqualTo("my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M");
                assertThat(row.status()).isEqualTo(200);
                assertThat(row.keyName()).isEqualTo("laptop");
                assertThat(row.tokensText()).isEqualTo("12 → 30");
                assertThat(row.error()).isFalse();
            }
        }
        assertThat(asked).filteredOn(p -> p.startsWith("/usage/requests")).as("asked once, then remembered").hasSize(1);
        assertThat(asked).filteredOn(p -> p.equals("/usage?startTime")).as("the schema's startTime is sent").hasSize(2);
    }
}
