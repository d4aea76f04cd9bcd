package dev.switchboard.diagnose;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.Router;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real embedded gateway (standard data plane) on a free loopback port with a temp data folder, a
 * {@link GatewayClient} for it, and helpers that set up providers, configurations and keys through the
 * control plane only.
 */
public final class DiagnosisFixture implements AutoCloseable {
    public static final String MODEL = "qwen2.5-coder-32b-instruct-q4_K_M";
    private static final AtomicInteger SEQ = new AtomicInteger();

    public final EmbeddedGateway gateway;
    public final GatewayClient client;

    public DiagnosisFixture(Path dataDir) {
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(dataDir));
        client = GatewayClient.builder().embedded(gateway.baseUrl().toString()).apiKey(gateway.adminKey()).build();
    }

    /** A new provider id, so tests sharing one gateway never collide. */
    public static String providerId(String stem) {
        return stem + "-" + SEQ.incrementAndGet();
    }

    public Provider provider(String providerId, String baseUrl, List<ApiSurface> surfaces, String... models) {
        return client.providers().create(ProviderCreate.of(providerId, providerId, baseUrl, surfaces, List.of(models)));
    }

    public Provider provider(String providerId, String baseUrl) {
        return provider(providerId, baseUrl, List.of(ApiSurface.openAiChat()), MODEL);
    }

    public AccessKeyConfiguration configuration(String name, Access access, Router router) {
        return client.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of(name + "-" + SEQ.incrementAndGet(),
                access, router));
    }

    /** A configuration that allows exactly this provider (and any of its models), with no router. */
    public AccessKeyConfiguration allowing(String providerId) {
        return configuration("team-local", new Access(new AllowList(List.of(providerId)), null), null);
    }

    /** A key with this configuration; the answer carries its token. */
    public AccessKey key(String name, AccessKeyConfiguration configuration) {
        return client.accessKeys().create(AccessKeyCreate.of(name, configuration == null ? null : configuration.id()));
    }

    public DiagnosisRequest request(AccessKey key, String providerId) {
        return DiagnosisRequest.of(key.id(), key.token(), providerId + ":" + MODEL, null);
    }

    @Override
    public void close() {
        client.close();
        gateway.close();
    }
}
