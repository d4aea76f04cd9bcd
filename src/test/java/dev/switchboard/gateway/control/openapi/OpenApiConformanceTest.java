package dev.switchboard.gateway.control.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.GatewayHarness.Answer;
import dev.switchboard.gateway.dataplane.GatewayFixture;
import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every operation the embedded gateway's control plane serves, answered by the real gateway and checked
 * against the hosted API's response schemas: required fields, types, nullability, additionalProperties
 * false. Errors are checked against the schema's Error.
 */
class OpenApiConformanceTest {
    private static final String OK_BODY = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";
    private static final String MODEL = "qwen2.5-coder-32b-instruct-q4_K_M";

    private final ResponseSchemas schemas = ResponseSchemas.load();
    private final List<String> violations = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();
    private GatewayHarness gw;

    private JsonNode expect(String what, Answer a, int status, String schema) {
        assertThat(a.status()).as("%s -> %s", what, a).isEqualTo(status);
        checked.add(what);
        if (schema == null) {
            assertThat(a.raw().body()).as(what + " has no body").isEmpty();
            return null;
        }
        assertThat(a.header("Content-Type")).as(what).startsWith("application/json");
        schemas.violations(schema, a.json()).forEach(v -> violations.add(what + " (" + schema + ") " + v));
        return a.json();
    }

