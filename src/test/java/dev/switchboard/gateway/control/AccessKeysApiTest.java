package dev.switchboard.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.GatewayHarness.Answer;
import dev.switchboard.gateway.access.AccessTokens;
import dev.switchboard.gateway.store.AccessKeyGrant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessKeysApiTest {
    @TempDir
    static Path data;
    static GatewayHarness gw;
    static String configId;

    @BeforeAll
    static void start() {
        gw = new GatewayHarness(data);
        configId = gw.post("/access-key-configurations", "{\"name\": \"laptops\"}").json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void tokenIsShownOnceAndStoredOnlyAsAHash() throws Exception {
        Answer created = gw.post("/access-keys", "{\"name\": \"laptop\", \"accessKeyConfigurationId\": \""
                + configId + "\"}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode k = created.json();
        String id = k.get("id").asText();
        String token = k.get("token").asText();
        assertThat(id).startsWith("aigk_");
        assertThat(token).startsWith("ng-").hasSizeGreaterThanOrEqualTo(3 + 22);
        assertThat(k.get("keyRedacted").asText()).contains("***").endsWith(token.substring(token.length() - 4));
        assertThat(k.at("/accessKeyConfiguration/id").asText()).isEqualTo(configId);
        assertThat(k.at("/accessKeyConfiguration/name").asText()).isEqualTo("laptops");
        assertThat(k.at("/accessKeyConfiguration/uri").asText())
                .isEqualTo(gw.gateway.baseUrl() + "/access-key-configurations/" + configId);

        Answer read = gw.get("/access-keys/" + id);
        assertThat(read.json().has("token")).isFalse();
        assertThat(read.raw().body()).doesNotContain(token);
        assertThat(gw.get("/access-keys").raw().body()).doesNotContain(token);
        assertThat(gw.patch("/access-keys/" + id, "{\"name\": \"laptop 2\"}").raw().body()).doesNotContain(token);

        assertThat(gw.gateway.store().accessKeys().findByTokenHash(AccessTokens.hash(token)))
                .contains(new AccessKeyGrant(id, configId));
        gw.gateway.store().accessKeys().findByTokenHash(AccessTokens.hash(token + "x")).ifPresent(g -> {
            throw new AssertionError("wrong token found a key");
        });
        // the database holds the hash, never the token
        gw.gateway.store().markUsed(Map.of());
        for (Path f : Files.list(data).toList()) {
            if (f.getFileName().toString().startsWith("switchboard.db")) {
                assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain(token);
            }
        }
    }

    @Test
    void tokensAreUnique() {
        String a = gw.post("/access-keys", "{\"name\": \"a\"}").json().get("token").asText();
        String b = gw.post("/access-keys", "{\"name\": \"b\"}").json().get("token").asText();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void configurationIsOptionalAndPatchable() {
        Answer allowAll = gw.post("/access-keys", "{}");
        assertThat(allowAll.status()).isEqualTo(201);
        String id = allowAll.json().get("id").asText();
        assertThat(allowAll.json().get("accessKeyConfiguration").isNull()).isTrue();

        Answer set = gw.patch("/access-keys/" + id, "{\"accessKeyConfigurationId\": \"" + configId + "\"}");
        assertThat(set.json().at("/accessKeyConfiguration/id").asText()).isEqualTo(configId);
        Answer keep = gw.patch("/access-keys/" + id, "{\"description\": \"kept\"}");
        assertThat(keep.json().at("/accessKeyConfiguration/id").asText()).isEqualTo(configId);
        Answer cleared = gw.patch("/access-keys/" + id, "{\"accessKeyConfigurationId\": null}");
        assertThat(cleared.json().get("accessKeyConfiguration").isNull()).isTrue();
        assertThat(cleared.json().get("description").asText()).isEqualTo("kept");

        Answer ghost = gw.patch("/access-keys/" + id, "{\"accessKeyConfigurationId\": \"aigac_ghost\"}");
        assertThat(ghost.status()).isEqualTo(422);
        assertThat(ghost.errorCode()).isEqualTo(ErrorCodes.REFERENCE_NOT_FOUND);
        assertThat(ghost.field()).isEqualTo("accessKeyConfigurationId");
        Answer token = gw.patch("/access-keys/" + id, "{\"token\": \"ng-mine\"}");
        assertThat(token.status()).isEqualTo(422);
        assertThat(token.field()).isEqualTo("token");

        Answer createGhost = gw.post("/access-keys", "{\"accessKeyConfigurationId\": \"aigac_ghost\"}");
        assertThat(createGhost.status()).isEqualTo(422);
        assertThat(createGhost.field()).isEqualTo("accessKeyConfigurationId");
        Answer unknown = gw.post("/access-keys", "{\"name\": \"x\", \"token\": \"ng-chosen\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo(ErrorCodes.UNKNOWN_FIELD);
        assertThat(unknown.field()).isEqualTo("token");

        assertThat(gw.delete("/access-keys/" + id).status()).isEqualTo(204);
        assertThat(gw.get("/access-keys/" + id).status()).isEqualTo(404);
    }

    @Test
    void configurationInUseCannotBeDeleted() {
        String cfg = gw.post("/access-key-configurations", "{\"name\": \"team-local\"}").json().get("id").asText();
        String key = gw.post("/access-keys", "{\"name\": \"laptop\", \"accessKeyConfigurationId\": \"" + cfg + "\"}")
                .json().get("id").asText();
        Answer refused = gw.delete("/access-key-configurations/" + cfg);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo(ErrorCodes.STILL_REFERENCED);
        assertThat(refused.json().get("msg").asText()).contains("team-local", "laptop", key);
        assertThat(refused.json().at("/details/referencedBy").asText()).isEqualTo(key);
        assertThat(gw.delete("/access-keys/" + key).status()).isEqualTo(204);
        assertThat(gw.delete("/access-key-configurations/" + cfg).status()).isEqualTo(204);
    }

    @Test
    void lastUsedIsRecordedInBatchAndNeverGoesBack() {
        String id = gw.post("/access-keys", "{\"name\": \"used\"}").json().get("id").asText();
        gw.provider("used-provider");
        String keyId = gw.providerKey("used-provider", "k", "used-secret-123").get("id").asText();
        Instant t1 = Instant.parse("2026-11-25T10:00:00Z");
        long before = gw.gateway.store().version();
        gw.gateway.store().markUsed(Map.of(id, t1, keyId, t1));
        assertThat(gw.gateway.store().version()).isEqualTo(before);
        assertThat(gw.get("/access-keys/" + id).json().get("lastUsed").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(gw.get("/provider-keys/" + keyId).json().get("lastUsed").asText()).isEqualTo("2026-11-25T10:00:00Z");
        gw.gateway.store().markUsed(Map.of(id, t1.minusSeconds(60)));
        assertThat(gw.get("/access-keys/" + id).json().get("lastUsed").asText()).isEqualTo("2026-11-25T10:00:00Z");
    }
}
