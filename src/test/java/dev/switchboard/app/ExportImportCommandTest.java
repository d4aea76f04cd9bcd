package dev.switchboard.app;

import static dev.switchboard.app.TransferFixture.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.ProviderKey;
import dev.switchboard.app.TransferFixture.Run;
import dev.switchboard.app.TransferFixture.Running;
import dev.switchboard.transfer.ConfigFile;
import dev.switchboard.transfer.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportImportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void exportThenImportIntoAnEmptyGatewayGivesTheSameConfigurationAndASecondImportDoesNothing() throws Exception {
        Path sourceData = tmp.resolve("source");
        List<ProviderKey> sourceKeys;
        ConfigFile sourceState;
        try (Running source = Running.start(sourceData)) {
            TransferFixture.populate(source.client());
            sourceKeys = source.snapshot().providerKeys();
            sourceState = source.state();
        }
        // the source gateway is stopped: export starts it for the command, and reads the values from its store
        Path file = tmp.resolve("gateway.yaml");
        Run export = cli("export", "--data", sourceData.toString(), "--include-secrets", "--out", file.toString());
        assertThat(export.code()).as(export.toString()).isZero();
        assertThat(export.err()).contains("Exported 3 providers, 3 provider keys, 2 access key configurations");
        String text = Files.readString(file);
        assertThat(text).startsWith(ConfigFiles.SECRETS_HEADER + "\n");
        assertThat(text).contains(TransferFixture.SECRETS);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(text).doesNotContain("aigp_", "aigpk_", "aigac_", "createdAt", "updatedAt");
        TransferFixture.SECRETS.forEach(s -> assertThat(export.out() + export.err()).doesNotContain(s));

        try (Running target = Running.start(tmp.resolve("target"))) {
            Run imported = cli("import", file.toString(), "--gateway", target.url(), "--api-key", target.adminKey());
            assertThat(imported.code()).as(imported.toString()).isZero();
            assertThat(imported.out()).contains("8 to create, 1 to update, 0 unchanged, 0 to delete")
                    .contains("Applied all 9 changes.");
            TransferFixture.SECRETS.forEach(s -> assertThat(imported.out() + imported.err()).doesNotContain(s));

            ConfigFile copied = target.state();
            assertThat(copied.gateway()).isEqualTo(sourceState.gateway());
            assertThat(copied.providers()).isEqualTo(sourceState.providers());
            assertThat(copied.providerKeys()).isEqualTo(sourceState.providerKeys());
            assertThat(copied.accessKeyConfigurations()).isEqualTo(sourceState.accessKeyConfigurations());
            assertThat(copied.accessKeyConfigurations().get(1).rules().get(0).steps().get(0).keys())
                    .as("the keys of a step keep their order").containsExactly("backup", "primary");
            // the values themselves arrived: the gateway shows the same redacted form of each
            Comparator<ProviderKey> byLabel = Comparator.comparing(k -> k.providerId() + "/" + k.name());
            assertThat(target.snapshot().providerKeys().stream().sorted(byLabel).map(ProviderKey::keyRedacted))
                    .containsExactlyElementsOf(sourceKeys.stream().sorted(byLabel).map(ProviderKey::keyRedacted)
                            .toList());

            Run again = cli("import", file.toString(), "--gateway", target.url(), "--api-key", target.adminKey());
            assertThat(again.code()).as(again.toString()).isZero();
            assertThat(again.out()).contains("0 to create, 0 to update, 9 unchanged, 0 to delete")
                    .contains("Nothing to do");
            assertThat(target.state()).isEqualTo(copied);
        }
    }

    @Test
    void anExportIsByteIdenticalEachTimeAndHoldsNoSecretWithoutIncludeSecrets() throws Exception {
        try (Running gateway = Running.start(tmp.resolve("data"))) {
            TransferFixture.populate(gateway.client());
            Path first = tmp.resolve("first.yaml");
            Path second = tmp.resolve("second.yaml");
            Run a = cli("export", "--gateway", gateway.url(), "--api-key", gateway.adminKey(), "--out", first.toString());
            Run b = cli("export", "--gateway", gateway.url(), "--api-key", gateway.adminKey(), "--out",
                    second.toString());
            assertThat(a.code()).as(a.toString()).isZero();
            assertThat(b.code()).as(b.toString()).isZero();
            assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
            String text = Files.readString(first);
            TransferFixture.SECRETS.forEach(s -> assertThat(text).doesNotContain(s));
            assertThat(text).doesNotContain("value:").doesNotContain("***");
            assertThat(Files.getPosixFilePermissions(first)).contains(java.nio.file.attribute.PosixFilePermission
                    .OTHERS_READ);

            Run stdout = cli("export", "--gateway", gateway.url(), "--api-key", gateway.adminKey());
            assertThat(stdout.out()).isEqualTo(text);

            Run json = cli("export", "--gateway", gateway.url(), "--api-key", gateway.adminKey(), "--out",
                    tmp.resolve("gateway.json").toString());
            assertThat(json.code()).as(json.toString()).isZero();
            assertThat(ConfigFiles.read(tmp.resolve("gateway.json"))).isEqualTo(ConfigFiles.read(first));

            // the embedded gateway of a data folder is found where it runs (the app's port from settings.json)
            new dev.switchboard.viewmodel.settings.SettingsStore(tmp.resolve("data"))
                    .update(s -> s.withEmbeddedPort(gateway.gateway().port()));
            Run running = cli("export", "--data", tmp.resolve("data").toString());
            assertThat(running.err()).contains("from the embedded gateway running at " + gateway.url());
            assertThat(running.out()).isEqualTo(text);

            Run refused = cli("export", "--gateway", gateway.url(), "--api-key", gateway.adminKey(),
                    "--include-secrets");
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("--include-secrets works on the embedded gateway only");
        }
    }
}
