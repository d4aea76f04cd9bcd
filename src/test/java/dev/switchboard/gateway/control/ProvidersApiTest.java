package dev.switchboard.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.GatewayHarness.Answer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProvidersApiTest {
    @TempDir
    static Path data;
    static GatewayHarness gw;

    @BeforeAll
    static void start() {
        gw = new GatewayHarness(data);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void createReadUpdateDeleteRoundTrip() {
        Answer created = gw.post("/providers", """
                {"providerId": "crud-ollama", "name": "Local Ollama", "baseUrl": "https://crud-ollama.internal",
                 "metadata": "{\\"team\\":\\"a\\"}",
                 "supportedApiSurfaces": [{"format": "openai", "surface": "chat-completions",
                                           "supportedParams": [{"name": "temperature"}]}],
                 "models": [{"modelId": "llama3.2"}, {"modelId": "qwen2.5:0.5b"}]}""");
        assertThat(created.status()).isEqualTo(201);
        JsonNode p = created.json();
        String id = p.get("id").asText();
        assertThat(id).startsWith("aigp_");
        assertThat(p.get("uri").asText()).isEqualTo(gw.gateway.baseUrl() + "/providers/" + id);
        assertThat(Instant.parse(p.get("createdAt").asText())).isEqualTo(Instant.parse(p.get("updatedAt").asText()));
        assertThat(p.get("createdBy").get("id").asText()).startsWith("admin_");
        assertThat(p.get("lastUpdatedBy")).isEqualTo(p.get("createdBy"));
        assertThat(p.get("providerId").asText()).isEqualTo("crud-ollama");
        assertThat(p.has("description")).as("a provider has no description").isFalse();
        assertThat(p.get("metadata").asText()).isEqualTo("{\"team\":\"a\"}");
        assertThat(p.at("/supportedApiSurfaces/0/supportedParams/0/name").asText()).isEqualTo("temperature");
        assertThat(p.at("/models/0/modelId").asText()).isEqualTo("llama3.2");
        assertThat(p.at("/models/0/id").asText()).isNotEmpty();
        assertThat(p.at("/models/1/modelId").asText()).isEqualTo("qwen2.5:0.5b");

        Answer read = gw.get("/providers/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(p);

        Answer head = gw.call("HEAD", "/providers/" + id, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.raw().body()).isEmpty();
        assertThat(head.header("Content-Type")).isEqualTo("application/json");

        Answer patched = gw.patch("/providers/" + id, "{\"name\": \"Renamed\", \"models\": [{\"modelId\": \"llama3.2\"}]}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("Renamed");
        assertThat(patched.json().get("baseUrl").asText()).isEqualTo("https://crud-ollama.internal");
        assertThat(patched.json().get("models")).hasSize(1);
        // a model that stays keeps its id
        assertThat(patched.json().at("/models/0/id")).isEqualTo(p.at("/models/0/id"));
        assertThat(Instant.parse(patched.json().get("updatedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(p.get("createdAt").asText()));

        Answer deleted = gw.delete("/providers/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.raw().body()).isEmpty();
        Answer gone = gw.get("/providers/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo(ErrorCodes.NOT_FOUND);
        assertThat(gw.delete("/providers/" + id).status()).isEqualTo(404);
        assertThat(gw.patch("/providers/" + id, "{}").status()).isEqualTo(404);
    }

    @Test
    void surfacesDefaultToOpenAiChatCompletions() {
        JsonNode p = gw.provider("default-surface");
        assertThat(p.at("/supportedApiSurfaces/0/format").asText()).isEqualTo("openai");
        assertThat(p.at("/supportedApiSurfaces/0/surface").asText()).isEqualTo("chat-completions");
        assertThat(p.get("models")).isEmpty();
    }

    @Test
    void patchLeavesOmittedFieldsAndClearsNulls() {
        String id = gw.post("/providers", """
                {"providerId": "patchy", "name": "Patchy", "baseUrl": "http://127.0.0.1:8080/v1",
                 "metadata": "m", "models": [{"modelId": "a"}, {"modelId": "b"}]}""")
                .json().get("id").asText();

        JsonNode omitted = gw.patch("/providers/" + id, "{}").json();
        assertThat(omitted.get("name").asText()).isEqualTo("Patchy");
        assertThat(omitted.get("metadata").asText()).isEqualTo("m");
        assertThat(omitted.get("models")).hasSize(2);

        JsonNode cleared = gw.patch("/providers/" + id,
                "{\"metadata\": null, \"name\": null, \"models\": null}").json();
        assertThat(cleared.has("metadata")).as("unset, so left out").isFalse();
        assertThat(cleared.get("name").asText()).as("the schema requires a name: the providerId").isEqualTo("patchy");
        assertThat(cleared.get("models")).isEmpty();
        assertThat(cleared.get("baseUrl").asText()).isEqualTo("http://127.0.0.1:8080/v1");

        JsonNode models = gw.patch("/providers/" + id, "{\"models\": [{\"modelId\": \"c\"}]}").json();
        assertThat(models.at("/models/0/modelId").asText()).isEqualTo("c");
        assertThat(gw.patch("/providers/" + id, "{\"models\": []}").json().get("models")).isEmpty();

        Answer cannotClearBaseUrl = gw.patch("/providers/" + id, "{\"baseUrl\": null}");
        assertThat(cannotClearBaseUrl.status()).isEqualTo(422);
        assertThat(cannotClearBaseUrl.field()).isEqualTo("baseUrl");
        Answer cannotClearSurfaces = gw.patch("/providers/" + id, "{\"supportedApiSurfaces\": null}");
        assertThat(cannotClearSurfaces.status()).isEqualTo(422);
        assertThat(cannotClearSurfaces.field()).isEqualTo("supportedApiSurfaces");
    }

    @Test
    void providerIdCannotChangeButMaySeeItsOwnValue() {
        String id = gw.provider("fixed-id").get("id").asText();
        assertThat(gw.patch("/providers/" + id, "{\"providerId\": \"fixed-id\"}").status()).isEqualTo(200);
        Answer change = gw.patch("/providers/" + id, "{\"providerId\": \"other-id\"}");
        assertThat(change.status()).isEqualTo(422);
        assertThat(change.errorCode()).isEqualTo(ErrorCodes.FIELD_IMMUTABLE);
        assertThat(change.field()).isEqualTo("providerId");
        assertThat(gw.get("/providers/" + id).json().get("providerId").asText()).isEqualTo("fixed-id");
    }

    @Test
    void duplicateProviderIdIsAConflict() {
        gw.provider("twice");
        Answer again = gw.post("/providers", "{\"providerId\": \"twice\", \"baseUrl\": \"https://x.example.com\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo(ErrorCodes.ALREADY_EXISTS);
        assertThat(again.field()).isEqualTo("providerId");
        assertThat(again.json().get("msg").asText()).contains("twice", "already exists");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"baseUrl\": \"https://a.example.com\"}|providerId|ERR_NGROK_27006",
            "{\"providerId\": null, \"baseUrl\": \"https://a.example.com\"}|providerId|ERR_NGROK_27006",
            "{\"providerId\": \"\", \"baseUrl\": \"https://a.example.com\"}|providerId|ERR_NGROK_27007",
            "{\"providerId\": \"My-Ollama\", \"baseUrl\": \"https://a.example.com\"}|providerId|ERR_NGROK_27007",
            "{\"providerId\": \"my_ollama\", \"baseUrl\": \"https://a.example.com\"}|providerId|ERR_NGROK_27007",
            "{\"providerId\": \"my:ollama\", \"baseUrl\": \"https://a.example.com\"}|providerId|ERR_NGROK_27007",
            "{\"providerId\": \"openai\", \"baseUrl\": \"https://a.example.com\"}|providerId|ERR_NGROK_27007",
            "{\"providerId\": \"anthropic\", \"baseUrl\": \"https://a.example.com\"}|providerId|ERR_NGROK_27007",
            "{\"providerId\": 42, \"baseUrl\": \"https://a.example.com\"}|providerId|ERR_NGROK_27007",
            "{\"providerId\": \"v1\"}|baseUrl|ERR_NGROK_27006",
            "{\"providerId\": \"v2\", \"baseUrl\": \"\"}|baseUrl|ERR_NGROK_27007",
            "{\"providerId\": \"v3\", \"baseUrl\": \"not a url\"}|baseUrl|ERR_NGROK_27007",
            "{\"providerId\": \"v4\", \"baseUrl\": \"ftp://a.example.com\"}|baseUrl|ERR_NGROK_27007",
            "{\"providerId\": \"v5\", \"baseUrl\": \"http://a.example.com\"}|baseUrl|ERR_NGROK_27007",
            "{\"providerId\": \"v6\", \"baseUrl\": \"http://10.0.0.5:8000\"}|baseUrl|ERR_NGROK_27007",
            "{\"providerId\": \"v7\", \"baseUrl\": \"https://\"}|baseUrl|ERR_NGROK_27007",
            "{\"providerId\": \"v8\", \"baseUrl\": \"https://u:p@a.example.com\"}|baseUrl|ERR_NGROK_27007",
            "{\"providerId\": \"v9\", \"baseUrl\": \"https://a.example.com/?x=1\"}|baseUrl|ERR_NGROK_27007",
            "{\"providerId\": \"w1\", \"baseUrl\": \"https://a.example.com\", \"supportedApiSurfaces\": []}|supportedApiSurfaces|ERR_NGROK_27007",
            "{\"providerId\": \"w2\", \"baseUrl\": \"https://a.example.com\", \"supportedApiSurfaces\": [{\"format\": \"gemini\", \"surface\": \"chat-completions\"}]}|supportedApiSurfaces[0].format|ERR_NGROK_27007",
            "{\"providerId\": \"w3\", \"baseUrl\": \"https://a.example.com\", \"supportedApiSurfaces\": [{\"format\": \"openai\", \"surface\": \"embeddings\"}]}|supportedApiSurfaces[0].surface|ERR_NGROK_27007",
            "{\"providerId\": \"w4\", \"baseUrl\": \"https://a.example.com\", \"supportedApiSurfaces\": [{\"format\": \"openai\", \"surface\": \"messages\"}]}|supportedApiSurfaces[0].surface|ERR_NGROK_27007",
            "{\"providerId\": \"w5\", \"baseUrl\": \"https://a.example.com\", \"supportedApiSurfaces\": [{\"format\": \"anthropic\", \"surface\": \"chat-completions\"}]}|supportedApiSurfaces[0].surface|ERR_NGROK_27007",
            "{\"providerId\": \"w6\", \"baseUrl\": \"https://a.example.com\", \"supportedApiSurfaces\": [{\"surface\": \"chat-completions\"}]}|supportedApiSurfaces[0].format|ERR_NGROK_27006",
            "{\"providerId\": \"w7\", \"baseUrl\": \"https://a.example.com\", \"supportedApiSurfaces\": [{\"format\": \"openai\", \"surface\": \"responses\", \"extra\": 1}]}|supportedApiSurfaces[0].extra|ERR_NGROK_27009",
            "{\"providerId\": \"w8\", \"baseUrl\": \"https://a.example.com\", \"supportedApiSurfaces\": \"openai\"}|supportedApiSurfaces|ERR_NGROK_27007",
            "{\"providerId\": \"m1\", \"baseUrl\": \"https://a.example.com\", \"models\": [{\"modelId\": \"\"}]}|models[0].modelId|ERR_NGROK_27007",
            "{\"providerId\": \"m2\", \"baseUrl\": \"https://a.example.com\", \"models\": [{}]}|models[0].modelId|ERR_NGROK_27006",
            "{\"providerId\": \"m3\", \"baseUrl\": \"https://a.example.com\", \"models\": [{\"modelId\": \"a\"}, {\"modelId\": \"a\"}]}|models[1].modelId|ERR_NGROK_27007",
            "{\"providerId\": \"m4\", \"baseUrl\": \"https://a.example.com\", \"models\": [\"a\"]}|models[0]|ERR_NGROK_27007",
            "{\"providerId\": \"n1\", \"baseUrl\": \"https://a.example.com\", \"name\": 7}|name|ERR_NGROK_27007",
            "{\"providerId\": \"n2\", \"baseUrl\": \"https://a.example.com\", \"colour\": \"red\"}|colour|ERR_NGROK_27009"
    })
    void createValidation(String body, String field, String code) {
        Answer a = gw.post("/providers", body);
        assertThat(a.errorCode()).as(a.toString()).isEqualTo(code);
        assertThat(a.field()).as(a.toString()).isEqualTo(field);
        assertThat(a.status()).isEqualTo(code.equals(ErrorCodes.UNKNOWN_FIELD) ? 400 : 422);
        assertThat(a.json().get("statusCode").asInt()).isEqualTo(a.status());
        assertThat(a.json().get("msg").asText()).isNotBlank();
    }

    @Test
    void baseUrlMessageSaysWhatToDo() {
        Answer a = gw.post("/providers", "{\"providerId\": \"plain-http\", \"baseUrl\": \"http://models.example.com\"}");
        assertThat(a.json().get("msg").asText()).isEqualTo("baseUrl must use https:// unless the host ends in"
                + " .internal or is a loopback address (localhost, 127.0.0.0/8, [::1]).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:11434", "http://LOCALHOST:1", "http://127.0.0.1:8000/v1",
            "http://127.5.6.7", "http://[::1]:8080", "http://my-box.internal", "https://api.example.com/v1",
            "https://10.1.2.3:8443"})
    void acceptedBaseUrls(String url) {
        String pid = "ok-" + Integer.toHexString(url.hashCode());
        Answer a = gw.post("/providers", "{\"providerId\": \"" + pid + "\", \"baseUrl\": \"" + url + "\"}");
        assertThat(a.status()).as(a.toString()).isEqualTo(201);
        assertThat(a.json().get("baseUrl").asText()).isEqualTo(url);
    }

    @Test
    void lengthLimits() {
        String longId = "a".repeat(256);
        assertThat(gw.post("/providers", "{\"providerId\": \"" + longId + "\", \"baseUrl\": \"https://a.example.com\"}")
                .field()).isEqualTo("providerId");
        assertThat(gw.post("/providers", "{\"providerId\": \"" + "b".repeat(255)
                + "\", \"baseUrl\": \"https://a.example.com\"}").status()).isEqualTo(201);
        Answer url = gw.post("/providers", "{\"providerId\": \"long-url\", \"baseUrl\": \"https://a.example.com/"
                + "p".repeat(2048) + "\"}");
        assertThat(url.status()).isEqualTo(422);
        assertThat(url.field()).isEqualTo("baseUrl");
        Answer name = gw.post("/providers", "{\"providerId\": \"long-name\", \"baseUrl\": \"https://a.example.com\","
                + " \"name\": \"" + "n".repeat(256) + "\"}");
        assertThat(name.field()).isEqualTo("name");
        Answer description = gw.post("/providers", "{\"providerId\": \"long-desc\", \"baseUrl\":"
                + " \"https://a.example.com\", \"description\": \"" + "d".repeat(256) + "\"}");
        assertThat(description.field()).isEqualTo("description");
        Answer metadata = gw.post("/providers", "{\"providerId\": \"long-meta\", \"baseUrl\": \"https://a.example.com\","
                + " \"metadata\": \"" + "m".repeat(4097) + "\"}");
        assertThat(metadata.field()).isEqualTo("metadata");
        assertThat(gw.post("/providers", "{\"providerId\": \"max-meta\", \"baseUrl\": \"https://a.example.com\","
                + " \"metadata\": \"" + "m".repeat(4096) + "\"}").status()).isEqualTo(201);
        Answer model = gw.post("/providers", "{\"providerId\": \"long-model\", \"baseUrl\": \"https://a.example.com\","
                + " \"models\": [{\"modelId\": \"" + "x".repeat(256) + "\"}]}");
        assertThat(model.field()).isEqualTo("models[0].modelId");
    }

    @Test
    void concurrentCreatesLeaveAConsistentStore(@TempDir Path own) throws Exception {
        try (GatewayHarness fresh = new GatewayHarness(own)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        Answer a = fresh.post("/providers", "{\"providerId\": \"c-" + thread + "-" + i
                                + "\", \"baseUrl\": \"http://localhost:1\"}");
                        if (a.status() != 201) {
                            throw new AssertionError(a.toString());
                        }
                        ids.add(a.json().get("id").asText());
                    }
                    return ids;
                }));
            }
            Set<String> created = new HashSet<>();
            for (Future<List<String>> f : futures) {
                created.addAll(f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(created).hasSize(400);

            Set<String> listed = new HashSet<>();
            Set<String> providerIds = new HashSet<>();
            String next = "/providers?limit=100";
            while (next != null) {
                Answer page = fresh.get(next.replace(fresh.gateway.baseUrl().toString(), ""));
                for (JsonNode p : page.json().get("aiGatewayProviders")) {
                    listed.add(p.get("id").asText());
                    providerIds.add(p.get("providerId").asText());
                }
                JsonNode n = page.json().get("nextPageUri");
                next = n.isNull() ? null : n.asText();
            }
            assertThat(listed).isEqualTo(created);
            assertThat(providerIds).hasSize(400);
            assertThat(fresh.gateway.store().providers().count()).isEqualTo(400);
        }
    }

    @Test
    void concurrentCreatesOfTheSameProviderIdMakeExactlyOne(@TempDir Path own) throws Exception {
        try (GatewayHarness fresh = new GatewayHarness(own)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> fresh.post("/providers",
                        "{\"providerId\": \"contested\", \"baseUrl\": \"http://localhost:1\"}").status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(30, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        }
    }
}
