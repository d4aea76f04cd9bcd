package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyConfigurationUpdate;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.AccessKeyUpdate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.GatewayConfig;
import dev.switchboard.api.GatewayConfigUpdate;
import dev.switchboard.api.Json;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.api.ProviderKeyRotate;
import dev.switchboard.api.ProviderKeyUpdate;
import dev.switchboard.api.ProviderModel;
import dev.switchboard.api.ProviderUpdate;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every control-plane operation and error type through the client, against the real embedded gateway. */
class GatewayClientEmbeddedTest {
    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    static Path dataDir;

    private static EmbeddedGateway gateway;
    private static GatewayClient client;

    @BeforeAll
    static void start() {
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(dataDir));
        client = GatewayClient.builder().embedded(gateway.baseUrl().toString()).apiKey(gateway.adminKey()).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + SEQ.incrementAndGet();
    }

    private static Provider newProvider() {
        String id = unique("prov");
        return client.providers().create(ProviderCreate.of(id, "Provider " + id, "http://127.0.0.1:11434",
                List.of(ApiSurface.openAiChat()), List.of("llama3.2", "qwen2.5:0.5b")));
    }

    @Test
    void providersCreateGetListUpdateAndDelete() {
        String id = unique("ollama");
        Provider created = client.providers().create(ProviderCreate.of(id, "Local Ollama", "http://localhost:11434",
                List.of(ApiSurface.openAiChat(), ApiSurface.openAiResponses()), List.of("llama3.2"))
                .withMetadata("{\"team\":\"a\"}"));
        assertThat(created.id()).startsWith("aigp_");
        assertThat(created.providerId()).isEqualTo(id);
        assertThat(created.models()).extracting(ProviderModel::modelId).containsExactly("llama3.2");
        assertThat(created.models().get(0).id()).isNotBlank();
        assertThat(created.createdAt()).isNotNull();

        assertThat(client.providers().get(created.id())).isEqualTo(created);
        assertThat(client.providers().list().stream().map(Provider::id)).contains(created.id());

        Provider updated = client.providers().update(created.id(), ProviderUpdate.builder()
                .name("Ollama").modelIds(List.of("llama3.2", "mistral")).build());
        assertThat(updated.name()).isEqualTo("Ollama");
        assertThat(updated.metadata()).as("left out, so unchanged").isEqualTo("{\"team\":\"a\"}");
        assertThat(updated.baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(updated.models()).extracting(ProviderModel::modelId).containsExactly("llama3.2", "mistral");
        assertThat(client.providers().update(created.id(), ProviderUpdate.builder().modelIds(List.of()).build()).models())
                .isNullOrEmpty();

        client.providers().delete(created.id());
        assertThatThrownBy(() -> client.providers().get(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void providerValidationErrorsNameTheField() {
        ValidationException missingUrl = catchThrowableOfType(ValidationException.class, () -> client.providers()
                .create(ProviderCreate.of(unique("p"), "P", null, null, null)));
        assertThat(missingUrl.field()).contains("baseUrl");
        assertThat(missingUrl.status()).isEqualTo(422);
        assertThat(missingUrl.errorCode()).contains("ERR_NGROK_27006");
        assertThat(missingUrl.getMessage()).isNotBlank().doesNotContain("Exception");

        ValidationException plainHttp = catchThrowableOfType(ValidationException.class, () -> client.providers()
                .create(ProviderCreate.of(unique("p"), "P", "http://models.example.com", null, null)));
        assertThat(plainHttp.field()).contains("baseUrl");

        ValidationException reserved = catchThrowableOfType(ValidationException.class, () -> client.providers()
                .create(ProviderCreate.of("openai", "P", "https://models.example.com", null, null)));
        assertThat(reserved.field()).contains("providerId");

        Provider existing = newProvider();
        ConflictException duplicate = catchThrowableOfType(ConflictException.class, () -> client.providers()
                .create(ProviderCreate.of(existing.providerId(), "Again", "https://models.example.com", null, null)));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.getMessage()).contains(existing.providerId());
    }

    @Test
    void providerKeysCreateGetListFilterUpdateRotateAndDeleteWithoutEverReturningTheValue() {
        Provider a = newProvider();
        Provider b = newProvider();
        String value = "sk-live-first-value-abcd";
        ProviderKey key = client.providerKeys().create(ProviderKeyCreate.of(a.providerId(), "primary", value));
        ProviderKey other = client.providerKeys().create(ProviderKeyCreate.of(b.providerId(), "other", "sk-other-value-wxyz"));
        assertThat(key.id()).startsWith("aigpk_");
        assertThat(key.keyRedacted()).endsWith("abcd").contains("***").doesNotContain(value);
        assertThat(key.toString()).doesNotContain(value);

        assertThat(client.providerKeys().get(key.id()).name()).isEqualTo("primary");
        assertThat(client.providerKeys().list().stream().map(ProviderKey::id)).contains(key.id(), other.id());
        assertThat(client.providerKeys().listForProvider(a.providerId()).toList()).extracting(ProviderKey::id)
                .containsExactly(key.id());
        assertThat(client.providerKeys().pageForProvider(b.providerId(), ListOptions.limit(10)).items())
                .extracting(ProviderKey::id).containsExactly(other.id());

        ProviderKey renamed = client.providerKeys().update(key.id(),
                ProviderKeyUpdate.builder().name("main").description("the one we pay for").build());
        assertThat(renamed.name()).isEqualTo("main");
        assertThat(renamed.description()).isEqualTo("the one we pay for");

        ProviderKey rotated = client.providerKeys().rotate(key.id(), new ProviderKeyRotate("rotated", "sk-live-second-value-9876"));
        assertThat(rotated.keyRedacted()).endsWith("9876");
        assertThat(rotated.name()).isEqualTo("rotated");

        ConflictException inUse = catchThrowableOfType(ConflictException.class, () -> client.providers().delete(a.id()));
        assertThat(inUse.getMessage()).contains(a.providerId());

        client.providerKeys().delete(key.id());
        assertThatThrownBy(() -> client.providerKeys().get(key.id())).isInstanceOf(NotFoundException.class);
        client.providers().delete(a.id());
    }

    @Test
    void accessKeysShowTheTokenOnceAndTakeOrLoseAConfiguration() {
        AccessKeyConfiguration config = client.accessKeyConfigurations().create(
                AccessKeyConfigurationCreate.of(unique("cfg"), null, null));
        AccessKey created = client.accessKeys().create(AccessKeyCreate.of("laptop"));
        assertThat(created.id()).startsWith("aigk_");
        assertThat(created.token()).startsWith("ng-");
        assertThat(created.toString()).doesNotContain(created.token());
        assertThat(created.accessKeyConfiguration()).isNull();

        AccessKey read = client.accessKeys().get(created.id());
        assertThat(read.token()).isNull();
        assertThat(read.keyRedacted()).isNotBlank().doesNotContain(created.token());

        AccessKey attached = client.accessKeys().update(created.id(),
                AccessKeyUpdate.builder().accessKeyConfigurationId(config.id()).build());
        assertThat(attached.accessKeyConfiguration().id()).isEqualTo(config.id());
        assertThat(attached.accessKeyConfiguration().name()).isEqualTo(config.name());
        assertThat(attached.name()).as("unchanged").isEqualTo("laptop");

        AccessKey detached = client.accessKeys().update(created.id(),
                AccessKeyUpdate.builder().clearAccessKeyConfiguration().name("desk").build());
        assertThat(detached.accessKeyConfiguration()).isNull();
        assertThat(detached.name()).isEqualTo("desk");

        ValidationException dangling = catchThrowableOfType(ValidationException.class, () -> client.accessKeys()
                .update(created.id(), AccessKeyUpdate.builder().accessKeyConfigurationId("aigac_doesnotexist").build()));
        assertThat(dangling.field()).contains("accessKeyConfigurationId");

        client.accessKeys().delete(created.id());
        assertThatThrownBy(() -> client.accessKeys().get(created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.accessKeys().delete(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void accessKeyConfigurationsCreateWithInlineKeysUpdateClearAndRefuseDeleteWhileUsed() {
        Provider p = newProvider();
        String inlineValue = "sk-inline-backup-5555";
        AccessKeyConfiguration config = client.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of(
                unique("team"),
                new Access(new AllowList(List.of(p.providerId())), new AllowList(List.of(p.providerId() + ":llama3.2"))),
                new Router(List.of(new RouterRule(p.providerId(), null,
                        List.of(RouterStep.ordered(List.of(StepKey.create("backup", inlineValue)))))))));
        assertThat(config.id()).startsWith("aigac_");
        assertThat(config.access().models().allow()).containsExactly(p.providerId() + ":llama3.2");
        StepKey stored = config.router().rules().get(0).steps().get(0).keys().get(0);
        assertThat(stored.id()).as("the inline key became a provider key").startsWith("aigpk_");
        assertThat(stored.value()).isNull();
        assertThat(Json.mapper().valueToTree(config).toString()).doesNotContain(inlineValue);
        assertThat(client.providerKeys().get(stored.id()).keyRedacted()).endsWith("5555");

        assertThat(client.accessKeyConfigurations().get(config.id()).name()).isEqualTo(config.name());
        assertThat(client.accessKeyConfigurations().list().stream().map(AccessKeyConfiguration::id)).contains(config.id());

        AccessKeyConfiguration open = client.accessKeyConfigurations().update(config.id(),
                AccessKeyConfigurationUpdate.builder().clearAccess().description("allow all").build());
        assertThat(open.access()).isNull();
        assertThat(open.router()).as("left out, so unchanged").isEqualTo(config.router());
        assertThat(open.description()).isEqualTo("allow all");

        AccessKey user = client.accessKeys().create(AccessKeyCreate.of("user", config.id()));
        assertThatThrownBy(() -> client.accessKeyConfigurations().delete(config.id())).isInstanceOf(ConflictException.class);
        client.accessKeys().delete(user.id());
        client.accessKeyConfigurations().delete(config.id());
        assertThatThrownBy(() -> client.accessKeyConfigurations().get(config.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void gatewayConfigReadsAndPatchesIncludingClearingACap() {
        GatewayConfig before = client.gatewayConfig();
        assertThat(before.totalTimeout()).isNotBlank();
        GatewayConfig capped = client.updateGatewayConfig(GatewayConfigUpdate.builder()
                .perRequestTimeout("30s").maxInputTokens(4096).build());
        assertThat(capped.perRequestTimeout()).isEqualTo("30s");
        assertThat(capped.maxInputTokens()).isEqualTo(4096L);
        assertThat(capped.totalTimeout()).isEqualTo(before.totalTimeout());
        GatewayConfig cleared = client.updateGatewayConfig(GatewayConfigUpdate.builder().clearMaxInputTokens().build());
        assertThat(cleared.maxInputTokens()).isNull();
        assertThat(client.gatewayConfig()).isEqualTo(cleared);

        ValidationException bad = catchThrowableOfType(ValidationException.class,
                () -> client.updateGatewayConfig(GatewayConfigUpdate.builder().totalTimeout("soon").build()));
        assertThat(bad.field()).contains("totalTimeout");
    }

    @Test
    void listingsWalkEveryPageLazilyNewestFirst() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(client.accessKeys().create(AccessKeyCreate.of(unique("paged"))).id());
        }
        Page<AccessKey> first = client.accessKeys().page(ListOptions.limit(2));
        assertThat(first.items()).hasSize(2);
        assertThat(first.hasNextPage()).isTrue();

        List<String> all = client.accessKeys().list(ListOptions.limit(2)).stream().map(AccessKey::id).toList();
        List<String> newestFirst = new ArrayList<>(made);
        java.util.Collections.reverse(newestFirst);
        assertThat(all).containsSubsequence(newestFirst);
        assertThat(all).doesNotHaveDuplicates();
        int pages = 0;
        for (Page<AccessKey> page : client.accessKeys().list(ListOptions.limit(2)).pages()) {
            assertThat(page.items().size()).isLessThanOrEqualTo(2);
            pages++;
        }
        assertThat(pages).isGreaterThanOrEqualTo(3);
    }

    @Test
    void wrongApiKeyIsUnauthorizedAndItNeverShows() {
        String wrong = "wrong-admin-key-0123456789";
        try (GatewayClient intruder = GatewayClient.builder().embedded(gateway.baseUrl().toString()).apiKey(wrong).build()) {
            UnauthorizedException e = catchThrowableOfType(UnauthorizedException.class, () -> intruder.providers().list().toList());
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).doesNotContain(wrong).doesNotContain(gateway.adminKey());
            assertThat(e.toString()).doesNotContain(wrong);
        }
    }

    @Test
    void aStoppedGatewayIsANetworkError(@TempDir Path otherDir) {
        EmbeddedGateway stopped = EmbeddedGateway.start(GatewayOptions.loopback(otherDir));
        String url = stopped.baseUrl().toString();
        String key = stopped.adminKey();
        stopped.close();
        try (GatewayClient c = GatewayClient.builder().embedded(url).apiKey(key).build()) {
            NetworkException e = catchThrowableOfType(NetworkException.class, c::gatewayConfig);
            assertThat(e.getMessage()).startsWith("Can't connect to the gateway at 127.0.0.1:");
        }
    }
}
