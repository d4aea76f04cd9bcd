package dev.switchboard.app;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.GatewayException;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.gateway.server.AdminKey;
import dev.switchboard.viewmodel.settings.Settings;
import dev.switchboard.viewmodel.settings.SettingsStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway a command works on: {@code --gateway URL --api-key K}, or else the embedded gateway of
 * the data folder ({@code --data DIR} / {@code $SWITCHBOARD_HOME}): the one already running on it (found
 * at the app's port or serve's default port with the folder's admin key), or one started for the command.
 */
final class CommandGateway implements AutoCloseable {
    private final GatewayClient client;
    private final EmbeddedGateway started;
    private final Path dataDir;
    private final String description;

    private CommandGateway(GatewayClient client, EmbeddedGateway started, Path dataDir, String description) {
        this.client = client;
        this.started = started;
        this.dataDir = dataDir;
        this.description = description;
    }

    /**
     * @param url    {@code --gateway} (null: the embedded gateway)
     * @param apiKey {@code --api-key} (required with a URL)
     */
    static CommandGateway open(String url, String apiKey, String dataFlag, Map<String, String> env) {
        if (url != null) {
            return remote(url, apiKey, "--gateway", "--api-key");
        }
        if (apiKey != null) {
            throw new IllegalArgumentException("--api-key goes with --gateway URL");
        }
        Path data = DataFolder.resolve(dataFlag);
        AdminKey key = AdminKey.loadOrCreate(data, env);
        for (int port : candidatePorts(data)) {
            GatewayClient client = client("http://127.0.0.1:" + port, key.value());
            if (answers(client)) {
                return new CommandGateway(client, null, data, "the embedded gateway running at http://127.0.0.1:"
                        + port + " (data folder " + data + ")");
            }
            client.close();
        }
        EmbeddedGateway gateway = EmbeddedGateway.start(GatewayOptions.loopback(data));
        return new CommandGateway(client(gateway.baseUrl().toString(), gateway.adminKey()), gateway, data,
                "the embedded gateway of " + data + " (started for this command)");
    }

    /** A gateway given by URL and API key ({@code --to URL --to-api-key K} names the flags in messages). */
    static CommandGateway remote(String url, String apiKey, String urlFlag, String keyFlag) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(urlFlag + " needs " + keyFlag + " K");
        }
        try {
            return new CommandGateway(client(url, apiKey), null, null, url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(urlFlag + " " + url + ": " + e.getMessage());
        }
    }

    private static Set<Integer> candidatePorts(Path data) {
        Set<Integer> ports = new LinkedHashSet<>();
        try {
            Settings s = new SettingsStore(data).load();
            if (s.embeddedPort() != null && s.embeddedPort() > 0) {
                ports.add(s.embeddedPort());
            }
        } catch (RuntimeException e) {
            // an unreadable settings file only means the app's port is unknown
        }
        ports.add(GatewayOptions.DEFAULT_PORT);
        return ports;
    }

    private static boolean answers(GatewayClient client) {
        try {
            client.gatewayConfig();
            return true;
        } catch (GatewayException e) {
            return false;
        }
    }

    private static GatewayClient client(String url, String key) {
        return GatewayClient.builder().embedded(url).apiKey(key)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(30)).build();
    }

    GatewayClient client() {
        return client;
    }

    /** The embedded gateway's data folder, or empty for a gateway given by URL. */
    Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        client.close();
        if (started != null) {
            started.close();
        }
    }
}
