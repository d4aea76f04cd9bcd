package dev.switchboard.app;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.GatewayConfigUpdate;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.api.SupportedParam;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.transfer.ConfigFile;
import dev.switchboard.transfer.GatewaySnapshot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Real embedded gateways (no data plane) in temp folders, a sample configuration, and the CLI run in-process. */
final class TransferFixture {
    static final String VLLM_KEY = "sk-vllm-primary-7f3c9a1e5b2d4086";
    static final String VLLM_BACKUP_KEY = "sk-vllm-backup-2b8e6d0c4a1f9375";
    static final String GROQ_KEY = "gsk_live_9d8c7b6a5f4e3d2c1b0a";
    static final List<String> SECRETS = List.of(VLLM_KEY, VLLM_BACKUP_KEY, GROQ_KEY);

    private TransferFixture() {
    }

    /** A running gateway and a client for its control plane. */
    record Running(EmbeddedGateway gateway, GatewayClient client) implements AutoCloseable {
        static Running start(Path dataDir) {
            EmbeddedGateway g = EmbeddedGateway.start(GatewayOptions.loopback(dataDir), null);
            return new Running(g, GatewayClient.builder().embedded(url(g)).apiKey(g.adminKey()).build());
        }

        String url() {
            return url(gateway);
        }

        private static String url(EmbeddedGateway g) {
            return g.baseUrl().toString();
        }

        String adminKey() {
            return gateway.adminKey();
        }

        ConfigFile state() {
            return GatewaySnapshot.read(client).toConfigFile();
        }

        GatewaySnapshot snapshot() {
            return GatewaySnapshot.read(client);
        }

        @Override
        public void close() {
            client.close();
            gateway.close();
        }
    }

    /** The result of one CLI run. */
    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Launcher.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Three providers (a local vLLM, an external Groq-compatible API, an LM Studio with no key), three keys, two
     * configurations (an allowlist with a provider rule of two keys in order plus a model rule; and allow-all),
     * and non-default gateway settings.
     */
    static void populate(GatewayClient c) {
        c.providers().create(ProviderCreate.of("my-workstation-vllm", "Workstation vLLM", "http://127.0.0.1:8000/v1",
                List.of(new ApiSurface("openai", "chat-completions", List.of(new SupportedParam("temperature"),
                        new SupportedParam("max_tokens"))), ApiSurface.openAiResponses()),
                List.of("qwen2.5-coder-32b-instruct-q4_K_M", "llama-3.1-8b-instruct")));
        c.providers().create(ProviderCreate.of("team-groq", "Groq (team account)", "https://api.groq.com/openai/v1",
                List.of(ApiSurface.openAiChat()), List.of("llama-3.3-70b-versatile"))
                .withMetadata("{\"owner\":\"platform-team\"}"));
        c.providers().create(ProviderCreate.of("lmstudio-laptop", "LM Studio", "http://localhost:1234",
                List.of(ApiSurface.openAiChat()), List.of("phi-4-mini-instruct")));
        ProviderKey primary = c.providerKeys().create(new ProviderKeyCreate("my-workstation-vllm", "primary",
                VLLM_KEY, "the workstation's --api-key", null));
        ProviderKey backup = c.providerKeys().create(ProviderKeyCreate.of("my-workstation-vllm", "backup",
                VLLM_BACKUP_KEY));
        ProviderKey groq = c.providerKeys().create(ProviderKeyCreate.of("team-groq", "team", GROQ_KEY));
        c.accessKeyConfigurations().create(new AccessKeyConfigurationCreate("team-local",
                new Access(new AllowList(List.of("my-workstation-vllm", "team-groq")),
                        new AllowList(List.of("my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M",
                                "team-groq:llama-3.3-70b-versatile"))),
                new Router(List.of(
                        new RouterRule("my-workstation-vllm", null, List.of(RouterStep.ordered(List.of(
                                StepKey.existing(backup.id()), StepKey.existing(primary.id()))))),
                        new RouterRule(null, "team-groq:llama-3.3-70b-versatile", List.of(RouterStep.ordered(
                                List.of(StepKey.existing(groq.id()))))))),
                "laptops of the platform team", null));
        c.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("everything", null, null));
        c.updateGatewayConfig(GatewayConfigUpdate.builder().totalTimeout("3m").perRequestTimeout("45s")
                .maxInputTokens(32000).build());
    }
}
