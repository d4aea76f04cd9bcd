package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.api.ProviderKeyRotate;
import dev.switchboard.api.ProviderUpdate;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.client.ConflictException;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.ListOptions;
import dev.switchboard.client.NotFoundException;
import dev.switchboard.client.UnauthorizedException;
import dev.switchboard.client.ValidationException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's own client against the real embedded gateway: the contract both sides read from API.md. */
class GatewayClientAgainstEmbeddedTest {
    @TempDir
    Path data;
    EmbeddedGateway gateway;
    GatewayClient client;

    @BeforeEach
    void start() {
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(data));
        client = GatewayClient.builder().embedded(gateway.baseUrl().toString()).apiKey(gateway.adminKey()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
    }

    @Test
    void everyResourceThroughTheClient() {
        Provider p = client.providers().create(ProviderCreate.of("my-ollama", "Local Ollama", "http://localhost:11434",
                List.of(ApiSurface.openAiChat()), List.of("llama3.2", "qwen")).withMetadata("desk"));
        assertThat(p.id()).startsWith("aigp_");
        assertThat(p.models()).extracting(m -> m.modelId()).containsExactly("llama3.2", "qwen");
        Provider updated = client.providers().update(p.id(), ProviderUpdate.builder().name("Renamed")
                .clearMetadata().modelIds(List.of("llama3.2")).build());
        assertThat(updated.name()).isEqualTo("Renamed");
        assertThat(updated.metadata()).isNull();
        assertThat(updated.models()).hasSize(1);
        assertThat(client.providers().get(p.id())).isEqualTo(updated);

        ProviderKey key = client.providerKeys().create(ProviderKeyCreate.of("my-ollama", "primary", "sk-client-secret-0001"));
        assertThat(key.keyRedacted()).isEqualTo("sk-c***0001");
        ProviderKey rotated = client.providerKeys().rotate(key.id(), ProviderKeyRotate.of("sk-client-secret-0002"));
        assertThat(rotated.keyRedacted()).endsWith("0002");
        assertThat(client.providerKeys().listForProvider("my-ollama").toList()).extracting(ProviderKey::id)
                .containsExactly(key.id());

        AccessKeyConfiguration config = client.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of(
                "team-local", new Access(new AllowList(List.of("my-ollama")), null),
                new Router(List.of(new RouterRule("my-ollama", null, List.of(RouterStep.ordered(List.of(
                        StepKey.existing(key.id()), StepKey.create("backup", "sk-inline-0003")))))))));
        List<StepKey> keys = config.router().rules().get(0).steps().get(0).keys();
        assertThat(keys).hasSize(2);
        assertThat(keys.get(1).id()).startsWith("aigpk_");
        assertThat(keys.get(1).value()).isNull();
        AccessKeyConfiguration cleared = client.accessKeyConfigurations().update(config.id(),
                AccessKeyConfigurationUpdate.builder().clearAccess().build());
        assertThat(cleared.access()).isNull();
        assertThat(cleared.router()).isEqualTo(config.router());

        AccessKey ak = client.accessKeys().create(AccessKeyCreate.of("laptop", config.id()));
        assertThat(ak.token()).startsWith("ng-");
        assertThat(client.accessKeys().get(ak.id()).token()).isNull();
        assertThat(ak.accessKeyConfiguration().name()).isEqualTo("team-local");
        AccessKey allowAll = client.accessKeys().update(ak.id(), AccessKeyUpdate.builder().clearAccessKeyConfiguration()
                .build());
        assertThat(allowAll.accessKeyConfiguration()).isNull();

        GatewayConfig gc = client.updateGatewayConfig(GatewayConfigUpdate.builder().totalTimeout("2m")
                .maxInputTokens(4000).build());
        assertThat(gc).isEqualTo(new GatewayConfig("embedded", gateway.baseUrl() + "/gateway-config", "2m", "60s", 4000L,
                null, null));
        assertThat(client.gatewayConfig()).isEqualTo(gc);

        for (int i = 0; i < 5; i++) {
            client.providers().create(ProviderCreate.of("extra-" + i, "x", "https://x.example.com", null, null));
        }
        assertThat(client.providers().list(ListOptions.limit(2)).toList()).hasSize(6);
        assertThat(client.providers().page(ListOptions.limit(2)).items()).hasSize(2);
    }

    @Test
    void errorsArriveAsTypedExceptions() {
        assertThatThrownBy(() -> client.providers().create(ProviderCreate.of("openai", "x", "https://x.example.com",
                null, null)))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.field()).contains("providerId");
                    assertThat(e.errorCode()).contains("ERR_NGROK_27007");
                });
        client.providers().create(ProviderCreate.of("taken", "x", "https://x.example.com", null, null));
        assertThatThrownBy(() -> client.providers().create(ProviderCreate.of("taken", "x", "https://x.example.com",
                null, null))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> client.providers().get("aigp_missing")).isInstanceOf(NotFoundException.class);
        try (GatewayClient wrong = GatewayClient.builder().embedded(gateway.baseUrl().toString()).apiKey("wrong")
                .build()) {
            assertThatThrownBy(() -> wrong.gatewayConfig()).isInstanceOf(UnauthorizedException.class);
        }
    }
}
