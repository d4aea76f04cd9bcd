package dev.switchboard.app;

import static dev.switchboard.app.TransferFixture.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.app.TransferFixture.Run;
import dev.switchboard.app.TransferFixture.Running;
import dev.switchboard.transfer.ConfigFile;
import dev.switchboard.transfer.ConfigFileException;
import dev.switchboard.transfer.ConfigFiles;
import dev.switchboard.transfer.ProviderEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportPruneAndErrorsTest {
    private static final String GOOD = """
            version: 1
            providers:
              - providerId: my-workstation-vllm
                name: Workstation vLLM
                baseUrl: http://127.0.0.1:8000/v1
                supportedApiSurfaces:
                  - format: openai
                    surface: chat-completions
                models:
                  - qwen2.5-coder-32b-instruct-q4_K_M
            providerKeys:
              - provider: my-workstation-vllm
                name: primary
            accessKeyConfigurations:
              - name: team-local
                router:
                  rules:
                    - provider: my-workstation-vllm
                      steps:
                        - keys:
                            - primary
            """;

    @TempDir
    static Path tmp;
    static Running gateway;

    @BeforeAll
    static void start() {
        gateway = Running.start(tmp.resolve("data"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private Run importFile(String name, String text, String... flags) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(new String[]{"import", file.toString(),
                "--gateway", gateway.url(), "--api-key", gateway.adminKey()}), java.util.Arrays.stream(flags))
                .toArray(String[]::new);
        return cli(all);
    }

    @Test
    void aFileWithAnErrorIsRefusedWithItsLineAndNothingChanges() throws Exception {
        ConfigFile before = gateway.state();
        Run unknownField = importFile("unknown.yaml", GOOD.replace("    name: Workstation vLLM\n",
                "    name: Workstation vLLM\n    baseURL: http://127.0.0.1:9000\n"));
        assertThat(unknownField.code()).isEqualTo(1);
        assertThat(unknownField.err()).contains("unknown.yaml:5:").contains("unknown field 'baseURL'")
                .contains("baseUrl");

        Run badYaml = importFile("syntax.yaml", GOOD.replace("  - provider: my-workstation-vllm\n",
                "  - provider: [my-workstation-vllm\n"));
        assertThat(badYaml.code()).isEqualTo(1);
        assertThat(badYaml.err()).containsPattern("syntax\\.yaml:1[0-9]:\\d+: ");

        Run danglingKey = importFile("dangling.yaml", GOOD.replace("                - primary\n",
                "                - primray\n"));
        assertThat(danglingKey.code()).isEqualTo(1);
        assertThat(danglingKey.err()).contains("dangling.yaml:21:19:")
                .contains("uses provider key 'my-workstation-vllm/primray', which is not among the file's providerKeys");

        Run missingName = importFile("noname.yaml", GOOD.replace("    name: Workstation vLLM\n", ""));
        assertThat(missingName.code()).isEqualTo(1);
        assertThat(missingName.err()).contains("noname.yaml:3:").contains("provider 'my-workstation-vllm': name is required");

        Run wrongType = importFile("type.yaml", "version: 1\ngateway:\n  maxInputTokens: lots\n");
        assertThat(wrongType.code()).isEqualTo(1);
        assertThat(wrongType.err()).contains("type.yaml:3:").contains("/gateway/maxInputTokens");

        Run missingFile = cli("import", tmp.resolve("nope.yaml").toString(), "--gateway", gateway.url(),
                "--api-key", gateway.adminKey());
        assertThat(missingFile.err()).contains("nope.yaml: no such file");
        assertThat(gateway.state()).isEqualTo(before);
    }

    @Test
    void theReaderNamesLineAndColumnOfADuplicateProvider() {
        String twice = GOOD.replace("providerKeys:\n", """
                  - providerId: my-workstation-vllm
                    name: again
                    baseUrl: http://127.0.0.1:8001
                providerKeys:
                """);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ConfigFileException.class,
                () -> ConfigFiles.read(twice, "twice.yaml")))
                .satisfies(e -> {
                    assertThat(e.line()).isEqualTo(11);
                    assertThat(e.column()).isEqualTo(17);
                    assertThat(e.problem()).contains("provider 'my-workstation-vllm' is listed twice");
                });
    }

    @Test
    void aLanHttpBaseUrlThatNoGatewayTakesIsRefusedAtItsLineBeforeAnyPlan() throws Exception {
        String lan = GOOD.replace("providerKeys:\n", """
                  - providerId: team-gpu-box-ollama-server
                    name: Team GPU box
                    baseUrl: http://192.168.1.20:11434
                providerKeys:
                """);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ConfigFileException.class,
                () -> ConfigFiles.read(lan, "lan.yaml")))
                .satisfies(e -> {
                    assertThat(e.line()).isEqualTo(13);
                    assertThat(e.problem()).isEqualTo("provider 'team-gpu-box-ollama-server': baseUrl"
                            + " 'http://192.168.1.20:11434' must use https://: gateways take http:// only for ngrok"
                            + " internal endpoints (hosts ending in .internal) and, on the embedded gateway, this"
                            + " machine (localhost, 127.0.0.1)");
                });
        for (String fine : new String[] {"http://127.0.0.1:8001", "http://localhost:11434", "http://[::1]:8000",
                "http://my-ollama.internal", "https://192.168.1.20:11434"}) {
            String ok = GOOD.replace("providerKeys:\n", "  - providerId: extra\n    name: Extra\n    baseUrl: " + fine
                    + "\nproviderKeys:\n");
            assertThat(ConfigFiles.read(ok, "ok.yaml").providers()).extracting(p -> p.providerId()).contains("extra");
        }
    }

    @Test
    void aHostedGatewaysBuiltInProviderKeysAndNgrokStepsReadAndWriteBackUnchanged() throws Exception {
        String hosted = """
                # Switchboard gateway configuration (switchboard export). Provider-key values are not included.
                version: 1
                providerKeys:
                  - provider: openai
                    name: team-openai
                accessKeyConfigurations:
                  - name: team
                    router:
                      rules:
                        - provider: openai
                          steps:
                            - type: user
                              keySelectionStrategy: ordered
                              keys:
                                - team-openai
                            - type: ngrok
                """;
        ConfigFile file = ConfigFiles.read(hosted, "hosted.yaml");
        assertThat(file.accessKeyConfigurations().get(0).rules().get(0).steps()).hasSize(2);
        assertThat(ConfigFiles.write(file, ConfigFiles.Format.YAML)).isEqualTo(hosted);
    }

    @Test
    void aKeyWithoutAValueIsNamedAsStillToBeSetAndPruneDeletesOnlyWhatTheFileLacks() throws Exception {
        var c = gateway.client();
        c.providers().create(ProviderCreate.of("old-ollama", "Old Ollama", "http://127.0.0.1:11434",
                List.of(ApiSurface.openAiChat()), List.of("llama3.2")));
        c.providerKeys().create(ProviderKeyCreate.of("old-ollama", "unused", "sk-old-ollama-4b1d2c3e"));
        c.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("retired", null, null));

        Run first = importFile("good.yaml", GOOD);
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("Still to be set (no value in the file and not on the gateway):"
                + " my-workstation-vllm/primary")
                .contains("Note: Configuration 'team-local' will route without provider key 'my-workstation-vllm/primary'");
        ConfigFile after = gateway.state();
        assertThat(after.providers()).extracting(ProviderEntry::providerId)
                .containsExactly("my-workstation-vllm", "old-ollama");
        assertThat(after.accessKeyConfigurations()).hasSize(2);

        c.providerKeys().create(ProviderKeyCreate.of("my-workstation-vllm", "primary", "sk-vllm-set-by-hand-91ab"));
        Run pruned = importFile("good.yaml", GOOD, "--prune");
        assertThat(pruned.code()).as(pruned.toString()).isZero();
        assertThat(pruned.out()).contains("0 to create, 1 to update, 2 unchanged, 3 to delete")
                .contains("- delete access key configuration retired", "- delete provider key old-ollama/unused",
                        "- delete provider old-ollama")
                .doesNotContain("Still to be set");
        assertThat(pruned.out().indexOf("[2/4] delete access key configuration retired"))
                .isLessThan(pruned.out().indexOf("[3/4] delete provider key old-ollama/unused"));
        ConfigFile pruneState = gateway.state();
        assertThat(pruneState.providers()).extracting(ProviderEntry::providerId).containsExactly("my-workstation-vllm");
        assertThat(pruneState.providerKeys()).extracting(k -> k.label()).containsExactly("my-workstation-vllm/primary");
        assertThat(pruneState.accessKeyConfigurations()).singleElement()
                .satisfies(conf -> assertThat(conf.rules().get(0).steps().get(0).keys()).containsExactly("primary"));

        Run again = importFile("good.yaml", GOOD, "--prune", "--dry-run");
        assertThat(again.out()).contains("0 to create, 0 to update, 3 unchanged, 0 to delete");
    }
}
