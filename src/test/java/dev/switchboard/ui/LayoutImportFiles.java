package dev.switchboard.ui;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.transfer.AccessEntry;
import dev.switchboard.transfer.ConfigFile;
import dev.switchboard.transfer.ConfigFiles;
import dev.switchboard.transfer.ConfigurationEntry;
import dev.switchboard.transfer.GatewaySnapshot;
import dev.switchboard.transfer.ProviderEntry;
import dev.switchboard.transfer.ProviderKeyEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files the Layout test imports, as a teammate would hand them over: the gateway's own export changed
 * (a provider renamed with a model more, a new llama.cpp provider whose key has no value, the configuration
 * allowing it), and a hand-edited file with a typo.
 */
final class LayoutImportFiles {
    static final String LLAMACPP = "lab-llamacpp-mistral-small";

    private LayoutImportFiles() {
    }

    /** The gateway's configuration, exported and changed; saved by the same writer as Export…. */
    static Path teamFile(GatewayClient client, Path dir) {
        ConfigFile now = GatewaySnapshot.read(client).toConfigFile();
        List<ProviderEntry> providers = new ArrayList<>();
        for (ProviderEntry p : now.providers()) {
            if (p.providerId().equals(LayoutFixture.VLLM)) {
                List<String> models = new ArrayList<>(p.models());
                models.add("deepseek-coder-v2-lite-instruct-q8_0");
                p = new ProviderEntry(p.providerId(), "Workstation vLLM (RTX 4090, 3 models)", p.baseUrl(),
                        p.metadata(), p.supportedApiSurfaces(), models);
            }
            providers.add(p);
        }
        providers.add(new ProviderEntry(LLAMACPP, "Lab llama.cpp — Mistral Small", "http://lab-llamacpp.internal:8080/v1",
                null, now.providers().get(0).supportedApiSurfaces(), List.of("mistral-small-3.1-24b-instruct-2503-q4_K_M")));
        List<ProviderKeyEntry> keys = new ArrayList<>(now.providerKeys());
        keys.add(new ProviderKeyEntry(LLAMACPP, "lab-shared-key", "shared by the lab's notebooks", null, null));
        List<ConfigurationEntry> configurations = now.accessKeyConfigurations().stream().map(c -> {
            List<String> allowed = new ArrayList<>(c.access().providers().allow());
            allowed.add(LLAMACPP);
            return new ConfigurationEntry(c.name(), c.description(), c.metadata(),
                    new AccessEntry(new AccessEntry.Allow(allowed), c.access().models()), c.router());
        }).toList();
        Path file = dir.resolve("team-gateway-2026-12.yaml");
        try {
            Files.createDirectories(dir);
            ConfigFiles.save(file, new ConfigFile(ConfigFile.VERSION, now.gateway(), providers, keys, configurations));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A hand-edited file with a misspelt field on line 6. */
    static Path brokenFile(Path dir) {
        Path file = dir.resolve("hand-edited-gateway.yaml");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, "version: 1\nproviders:\n  - providerId: " + LayoutFixture.VLLM + "\n"
                    + "    name: Workstation vLLM\n    baseUrl: http://127.0.0.1:8000/v1\n"
                    + "    modles: [" + LayoutFixture.VLLM_MODELS.get(0) + "]\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
