package dev.switchboard.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.control.ErrorCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the body fuzzer found in the control plane, pinned: a body must be UTF-8 and its strings valid
 * Unicode, or it is a 400 and nothing is stored (before, such strings were stored as '?' behind a 2xx, and
 * a UTF-16 body parsed or not depending on its length). Bodies without a Content-Length are still read whole.
 */
class RequestBodyTextTest {
    @TempDir
    static Path data;
    static GatewayHarness gw;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        gw = new GatewayHarness(data);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static HttpResponse<String> post(String path, byte[] body, boolean chunked) throws Exception {
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofByteArray(body);
        if (chunked) {
            // no Content-Length: the publisher does not say how long the body is
            HttpRequest.BodyPublisher inner = publisher;
            publisher = new HttpRequest.BodyPublisher() {
                @Override
                public long contentLength() {
                    return -1;
                }

                @Override
                public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> s) {
                    inner.subscribe(s);
                }
            };
        }
        HttpRequest r = HttpRequest.newBuilder(URI.create(gw.gateway.baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + gw.gateway.adminKey()).header("Content-Type", "application/json")
                .POST(publisher).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] provider(String name, byte[] nameBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("{\"providerId\":\"" + name + "\",\"baseUrl\":\"http://localhost:1\",\"name\":\"")
                .getBytes(StandardCharsets.UTF_8));
        out.write(nameBytes);
        out.write("\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void assertRefused(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode json = Json.mapper().readTree(r.body());
        assertThat(json.get("errorCode").asText()).isEqualTo(ErrorCodes.BAD_REQUEST);
        assertThat(json.get("statusCode").asInt()).isEqualTo(400);
        assertThat(json.get("msg").asText()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5c7564383030", "612d5c7564666666", "5c75646333645c7564383364"})
    void aLoneSurrogateEscapeIs400AndNothingIsStored(String hexEscape) throws Exception {
        HttpResponse<String> r = post("/providers", provider("lone", HexFormat.of().parseHex(hexEscape)), false);
        assertRefused(r);
        assertThat(Json.mapper().readTree(r.body()).path("details").path("field").asText()).isEqualTo("name");
        assertThat(gw.get("/providers").json().get("aiGatewayProviders")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c080", "f4908080", "eda080", "ff", "e282"})
    void bytesThatAreNotUtf8Are400(String hex) throws Exception {
        assertRefused(post("/providers", provider("bytes", HexFormat.of().parseHex(hex)), false));
        assertThat(gw.get("/providers").json().get("aiGatewayProviders")).isEmpty();
    }

    @Test
    void utf16IsRefusedWhateverItsLength() throws Exception {
        for (int n : List.of(10, 12_873)) {
            String json = "{\"providerId\":\"u16\",\"baseUrl\":\"http://localhost:1\",\"name\":\"" + "u".repeat(n) + "\"}";
            assertRefused(post("/providers", json.getBytes(StandardCharsets.UTF_16), false));
        }
    }

    @Test
    void aPairedSurrogateIsFineAndReadsBackTheSame() throws Exception {
        HttpResponse<String> r = post("/providers", provider("emoji", "\\ud83d\\ude00 \u00e9".getBytes(StandardCharsets.UTF_8)),
                false);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(Json.mapper().readTree(r.body()).get("name").asText()).isEqualTo("\ud83d\ude00 \u00e9");
        gw.delete("/providers/" + Json.mapper().readTree(r.body()).get("id").asText());
    }

    @Test
    void aBodyWithoutContentLengthIsReadWholeUpToTheLimit() throws Exception {
        String metadata = "m".repeat(4000);
        // 200 KB of white space: the buffer grows several times past its first 16 KB
        byte[] ok = ("{" + " ".repeat(200_000) + "\"providerId\":\"chunked\",\"baseUrl\":\"http://localhost:1\","
                + "\"metadata\":\"" + metadata + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> created = post("/providers", ok, true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Json.mapper().readTree(created.body()).get("metadata").asText()).isEqualTo(metadata);
        gw.delete("/providers/" + Json.mapper().readTree(created.body()).get("id").asText());

        byte[] padded = ("{\"providerId\":\"chunked2\",\"baseUrl\":\"http://localhost:1\",\"metadata\":\"" + "x".repeat(300_000)
                + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> long_ = post("/providers", padded, true);
        assertThat(long_.statusCode()).as(long_.body()).isEqualTo(422);
        assertThat(Json.mapper().readTree(long_.body()).path("details").path("field").asText()).isEqualTo("metadata");

        byte[] over = ("{\"metadata\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> tooLarge = post("/providers", over, true);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(Json.mapper().readTree(tooLarge.body()).get("errorCode").asText()).isEqualTo(ErrorCodes.BODY_TOO_LARGE);
    }
}
