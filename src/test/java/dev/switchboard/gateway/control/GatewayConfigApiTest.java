package dev.switchboard.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.GatewayConfig;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.GatewayHarness.Answer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayConfigApiTest {
    @TempDir
    static Path shared;
    static GatewayHarness gw;

    @BeforeAll
    static void start() {
        gw = new GatewayHarness(shared);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void defaultsThenPatchOmitAndNull(@TempDir Path data) {
        try (GatewayHarness gw = new GatewayHarness(data)) {
            Answer initial = gw.get("/gateway-config");
            assertThat(initial.status()).isEqualTo(200);
            assertThat(initial.raw().body()).isEqualTo("{\"accountId\":\"embedded\",\"uri\":\"" + gw.gateway.baseUrl()
                    + "/gateway-config\",\"totalTimeout\":\"120s\",\"perRequestTimeout\":\"60s\","
                    + "\"maxInputTokens\":null,\"maxOutputTokens\":null,\"metadata\":null}");
            assertThat(gw.call("HEAD", "/gateway-config", null).status()).isEqualTo(200);

            Answer set = gw.patch("/gateway-config", "{\"totalTimeout\": \"2m\", \"perRequestTimeout\": \"1m30s\","
                    + " \"maxInputTokens\": 8000, \"maxOutputTokens\": 2000}");
            assertThat(set.status()).isEqualTo(200);
            assertThat(gw.gateway.store().gatewayConfig().get()).isEqualTo(new GatewayConfig("embedded",
                    "/gateway-config", "2m", "1m30s", 8000L, 2000L, null));
            Answer omitted = gw.patch("/gateway-config", "{\"maxOutputTokens\": null}");
            assertThat(omitted.json().get("maxInputTokens").asLong()).isEqualTo(8000);
            assertThat(omitted.json().get("maxOutputTokens").isNull()).isTrue();
            assertThat(omitted.json().get("totalTimeout").asText()).isEqualTo("2m");

            assertThat(gw.post("/gateway-config", "{}").status()).isEqualTo(405);
            assertThat(gw.delete("/gateway-config").status()).isEqualTo(405);
            assertThat(gw.get("/gateway-config/x").status()).isEqualTo(404);

            gw.restart();
            assertThat(gw.get("/gateway-config").json().get("perRequestTimeout").asText()).isEqualTo("1m30s");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"totalTimeout\": \"30\"}|totalTimeout",
            "{\"totalTimeout\": \"30 s\"}|totalTimeout",
            "{\"totalTimeout\": \"-5s\"}|totalTimeout",
            "{\"totalTimeout\": \"0s\"}|totalTimeout",
            "{\"totalTimeout\": \"5d\"}|totalTimeout",
            "{\"totalTimeout\": \"25h\"}|totalTimeout",
            "{\"totalTimeout\": 30}|totalTimeout",
            "{\"totalTimeout\": null}|totalTimeout",
            "{\"perRequestTimeout\": \"\"}|perRequestTimeout",
            "{\"perRequestTimeout\": \"3m\"}|perRequestTimeout",
            "{\"totalTimeout\": \"10s\"}|totalTimeout",
            "{\"maxInputTokens\": 0}|maxInputTokens",
            "{\"maxInputTokens\": -3}|maxInputTokens",
            "{\"maxInputTokens\": 1.5}|maxInputTokens",
            "{\"maxOutputTokens\": \"100\"}|maxOutputTokens"
    })
    void validation(String body, String field) {
        Answer a = gw.patch("/gateway-config", body);
        assertThat(a.status()).as(a.toString()).isEqualTo(422);
        assertThat(a.field()).isEqualTo(field);
        assertThat(gw.get("/gateway-config").json().get("totalTimeout").asText()).isEqualTo("120s");
    }

    @Test
    void unknownFieldIsRejected() {
        Answer a = gw.patch("/gateway-config", "{\"timeout\": \"5s\"}");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.errorCode()).isEqualTo(ErrorCodes.UNKNOWN_FIELD);
        assertThat(a.field()).isEqualTo("timeout");
    }
}
