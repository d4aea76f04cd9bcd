package dev.switchboard.gateway.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.testing.ModelServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the body fuzzer found in the data plane, pinned. A value after the JSON object, bytes that are not
 * UTF-8 and strings with a lone surrogate are a {@code 400 ERR_NGROK_3801} before anything goes upstream
 * (before: accepted, or sent on as a body that was no JSON, or refused as a translation failure). And
 * {@code maxOutputTokens} holds for any number or non-number a client puts in the cap fields (before: a
 * 20-digit integer wrapped around to a small long and went upstream as sent).
 */
class RequestBodyEdgeCasesTest {
    private static final String OK = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
            + "{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}";

    @TempDir
    static Path dataDir;
    static GatewayFixture gw;
    static MockWebServer upstream;
    static String token;
    static String model;

    @BeforeAll
    static void start() throws IOException {
        upstream = ModelServers.mockWebServer();
        // every call answered at once: a body that should have been refused still gets an answer, so the test fails fast
        upstream.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().body(OK).build();
            }
        });
        upstream.start();
        gw = new GatewayFixture(dataDir);
        String provider = GatewayFixture.newProviderId("edge");
        gw.provider(provider, upstream.url("/").toString(), List.of("openai/chat-completions"), List.of("m"));
        model = provider + ":m";
        token = gw.accessKey(null);
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    @BeforeEach
    void noCapAndNothingRecorded() throws InterruptedException {
        gw.gatewayConfig("{\"maxOutputTokens\":null}");
        while (upstream.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
            // what an earlier test sent is not this test's
        }
    }

    private static Response post(String path, byte[] body) throws IOException {
        return gw.http.newCall(new Request.Builder().url(gw.base + path).header("Authorization", "Bearer " + token)
                .post(RequestBody.create(body, GatewayFixture.JSON)).build()).execute();
    }

    private static byte[] chatWithContent(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"").getBytes(StandardCharsets.UTF_8));
        out.write(content);
        out.write("\"}]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void assertRefused(Response r, boolean anthropic) throws IOException {
        String text = r.body().string();
        assertThat(r.code()).as(text).isEqualTo(400);
        assertThat(r.header(DataPlaneHandler.REQUEST_ID)).startsWith("rq_");
        JsonNode json = Json.mapper().readTree(text);
        if (anthropic) {
            assertThat(json.path("type").asText()).isEqualTo("error");
        }
        assertThat(json.path("error").path("code").asText()).isEqualTo("ERR_NGROK_3801");
        assertThat(json.path("error").path("message").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {" {\"model\":\"x\"}", "}", " x", ",", " null", "[]"})
    void aValueAfterTheObjectIs3801(String trailing) throws Exception {
        int before = upstream.getRequestCount();
        try (Response r = post("/v1/chat/completions", ("{\"model\":\"" + model + "\",\"messages\":[]}" + trailing)
                .getBytes(StandardCharsets.UTF_8))) {
            assertRefused(r, false);
        }
        assertThat(upstream.getRequestCount()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"f4908080", "c080", "eda080", "ff", "c328"})
    void bytesThatAreNotUtf8Are3801(String hex) throws Exception {
        int before = upstream.getRequestCount();
        try (Response r = post("/v1/chat/completions", chatWithContent(HexFormat.of().parseHex(hex)))) {
            assertRefused(r, false);
        }
        try (Response r = post("/v1/messages", chatWithContent(HexFormat.of().parseHex(hex)))) {
            assertRefused(r, true);
        }
        assertThat(upstream.getRequestCount()).isEqualTo(before);
    }

    @Test
    void utf16Is3801() throws Exception {
        try (Response r = post("/v1/chat/completions", ("{\"model\":\"" + model + "\",\"messages\":[]}")
                .getBytes(StandardCharsets.UTF_16))) {
            assertRefused(r, false);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\ud800", "a\\udfff", "\\ude00\\ud83d"})
    void aLoneSurrogateIs3801(String escape) throws Exception {
        int before = upstream.getRequestCount();
        try (Response r = post("/v1/chat/completions", chatWithContent(escape.getBytes(StandardCharsets.UTF_8)))) {
            assertRefused(r, false);
        }
        assertThat(upstream.getRequestCount()).isEqualTo(before);
    }

    @Test
    void aPairedSurrogateGoesUpstreamUnchanged() throws Exception {
        try (Response r = post("/v1/chat/completions", chatWithContent("\\ud83d\\ude00".getBytes(StandardCharsets.UTF_8)))) {
            assertThat(r.code()).isEqualTo(200);
        }
        JsonNode sent = Json.mapper().readTree(upstream.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        assertThat(sent.path("messages").get(0).path("content").asText()).isEqualTo("\ud83d\ude00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551617", "1" + "0000000000" + "0000000000" + "0000000000", "1e400", "-1e400",
            "50.5", "\"99999\"", "true", "{\"n\":1}"})
    void maxOutputTokensHoldsWhateverTheClientSends(String value) throws Exception {
        gw.gatewayConfig("{\"maxOutputTokens\":50}");
        try (Response r = post("/v1/chat/completions", ("{\"model\":\"" + model + "\",\"max_tokens\":" + value
                + ",\"max_completion_tokens\":" + value + ",\"messages\":[]}").getBytes(StandardCharsets.UTF_8))) {
            assertThat(r.code()).isEqualTo(200);
        }
        RecordedRequest sent = upstream.takeRequest(5, TimeUnit.SECONDS);
        JsonNode body = Json.mapper().readTree(sent.getBody().utf8());
        assertThat(body.get("max_tokens").isIntegralNumber() && body.get("max_tokens").asLong() == 50).as("%s", body).isTrue();
        assertThat(body.get("max_completion_tokens").asLong()).as("%s", body).isEqualTo(50);
    }

    @Test
    void aRequestUnderTheCapKeepsItsOwnLimit() throws Exception {
        gw.gatewayConfig("{\"maxOutputTokens\":50}");
        try (Response r = post("/v1/chat/completions", ("{\"model\":\"" + model + "\",\"max_tokens\":10,\"messages\":[]}")
                .getBytes(StandardCharsets.UTF_8))) {
            assertThat(r.code()).isEqualTo(200);
        }
        JsonNode body = Json.mapper().readTree(upstream.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        assertThat(body.get("max_tokens").asInt()).isEqualTo(10);
        assertThat(body.has("max_completion_tokens")).isFalse();
    }
}
