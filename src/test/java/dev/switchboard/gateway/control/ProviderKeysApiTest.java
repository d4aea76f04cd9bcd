package dev.switchboard.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.GatewayHarness.Answer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderKeysApiTest {
    static final String SECRET = "sk-live-0123456789abcdefWXYZ";
    @TempDir
    static Path data;
    static GatewayHarness gw;

    @BeforeAll
    static void start() {
        gw = new GatewayHarness(data);
        gw.provider("keyed");
        gw.provider("other");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void createReadPatchRotateDelete() {
        Answer created = gw.post("/provider-keys", "{\"providerId\": \"keyed\", \"name\": \"primary\", \"value\": \""
                + SECRET + "\", \"description\": \"team key\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode k = created.json();
        String id = k.get("id").asText();
        assertThat(id).startsWith("aigpk_");
        assertThat(k.get("uri").asText()).endsWith("/provider-keys/" + id);
        assertThat(k.get("providerId").asText()).isEqualTo("keyed");
        assertThat(k.get("name").asText()).isEqualTo("primary");
        assertThat(k.get("keyRedacted").asText()).isEqualTo("sk-l***WXYZ");
        assertThat(k.has("lastUsed")).isTrue();
        assertThat(k.get("lastUsed").isNull()).isTrue();
        assertThat(k.has("value")).isFalse();
        assertThat(created.raw().body()).doesNotContain(SECRET);

        Answer read = gw.get("/provider-keys/" + id);
        assertThat(read.json()).isEqualTo(k);
        assertThat(read.raw().body()).doesNotContain(SECRET);
        assertThat(gw.get("/provider-keys").raw().body()).doesNotContain(SECRET);

        Answer patched = gw.patch("/provider-keys/" + id, "{\"name\": \"renamed\", \"description\": null}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("name").asText()).isEqualTo("renamed");
        assertThat(patched.json().has("description")).as("unset, so left out").isFalse();
        assertThat(patched.json().get("keyRedacted").asText()).isEqualTo("sk-l***WXYZ");

        Answer patchValue = gw.patch("/provider-keys/" + id, "{\"value\": \"sk-new-value-000000\"}");
        assertThat(patchValue.status()).isEqualTo(422);
        assertThat(patchValue.errorCode()).isEqualTo(ErrorCodes.FIELD_IMMUTABLE);
        assertThat(patchValue.field()).isEqualTo("value");
        assertThat(patchValue.json().get("msg").asText()).contains("/rotate").doesNotContain("sk-new-value");
        Answer patchProvider = gw.patch("/provider-keys/" + id, "{\"providerId\": \"other\"}");
        assertThat(patchProvider.status()).isEqualTo(422);
        assertThat(patchProvider.field()).isEqualTo("providerId");

        Answer rotated = gw.post("/provider-keys/" + id + "/rotate", "{\"name\": \"rotated\", \"value\":"
                + " \"sk-rotated-9876543210-abcd\"}");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("id").asText()).isEqualTo(id);
        assertThat(rotated.json().get("name").asText()).isEqualTo("rotated");
        assertThat(rotated.json().get("keyRedacted").asText()).isEqualTo("sk-r***abcd");
        assertThat(rotated.raw().body()).doesNotContain("sk-rotated-9876543210-abcd");
        assertThat(gw.gateway.store().providerKeys().secretValue(id)).contains("sk-rotated-9876543210-abcd");

        Answer rotateWithoutName = gw.post("/provider-keys/" + id + "/rotate", "{\"value\": \"another-value-1234\"}");
        assertThat(rotateWithoutName.json().get("name").asText()).isEqualTo("rotated");
        Answer rotateNoValue = gw.post("/provider-keys/" + id + "/rotate", "{\"name\": \"x\"}");
        assertThat(rotateNoValue.status()).isEqualTo(422);
        assertThat(rotateNoValue.field()).isEqualTo("value");
        assertThat(gw.post("/provider-keys/aigpk_missing/rotate", "{\"value\": \"abcdefgh\"}").status()).isEqualTo(404);
        assertThat(gw.get("/provider-keys/" + id + "/rotate").status()).isEqualTo(405);

        assertThat(gw.delete("/provider-keys/" + id).status()).isEqualTo(204);
        assertThat(gw.get("/provider-keys/" + id).status()).isEqualTo(404);
        assertThat(gw.gateway.store().providerKeys().secretValue(id)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\": \"n\", \"value\": \"abcdefgh\"}|providerId|ERR_NGROK_27006|422",
            "{\"providerId\": \"ghost\", \"value\": \"abcdefgh\"}|providerId|ERR_NGROK_27012|422",
            "{\"providerId\": \"keyed\"}|value|ERR_NGROK_27006|422",
            "{\"providerId\": \"keyed\", \"value\": \"\"}|value|ERR_NGROK_27007|422",
            "{\"providerId\": \"keyed\", \"value\": \"   \"}|value|ERR_NGROK_27007|422",
            "{\"providerId\": \"keyed\", \"value\": \"line\\nbreak\"}|value|ERR_NGROK_27007|422",
            "{\"providerId\": \"keyed\", \"value\": 12345678}|value|ERR_NGROK_27007|422",
            "{\"providerId\": \"keyed\", \"value\": \"abcdefgh\", \"keyRedacted\": \"x\"}|keyRedacted|ERR_NGROK_27009|400"
    })
    void createValidation(String body, String field, String code, int status) {
        Answer a = gw.post("/provider-keys", body);
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        assertThat(a.errorCode()).isEqualTo(code);
        assertThat(a.field()).isEqualTo(field);
    }

    @Test
    void valueNeverAppearsInErrors() {
        Answer tooLongName = gw.post("/provider-keys", "{\"providerId\": \"keyed\", \"value\": \"" + SECRET
                + "\", \"name\": \"" + "n".repeat(300) + "\"}");
        assertThat(tooLongName.status()).isEqualTo(422);
        assertThat(tooLongName.raw().body()).doesNotContain(SECRET);
        Answer badJson = gw.post("/provider-keys", "{\"providerId\": \"keyed\", \"value\": " + SECRET + "}");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.raw().body()).doesNotContain("sk-live");
    }

    @Test
    void deletingAKeyARouterUsesIsRefused() {
        String keyId = gw.providerKey("keyed", "routed", "routed-secret-1234").get("id").asText();
        Answer config = gw.post("/access-key-configurations", "{\"name\": \"uses-key\", \"router\": {\"rules\":"
                + " [{\"provider\": \"keyed\", \"steps\": [{\"type\": \"user\", \"keys\": [{\"id\": \"" + keyId
                + "\"}]}]}]}}");
        assertThat(config.status()).as(config.toString()).isEqualTo(201);
        String configId = config.json().get("id").asText();
        Answer refused = gw.delete("/provider-keys/" + keyId);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(ErrorCodes.STILL_REFERENCED);
        assertThat(refused.json().get("msg").asText()).contains("routed", keyId, "uses-key", configId);
        assertThat(refused.json().at("/details/referencedBy").asText()).isEqualTo(configId);
        assertThat(gw.patch("/access-key-configurations/" + configId, "{\"router\": null}").status()).isEqualTo(200);
        assertThat(gw.delete("/provider-keys/" + keyId).status()).isEqualTo(204);
    }

    @Test
    void deletingAProviderWithKeysIsRefused() {
        String id = gw.provider("has-keys").get("id").asText();
        String keyId = gw.providerKey("has-keys", "k", "value-of-the-key").get("id").asText();
        Answer refused = gw.delete("/providers/" + id);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("msg").asText()).startsWith("Provider has-keys is still used by provider key k ("
                + keyId + ")");
        assertThat(refused.json().at("/details/referencedBy").asText()).isEqualTo(keyId);
        assertThat(gw.delete("/provider-keys/" + keyId).status()).isEqualTo(204);
        assertThat(gw.delete("/providers/" + id).status()).isEqualTo(204);
    }
}
