package dev.switchboard.gateway.translate;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.GatewayConfig;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderModel;
import dev.switchboard.gateway.dataplane.DataPlaneHandler;
import dev.switchboard.gateway.route.GatewayCatalog;
import dev.switchboard.gateway.upstream.SurfaceTranslators;
import dev.switchboard.gateway.usage.AttemptRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The real data plane on a real loopback port, with a chat-completions-only provider {@code local}
 * (model {@code llama3.2}), a messages-only provider {@code anthro} (model {@code claude-x}), both at the
 * same scripted model server, and one allow-all access key. It stands in for the embedded gateway until the
 * data plane is wired into it; the provider table is held in memory instead of SQLite.
 */
final class TranslationGateway implements AutoCloseable {
    private static final String TOKEN = "ng-translation-e2e-token";

    private final Server server;
    private final List<AttemptRecord> attempts = new CopyOnWriteArrayList<>();

    private TranslationGateway(String modelBaseUrl) {
        Provider provider = new Provider("aigp_local", null, null, null, null, null, null, null, "local", "Local model",
                modelBaseUrl.replaceAll("/$", ""), List.of(ApiSurface.openAiChat()), List.of(ProviderModel.of("llama3.2")));
        Provider anthropicOnly = new Provider("aigp_anthro", null, null, null, null, null, null, null, "anthro",
                "Messages-only model", modelBaseUrl.replaceAll("/$", ""), List.of(ApiSurface.anthropicMessages()),
                List.of(ProviderModel.of("claude-x")));
        GatewayCatalog catalog = new GatewayCatalog() {
            @Override
            public Optional<AccessKeyGrant> accessKeyByTokenHash(String tokenSha256Hex) {
                return tokenSha256Hex.equals(sha256(TOKEN))
                        ? Optional.of(new AccessKeyGrant("aigk_e2e", tokenSha256Hex, null)) : Optional.empty();
            }

            @Override
            public Optional<AccessKeyConfiguration> configuration(String configurationId) {
                return Optional.empty();
            }

            @Override
            public List<Provider> providers() {
                return List.of(provider, anthropicOnly);
            }

            @Override
            public List<ProviderKeySecret> providerKeys() {
                return List.of();
            }

            @Override
            public GatewayConfig gatewayConfig() {
                return GatewayConfig.defaults();
            }

            @Override
            public void accessKeyUsed(String accessKeyId) {
            }

            @Override
            public void providerKeyUsed(String providerKeyId) {
            }

            @Override
            public void addChangeListener(Runnable listener) {
            }
        };
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new DataPlaneHandler(catalog, SurfaceTranslators.builtIn(), attempts::add));
    }

    static TranslationGateway start(Path dataDir, String modelBaseUrl) throws Exception {
        TranslationGateway gateway = new TranslationGateway(modelBaseUrl);
        gateway.server.start();
        return gateway;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    String accessToken() {
        return TOKEN;
    }

    /** The usage records of the upstream attempts made so far. */
    List<AttemptRecord> attempts() {
        return List.copyOf(attempts);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
