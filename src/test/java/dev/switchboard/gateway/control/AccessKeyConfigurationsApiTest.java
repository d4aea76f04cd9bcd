package dev.switchboard.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.GatewayHarness.Answer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessKeyConfigurationsApiTest {
    @TempDir
    static Path data;
    static GatewayHarness gw;
    static String ollamaKey;
    static String otherKey;

    @BeforeAll
    static void start() {
        gw = new GatewayHarness(data);
        gw.provider("my-ollama", "llama3.2");
        gw.provider("my-vllm", "qwen");
        ollamaKey = gw.providerKey("my-ollama", "primary", "ollama-secret-0001").get("id").asText();
        otherKey = gw.providerKey("my-vllm", "vllm", "vllm-secret-0002").get("id").asText();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void fullConfigurationWithInlineKeyRoundTrips() {
        AtomicInteger changes = new AtomicInteger();
        Runnable listener = changes::incrementAndGet;
        gw.gateway.store().addChangeListener(listener);
        Answer created = gw.post("/access-key-configurations", """
                {"name": "team-local", "description": "desk", "metadata": "m",
                 "access": {"providers": {"allow": ["my-ollama"]}, "models": {"allow": ["my-ollama:llama3.2"]}},
                 "router": {"rules": [{"provider": "my-ollama",
                   "steps": [{"type": "user", "keys": [{"id": "%s"}, {"name": "backup", "value": "inline-secret-9999"}],
                              "keySelectionStrategy": "ordered"}]},
                   {"model": "my-vllm:qwen", "steps": [{"keys": [{"id": "%s"}]}]}]}}""".formatted(ollamaKey, otherKey));
        gw.gateway.store().removeChangeListener(listener);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(changes.get()).isEqualTo(1);
        assertThat(created.raw().body()).doesNotContain("inline-secret-9999");
        JsonNode c = created.json();
        String id = c.get("id").asText();
        assertThat(id).startsWith("aigac_");
        assertThat(c.at("/access/providers/allow/0").asText()).isEqualTo("my-ollama");
        assertThat(c.at("/access/models/allow/0").asText()).isEqualTo("my-ollama:llama3.2");
        JsonNode keys = c.at("/router/rules/0/steps/0/keys");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).get("id").asText()).isEqualTo(ollamaKey);
        String inlineId = keys.get(1).get("id").asText();
        assertThat(inlineId).startsWith("aigpk_");
        assertThat(keys.get(1).has("value")).isFalse();
        assertThat(keys.get(1).get("name").isTextual()).as("read back as {id, name, keyRedacted}").isTrue();
        assertThat(keys.get(0).get("keyRedacted").asText()).contains("***");
        assertThat(keys.get(1).size()).isEqualTo(3);
        assertThat(c.at("/router/rules/0/steps/0/type").asText()).isEqualTo("user");
        assertThat(c.at("/router/rules/1/provider").asText()).isEqualTo("my-vllm");
        assertThat(c.at("/router/rules/1/model").asText()).isEqualTo("my-vllm:qwen");
        assertThat(c.at("/router/rules/1/steps/0/keySelectionStrategy").asText()).isEqualTo("ordered");

        JsonNode inline = gw.get("/provider-keys/" + inlineId).json();
        assertThat(inline.get("providerId").asText()).isEqualTo("my-ollama");
        assertThat(inline.get("name").asText()).isEqualTo("backup");
        assertThat(gw.gateway.store().providerKeys().secretValue(inlineId)).contains("inline-secret-9999");

        // what the data plane reads
        AccessKeyConfiguration stored = gw.gateway.store().configurations().get(id).orElseThrow();
        assertThat(stored.router().rules().get(0).steps().get(0).keys().get(1).id()).isEqualTo(inlineId);
        assertThat(stored.access().models().allow()).containsExactly("my-ollama:llama3.2");

        assertThat(gw.get("/access-key-configurations/" + id).json()).isEqualTo(c);

        JsonNode omitted = gw.patch("/access-key-configurations/" + id, "{\"name\": \"renamed\"}").json();
        assertThat(omitted.get("access")).isEqualTo(c.get("access"));
        assertThat(omitted.get("router")).isEqualTo(c.get("router"));
        assertThat(omitted.get("description").asText()).isEqualTo("desk");
        JsonNode cleared = gw.patch("/access-key-configurations/" + id,
                "{\"access\": null, \"router\": null, \"description\": null}").json();
        assertThat(cleared.has("access")).as("unset optional fields are left out, not null").isFalse();
        assertThat(cleared.has("router")).isFalse();
        assertThat(cleared.has("description")).isFalse();
        assertThat(cleared.get("name").asText()).isEqualTo("renamed");
        JsonNode emptyAllow = gw.patch("/access-key-configurations/" + id,
                "{\"access\": {\"models\": {\"allow\": []}}}").json();
        assertThat(emptyAllow.at("/access/models/allow")).isEmpty();
        assertThat(emptyAllow.at("/access").has("providers")).isFalse();

        assertThat(gw.delete("/access-key-configurations/" + id).status()).isEqualTo(204);
        assertThat(gw.get("/access-key-configurations/" + id).status()).isEqualTo(404);
    }

    @Test
    void providerUsedByAConfigurationCannotBeDeleted() {
        String pid = gw.provider("allowed-only").get("id").asText();
        String cfg = gw.post("/access-key-configurations", "{\"name\": \"allow-it\", \"access\": {\"models\":"
                + " {\"allow\": [\"allowed-only:m\"]}}}").json().get("id").asText();
        Answer refused = gw.delete("/providers/" + pid);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("msg").asText()).isEqualTo("Provider allowed-only is still used by access key"
                + " configuration allow-it (" + cfg + "). Delete or change those first.");
        assertThat(refused.json().at("/details/referencedBy").asText()).isEqualTo(cfg);
    }

    @Test
    void failedCreateLeavesNoInlineKeysBehind() {
        int before = gw.get("/provider-keys?provider=my-ollama").json().get("aiGatewayProviderKeys").size();
        Answer a = gw.post("/access-key-configurations", """
                {"name": "broken", "router": {"rules": [
                  {"provider": "my-ollama", "steps": [{"keys": [{"name": "n", "value": "would-be-created-1"}]}]},
                  {"provider": "ghost", "steps": [{"keys": [{"name": "n", "value": "would-be-created-2"}]}]}]}}""");
        assertThat(a.status()).isEqualTo(422);
        assertThat(a.field()).isEqualTo("router.rules[1].provider");
        assertThat(gw.get("/provider-keys?provider=my-ollama").json().get("aiGatewayProviderKeys")).hasSize(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|name|ERR_NGROK_27006",
            "{\"name\": \"\"}|name|ERR_NGROK_27007",
            "{\"name\": \"x\", \"access\": []}|access|ERR_NGROK_27007",
            "{\"name\": \"x\", \"access\": {\"tools\": {}}}|access.tools|ERR_NGROK_27009",
            "{\"name\": \"x\", \"access\": {\"providers\": {}}}|access.providers.allow|ERR_NGROK_27006",
            "{\"name\": \"x\", \"access\": {\"providers\": {\"allow\": [\"ghost\"]}}}|access.providers.allow[0]|ERR_NGROK_27012",
            "{\"name\": \"x\", \"access\": {\"providers\": {\"allow\": [3]}}}|access.providers.allow[0]|ERR_NGROK_27007",
            "{\"name\": \"x\", \"access\": {\"models\": {\"allow\": [\"llama3.2\"]}}}|access.models.allow[0]|ERR_NGROK_27007",
            "{\"name\": \"x\", \"access\": {\"models\": {\"allow\": [\"ghost:m\"]}}}|access.models.allow[0]|ERR_NGROK_27012",
            "{\"name\": \"x\", \"router\": {\"rules\": [{\"steps\": [{\"keys\": [{\"id\": \"x\"}]}]}]}}|router.rules[0].provider|ERR_NGROK_27006",
            "{\"name\": \"x\", \"router\": {\"rules\": [{\"provider\": \"ghost\", \"steps\": [{\"keys\": [{\"name\": \"a\", \"value\": \"abcdefgh\"}]}]}]}}|router.rules[0].provider|ERR_NGROK_27012",
            "{\"name\": \"x\", \"router\": {\"rules\": [{\"provider\": \"my-ollama\", \"steps\": []}]}}|router.rules[0].steps|ERR_NGROK_27007",
            "{\"name\": \"x\", \"router\": {\"rules\": [{\"provider\": \"my-ollama\", \"steps\": [{\"keys\": []}]}]}}|router.rules[0].steps[0].keys|ERR_NGROK_27007",
            "{\"name\": \"x\", \"router\": {\"rules\": [{\"provider\": \"my-ollama\", \"steps\": [{\"type\": \"auto\", \"keys\": [{\"id\": \"x\"}]}]}]}}|router.rules[0].steps[0].type|ERR_NGROK_27007",
            "{\"name\": \"x\", \"router\": {\"rules\": [{\"provider\": \"my-ollama\", \"steps\": [{\"keySelectionStrategy\": \"random\", \"keys\": [{\"id\": \"x\"}]}]}]}}|router.rules[0].steps[0].keySelectionStrategy|ERR_NGROK_27007",
            "{\"name\": \"x\", \"router\": {\"rules\": [{\"provider\": \"my-ollama\", \"steps\": [{\"keys\": [{\"id\": \"aigpk_ghost\"}]}]}]}}|router.rules[0].steps[0].keys[0].id|ERR_NGROK_27012",
            "{\"name\": \"x\", \"router\": {\"rules\": [{\"provider\": \"my-ollama\", \"steps\": [{\"keys\": [{\"name\": \"only-name\"}]}]}]}}|router.rules[0].steps[0].keys[0].id|ERR_NGROK_27006",
            "{\"name\": \"x\", \"router\": {\"rules\": [{\"provider\": \"my-ollama\", \"steps\": [{\"keys\": [{\"id\": \"a\", \"value\": \"abcdefgh\"}]}]}]}}|router.rules[0].steps[0].keys[0].id|ERR_NGROK_27007",
            "{\"name\": \"x\", \"router\": {\"rules\": [{\"provider\": \"my-ollama\", \"steps\": [{\"keys\": [{\"secret\": \"a\"}]}]}]}}|router.rules[0].steps[0].keys[0].secret|ERR_NGROK_27009",
            "{\"name\": \"x\", \"router\": {\"rules\": [{\"provider\": \"my-ollama\", \"model\": \"llama3.2\", \"steps\": [{\"keys\": [{\"id\": \"x\"}]}]}]}}|router.rules[0].model|ERR_NGROK_27007",
            "{\"name\": \"x\", \"router\": {\"rules\": [{\"provider\": \"my-vllm\", \"model\": \"my-ollama:llama3.2\", \"steps\": [{\"keys\": [{\"id\": \"x\"}]}]}]}}|router.rules[0].provider|ERR_NGROK_27007",
            "{\"name\": \"x\", \"router\": {\"routes\": []}}|router.routes|ERR_NGROK_27009"
    })
    void validation(String body, String field, String code) {
        Answer a = gw.post("/access-key-configurations", body);
        assertThat(a.errorCode()).as(a.toString()).isEqualTo(code);
        assertThat(a.field()).as(a.toString()).isEqualTo(field);
        assertThat(a.status()).isEqualTo(code.equals(ErrorCodes.UNKNOWN_FIELD) ? 400 : 422);
    }

    @Test
    void keysMustBelongToTheRulesProviderAndRulesMustNotRepeat() {
        Answer wrongProvider = gw.post("/access-key-configurations", "{\"name\": \"x\", \"router\": {\"rules\": [{"
                + "\"provider\": \"my-ollama\", \"steps\": [{\"keys\": [{\"id\": \"" + otherKey + "\"}]}]}]}}");
        assertThat(wrongProvider.status()).isEqualTo(422);
        assertThat(wrongProvider.field()).isEqualTo("router.rules[0].steps[0].keys[0].id");
        assertThat(wrongProvider.json().get("msg").asText()).contains("my-vllm", "my-ollama");

        String rule = "{\"provider\": \"my-ollama\", \"steps\": [{\"keys\": [{\"id\": \"" + ollamaKey + "\"}]}]}";
        Answer twice = gw.post("/access-key-configurations", "{\"name\": \"x\", \"router\": {\"rules\": [" + rule + ","
                + rule + "]}}");
        assertThat(twice.status()).isEqualTo(422);
        assertThat(twice.field()).isEqualTo("router.rules[1]");
        String modelRule = "{\"model\": \"my-ollama:llama3.2\", \"steps\": [{\"keys\": [{\"id\": \"" + ollamaKey
                + "\"}]}]}";
        Answer providerPlusModel = gw.post("/access-key-configurations", "{\"name\": \"x\", \"router\": {\"rules\": ["
                + rule + "," + modelRule + "]}}");
        assertThat(providerPlusModel.status()).isEqualTo(201);
    }
}
