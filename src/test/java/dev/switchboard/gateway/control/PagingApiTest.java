package dev.switchboard.gateway.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.GatewayHarness.Answer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingApiTest {
    @TempDir
    static Path data;
    static GatewayHarness gw;
    static List<String> providerIds = new ArrayList<>();

    @BeforeAll
    static void start() {
        gw = new GatewayHarness(data);
        for (int i = 0; i < 7; i++) {
            providerIds.add(gw.provider("page-" + i).get("id").asText());
        }
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> out = new ArrayList<>();
        page.get(field).forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    private static String relative(String uri) {
        return uri.replaceFirst("^http://127\\.0\\.0\\.1:\\d+", "");
    }

    @Test
    void threePagesNewestFirst() {
        Answer first = gw.get("/providers?limit=3");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("uri").asText()).isEqualTo(gw.gateway.baseUrl() + "/providers?limit=3");
        assertThat(ids(first.json(), "aiGatewayProviders"))
                .containsExactly(providerIds.get(6), providerIds.get(5), providerIds.get(4));
        String next = first.json().get("nextPageUri").asText();
        assertThat(next).startsWith(gw.gateway.baseUrl() + "/providers?").contains("beforeId=" + providerIds.get(4));

        Answer second = gw.get(relative(next));
        assertThat(ids(second.json(), "aiGatewayProviders"))
                .containsExactly(providerIds.get(3), providerIds.get(2), providerIds.get(1));
        Answer third = gw.get(relative(second.json().get("nextPageUri").asText()));
        assertThat(ids(third.json(), "aiGatewayProviders")).containsExactly(providerIds.get(0));
        assertThat(third.json().get("nextPageUri").isNull()).isTrue();
    }

    @Test
    void exactlyFullLastPageHasNoNext() {
        Answer all = gw.get("/providers?limit=7");
        assertThat(ids(all.json(), "aiGatewayProviders")).hasSize(7);
        assertThat(all.json().get("nextPageUri").isNull()).isTrue();
        assertThat(ids(gw.get("/providers").json(), "aiGatewayProviders")).hasSize(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5"})
    void badLimitIs400(String limit) {
        Answer a = gw.get("/providers?limit=" + limit);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.errorCode()).isEqualTo(ErrorCodes.BAD_REQUEST);
        assertThat(a.field()).isEqualTo("limit");
    }

    @Test
    void unknownBeforeIdIs400() {
        Answer a = gw.get("/providers?beforeId=aigp_nope");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.field()).isEqualTo("beforeId");
    }

    @Test
    void providerKeysPageWithinTheProviderFilter(@TempDir Path own) {
        try (GatewayHarness fresh = new GatewayHarness(own)) {
            providerKeysPage(fresh);
        }
    }

    private static void providerKeysPage(GatewayHarness gw) {
        gw.provider("keyed-a");
        gw.provider("keyed-b");
        List<String> aKeys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            aKeys.add(gw.providerKey("keyed-a", "a" + i, "secret-value-a-" + i).get("id").asText());
            gw.providerKey("keyed-b", "b" + i, "secret-value-b-" + i);
        }
        Answer first = gw.get("/provider-keys?provider=keyed-a&limit=2");
        assertThat(ids(first.json(), "aiGatewayProviderKeys")).containsExactly(aKeys.get(4), aKeys.get(3));
        String next = first.json().get("nextPageUri").asText();
        assertThat(next).contains("provider=keyed-a");
        Answer second = gw.get(relative(next));
        assertThat(ids(second.json(), "aiGatewayProviderKeys")).containsExactly(aKeys.get(2), aKeys.get(1));
        Answer third = gw.get(relative(second.json().get("nextPageUri").asText()));
        assertThat(ids(third.json(), "aiGatewayProviderKeys")).containsExactly(aKeys.get(0));
        assertThat(third.json().get("nextPageUri").isNull()).isTrue();
        third.json().get("aiGatewayProviderKeys").forEach(k ->
                assertThat(k.get("providerId").asText()).isEqualTo("keyed-a"));
        assertThat(ids(gw.get("/provider-keys?provider=keyed-b").json(), "aiGatewayProviderKeys")).hasSize(5);
        assertThat(ids(gw.get("/provider-keys?provider=nobody").json(), "aiGatewayProviderKeys")).isEmpty();
    }

    @Test
    void accessKeysAndConfigurationsPageToo(@TempDir Path own) {
        try (GatewayHarness fresh = new GatewayHarness(own)) {
            accessKeysPage(fresh);
        }
    }

    private static void accessKeysPage(GatewayHarness gw) {
        List<String> configs = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            configs.add(gw.post("/access-key-configurations", "{\"name\": \"cfg-" + i + "\"}").json().get("id").asText());
            keys.add(gw.post("/access-keys", "{\"name\": \"key-" + i + "\"}").json().get("id").asText());
        }
        Answer c1 = gw.get("/access-key-configurations?limit=2");
        assertThat(ids(c1.json(), "aiGatewayAccessKeyConfigurations")).containsExactly(configs.get(4), configs.get(3));
        Answer c2 = gw.get(relative(c1.json().get("nextPageUri").asText()));
        assertThat(ids(c2.json(), "aiGatewayAccessKeyConfigurations")).containsExactly(configs.get(2), configs.get(1));
        Answer c3 = gw.get(relative(c2.json().get("nextPageUri").asText()));
        assertThat(ids(c3.json(), "aiGatewayAccessKeyConfigurations")).containsExactly(configs.get(0));

        Answer k1 = gw.get("/access-keys?limit=2");
        assertThat(ids(k1.json(), "aiGatewayAccessKeys")).containsExactly(keys.get(4), keys.get(3));
        Answer k2 = gw.get(relative(k1.json().get("nextPageUri").asText()));
        assertThat(ids(k2.json(), "aiGatewayAccessKeys")).containsExactly(keys.get(2), keys.get(1));
        Answer k3 = gw.get(relative(k2.json().get("nextPageUri").asText()));
        assertThat(ids(k3.json(), "aiGatewayAccessKeys")).containsExactly(keys.get(0));
        assertThat(k3.json().get("nextPageUri").isNull()).isTrue();
        Answer head = gw.call("HEAD", "/access-keys?limit=2", null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.raw().body()).isEmpty();
    }
}