    @Test
    void everyResponseOfEveryOperationMatchesTheSchema(@TempDir Path data) throws Exception {
        try (GatewayFixture fixture = new GatewayFixture(data); MockWebServer upstream = ModelServers.mockWebServer()) {
            upstream.start();
            gw = new GatewayHarness(fixture.gateway);
            String base = upstream.url("/v1").toString();

            // ---- providers
            String p = expect("POST /providers", gw.post("/providers", "{\"providerId\":\"my-workstation-vllm\","
                    + "\"name\":\"Workstation vLLM\",\"baseUrl\":\"" + base + "\",\"metadata\":\"desk\","
                    + "\"supportedApiSurfaces\":[{\"format\":\"openai\",\"surface\":\"chat-completions\","
                    + "\"supportedParams\":[{\"name\":\"temperature\"}]}],\"models\":[{\"modelId\":\"" + MODEL + "\"}]}"),
                    201, "AIGatewayProvider").get("id").asText();
            String bare = expect("POST /providers (only required fields)", gw.post("/providers",
                    "{\"providerId\":\"bare\",\"baseUrl\":\"" + base + "\"}"), 201, "AIGatewayProvider").get("id").asText();
            expect("GET /providers", gw.get("/providers?limit=1"), 200, "AIGatewayProviderList");
            expect("GET /providers/{id}", gw.get("/providers/" + p), 200, "AIGatewayProvider");
            expect("HEAD /providers/{id}", gw.call("HEAD", "/providers/" + p, null), 200, null);
            expect("PATCH /providers/{id} (clearing)", gw.patch("/providers/" + bare,
                    "{\"name\":null,\"metadata\":null,\"models\":[]}"), 200, "AIGatewayProvider");

            // ---- provider keys
            String key = expect("POST /provider-keys", gw.post("/provider-keys", "{\"providerId\":\"my-workstation-vllm\","
                    + "\"name\":\"primary\",\"value\":\"sk-workstation-0000-AAAA\"}"), 201,
                    "AIGatewayProviderAPIKeyDetail").get("id").asText();
            expect("POST /provider-keys (no name)", gw.post("/provider-keys", "{\"providerId\":\"my-workstation-vllm\","
                    + "\"value\":\"sk-bare-0000-DDDD\"}"), 201, "AIGatewayProviderAPIKeyDetail");
            expect("GET /provider-keys", gw.get("/provider-keys"), 200, "AIGatewayProviderAPIKeyList");
            expect("GET /provider-keys?provider=", gw.get("/provider-keys?provider=my-workstation-vllm"), 200,
                    "AIGatewayProviderAPIKeyList");
            expect("GET /provider-keys/{id}", gw.get("/provider-keys/" + key), 200, "AIGatewayProviderAPIKeyDetail");
            expect("PATCH /provider-keys/{id}", gw.patch("/provider-keys/" + key, "{\"description\":\"d\",\"metadata\":null}"),
                    200, "AIGatewayProviderAPIKeyDetail");
            expect("POST /provider-keys/{id}/rotate", gw.post("/provider-keys/" + key + "/rotate",
                    "{\"name\":\"primary\",\"value\":\"sk-workstation-0001-BBBB\"}"), 200, "AIGatewayProviderAPIKeyDetail");

            // ---- access key configurations
            String config = expect("POST /access-key-configurations", gw.post("/access-key-configurations",
                    "{\"name\":\"team-local\",\"description\":\"d\",\"access\":{\"providers\":{\"allow\":"
                            + "[\"my-workstation-vllm\"]},\"models\":{\"allow\":[\"my-workstation-vllm:" + MODEL + "\"]}},"
                            + "\"router\":{\"rules\":[{\"provider\":\"my-workstation-vllm\",\"steps\":[{\"type\":\"user\","
                            + "\"keys\":[{\"id\":\"" + key + "\"},{\"name\":\"inline\",\"value\":\"sk-inline-0000-CCCC\"}],"
                            + "\"keySelectionStrategy\":\"ordered\"}]}]}}"),
                    201, "AIGatewayAccessKeyConfiguration").get("id").asText();
            String plain = expect("POST /access-key-configurations (name only)", gw.post("/access-key-configurations",
                    "{\"name\":\"everything\"}"), 201, "AIGatewayAccessKeyConfiguration").get("id").asText();
            expect("GET /access-key-configurations", gw.get("/access-key-configurations"), 200,
                    "AIGatewayAccessKeyConfigurationList");
            expect("GET /access-key-configurations/{id}", gw.get("/access-key-configurations/" + config), 200,
                    "AIGatewayAccessKeyConfiguration");
            expect("PATCH /access-key-configurations/{id}", gw.patch("/access-key-configurations/" + plain,
                    "{\"access\":null,\"router\":null,\"description\":null}"), 200, "AIGatewayAccessKeyConfiguration");

            // ---- access keys
            JsonNode created = expect("POST /access-keys", gw.post("/access-keys", "{\"name\":\"laptop\","
                    + "\"accessKeyConfigurationId\":\"" + config + "\"}"), 201, "AIGatewayAccessKey");
            String accessKey = created.get("id").asText();
            String unnamed = expect("POST /access-keys (empty)", gw.post("/access-keys", "{}"), 201,
                    "AIGatewayAccessKey").get("id").asText();
            expect("GET /access-keys", gw.get("/access-keys"), 200, "AIGatewayAccessKeyList");
            expect("GET /access-keys/{id}", gw.get("/access-keys/" + accessKey), 200, "AIGatewayAccessKey");
            expect("PATCH /access-keys/{id}", gw.patch("/access-keys/" + unnamed,
                    "{\"accessKeyConfigurationId\":null,\"name\":null}"), 200, "AIGatewayAccessKey");

            // ---- gateway config
            expect("GET /gateway-config", gw.get("/gateway-config"), 200, "AIGatewayConfig");
            expect("PATCH /gateway-config", gw.patch("/gateway-config", "{\"metadata\":\"m\",\"maxInputTokens\":9000}"),
                    200, "AIGatewayConfig");

            // ---- usage, after a call through a provider key and one refused
            upstream.enqueue(new MockResponse.Builder().body(OK_BODY).addHeader("Content-Type", "application/json").build());
            String token = created.get("token").asText();
            try (Response r = fixture.post("/v1/chat/completions", token, "{\"model\":\"my-workstation-vllm:" + MODEL
                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
                assertThat(r.code()).isEqualTo(200);
            }
            try (Response r = fixture.post("/v1/chat/completions", token, "{\"model\":\"bare:x\",\"messages\":[]}")) {
                assertThat(r.code()).isEqualTo(422);
            }
            String today = LocalDate.now(ZoneOffset.UTC) + "T00:00:00Z";
            JsonNode usage = expect("GET /usage", gw.get("/usage?startTime=" + today + "&includeRetries=true"), 200,
                    "AIGatewayUsageList");
            assertThat(usage.get("aiGatewayUsage")).as("the call just made is listed").hasSize(1);
            JsonNode event = usage.at("/aiGatewayUsage/0");
            assertThat(event.get("keySource").asText()).isIn("ngrok", "user");
            assertThat(event.get("totalCost").asText()).isEqualTo("0");
            assertThat(event.get("providerKeyId").asText()).isEqualTo(key);
            assertThat(event.get("providerKeyDisplayName").asText()).contains("***");
            assertThat(event.get("providerDisplayName").asText()).isEqualTo("Workstation vLLM");
            expect("GET /usage/overview", gw.get("/usage/overview?startTime=" + today), 200, "AIGatewayUsageOverview");
            JsonNode byKey = expect("GET /usage/overview?groupBy=accessKey", gw.get("/usage/overview?groupBy=accessKey"
                    + "&startTime=" + today), 200, "AIGatewayUsageOverview");
            assertThat(byKey.at("/buckets/0/groupKey").asText()).isEqualTo(accessKey);
            assertThat(byKey.at("/totals/requests").asLong()).isEqualTo(1);

            // ---- errors
            expect("GET /usage without startTime", gw.get("/usage"), 400, "Error");
            expect("GET /usage/overview without startTime", gw.get("/usage/overview"), 400, "Error");
            expect("GET /providers/{unknown}", gw.get("/providers/aigp_nope"), 404, "Error");
            expect("POST /providers with an unknown field", gw.post("/providers", "{\"providerId\":\"x\",\"baseUrl\":\""
                    + base + "\",\"description\":\"providers have none\"}"), 400, "Error");
            expect("POST /providers without baseUrl", gw.post("/providers", "{\"providerId\":\"x\"}"), 422, "Error");
            expect("DELETE /providers/{id} still referenced", gw.delete("/providers/" + p), 409, "Error");
            expect("DELETE /access-key-configurations/{id} in use", gw.delete("/access-key-configurations/" + config),
                    409, "Error");
            expect("PUT /providers", gw.call("PUT", "/providers", "{}"), 405, "Error");
            expect("GET /providers with a wrong admin key", gw.call("GET", "/providers", null, "Bearer wrong"), 401,
                    "Error");

            // ---- deletes
            expect("DELETE /access-keys/{id}", gw.delete("/access-keys/" + accessKey), 204, null);
            expect("DELETE /access-key-configurations/{id}", gw.delete("/access-key-configurations/" + config), 204, null);
            expect("DELETE /provider-keys/{id}", gw.delete("/provider-keys/" + key), 204, null);
            expect("DELETE /providers/{id}", gw.delete("/providers/" + bare), 204, null);

            assertThat(violations).as("schema violations in %d answers", checked.size()).isEmpty();
            assertThat(checked).hasSizeGreaterThan(35);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
