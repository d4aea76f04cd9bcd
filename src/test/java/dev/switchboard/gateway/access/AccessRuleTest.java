package dev.switchboard.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.dataplane.GatewayFixture;
import dev.switchboard.gateway.store.Store;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.stream.StreamSupport;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * ngrok's rule: creating a custom provider does not make every access key able to call it. A key with
 * no configuration calls no custom provider; {@code GET /v1/models} lists exactly what a key may call;
 * an upgraded data folder keeps its keys working through an explicit configuration.
 */
class AccessRuleTest {
    private static final String CHAT = "/v1/chat/completions";
    private static final String MODEL = "qwen2.5-coder-32b-instruct-q4_K_M";

    @TempDir
    static Path dataDir;
    static GatewayFixture gw;
    static String open;
    static String keyed;

    @BeforeAll
    static void start() {
        gw = new GatewayFixture(dataDir);
        open = GatewayFixture.newProviderId("my-workstation-vllm");
        gw.provider(open, "http://127.0.0.1:9/v1", List.of("openai/chat-completions"), List.of(MODEL, "llama3.2"));
        keyed = GatewayFixture.newProviderId("team-vllm");
        gw.provider(keyed, "http://127.0.0.1:9/v1", List.of("openai/chat-completions"), List.of(MODEL));
        gw.providerKey(keyed, "primary", "sk-team-vllm-0000-AAAA");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static String body(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    private static List<String> models(String token) throws IOException {
        Request req = new Request.Builder().url(gw.base + "/v1/models").header("Authorization", "Bearer " + token).build();
        try (Response r = gw.http.newCall(req).execute()) {
            assertThat(r.code()).isEqualTo(200);
            JsonNode data = Json.mapper().readTree(r.body().string()).get("data");
            return StreamSupport.stream(data.spliterator(), false).map(m -> m.get("id").asText()).toList();
        }
    }

    @Test
    void aKeyWithNoConfigurationCallsNoCustomProviderAndIsToldHowToAllowIt() throws IOException {
        String token = gw.accessKeyWithoutConfiguration(null);
        for (String model : List.of(open + ":" + MODEL, "llama3.2")) {
            try (Response r = gw.post(CHAT, token, body(model))) {
                JsonNode error = Json.mapper().readTree(r.body().string()).get("error");
                assertThat(r.code()).as(model).isEqualTo(422);
                assertThat(error.get("code").asText()).isEqualTo("ERR_NGROK_3803");
                assertThat(error.get("message").asText()).contains("no access key configuration", open,
                        "access.providers.allow", "accessKeyConfigurationId");
            }
        }
        assertThat(models(token)).isEmpty();
    }

    @Test
    void modelsListsExactlyWhatTheKeyMayCall() throws IOException {
        String everything = gw.accessKey(gw.configuration(null, null));
        assertThat(models(everything)).as("the keyed provider has no router rule giving it a key")
                .containsExactlyInAnyOrder(open + ":" + MODEL, open + ":llama3.2");
        try (Response r = gw.post(CHAT, everything, body(keyed + ":" + MODEL))) {
            assertThat(r.code()).as("what /v1/models leaves out is refused").isEqualTo(400);
        }

        String keyId = gw.admin("GET", "/provider-keys?provider=" + keyed, null).at("/aiGatewayProviderKeys/0/id")
                .asText();
        String routed = gw.accessKey(gw.configuration("{\"models\":{\"allow\":[\"" + keyed + ":" + MODEL + "\",\""
                + open + ":llama3.2\"]}}", "{\"rules\":[{\"provider\":\"" + keyed + "\",\"steps\":[{\"type\":\"user\","
                + "\"keys\":[{\"id\":\"" + keyId + "\"}]}]}]}"));
        assertThat(models(routed)).containsExactlyInAnyOrder(keyed + ":" + MODEL, open + ":llama3.2");
    }

    @Test
    void anUpgradeGivesEachKeyWithoutAConfigurationOneAllowingTheProvidersOfThatTime(@TempDir Path old)
            throws Exception {
        try (Store store = Store.open(old)) {
            store.write(() -> {
                store.providers().insert(provider("my-workstation-vllm"));
                store.providers().insert(provider("team-vllm"));
                store.accessKeys().insert("laptop", null, null, null, "ng-old-laptop-token-0001", null);
                store.accessKeys().insert(null, null, null, null, "ng-old-unnamed-token-0002", null);
                return null;
            });
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old.resolve(Store.FILE_NAME));
             Statement st = c.createStatement()) {
            // as a version-1 folder was: no metadata column, keys without configurations
            st.execute("ALTER TABLE gateway_config DROP COLUMN metadata");
            st.execute("PRAGMA user_version = 1");
        }

        Logger migrationLog = (Logger) LoggerFactory.getLogger("dev.switchboard.gateway.store.AccessRuleMigration");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        migrationLog.addAppender(logged);
        try {
            try (Store store = Store.open(old)) {
                List<AccessKey> keys = store.accessKeys().list(100, null).items();
                assertThat(keys).hasSize(2).allSatisfy(k -> assertThat(k.accessKeyConfiguration()).isNotNull());
                for (AccessKey k : keys) {
                    AccessKeyConfiguration c = store.configurations().get(k.accessKeyConfiguration().id()).orElseThrow();
                    assertThat(c.name()).isEqualTo((k.name() == null ? k.id() : k.name()) + " (all providers at upgrade)");
                    assertThat(c.access().providers().allow()).containsExactly("my-workstation-vllm", "team-vllm");
                    assertThat(c.access().models()).isNull();
                    assertThat(c.router()).isNull();
                    assertThat(c.createdBy().uri()).isNotNull();
                }
            }
            try (Store again = Store.open(old)) {
                assertThat(again.configurations().listAll()).hasSize(2);
            }
        } finally {
            migrationLog.detachAppender(logged);
        }
        assertThat(logged.list).as("said once, not again on the next start").hasSize(1);
        assertThat(logged.list.get(0).getFormattedMessage()).contains("2 access key(s)", "all providers at upgrade",
                "my-workstation-vllm");
    }

    private static dev.switchboard.api.Provider provider(String id) {
        return new dev.switchboard.api.Provider(null, null, null, null, null, null, null, id, id,
                "http://127.0.0.1:9/v1", List.of(), List.of());
    }
}
