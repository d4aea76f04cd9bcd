package dev.switchboard.viewmodel.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void defaultsWhenNothingIsSaved() {
        Settings s = new SettingsStore(dir.resolve("fresh")).load();
        assertThat(s.mode()).isEqualTo(GatewayMode.EMBEDDED);
        assertThat(s.controlPlaneUrl()).isEqualTo("https://api.ngrok.ai");
        assertThat(s.dataPlaneUrl()).isEqualTo("https://gateway.ngrok.ai");
        assertThat(s.theme()).isEqualTo(Theme.LIGHT);
        assertThat(s.embeddedPort()).isEqualTo(7878);
    }

    @Test
    void savesAndLoadsEverySetting() {
        SettingsStore store = new SettingsStore(dir);
        Settings saved = Settings.defaults()
                .withConnection(GatewayMode.HOSTED, "https://cp.example", "https://dp.example")
                .withTheme(Theme.DARK)
                .withWindow(new WindowBounds(10, 20, 1000, 700, true))
                .withEmbeddedPort(9999);
        store.save(saved);
        assertThat(new SettingsStore(dir).load()).isEqualTo(saved);
    }

    @Test
    void updateKeepsFieldsItDoesNotTouch() {
        SettingsStore store = new SettingsStore(dir);
        store.update(s -> s.withTheme(Theme.DARK));
        store.update(s -> s.withConnection(GatewayMode.HOSTED, "https://cp.example", "https://dp.example"));
        Settings s = store.load();
        assertThat(s.theme()).isEqualTo(Theme.DARK);
        assertThat(s.mode()).isEqualTo(GatewayMode.HOSTED);
    }

    @Test
    void readsTheFileAsEarlierVersionsWroteIt() throws Exception {
        // Written by Jackson's data binding, as every version before this one did: a never-placed window is "NaN".
        Files.writeString(dir.resolve(SettingsStore.SETTINGS_FILE), """
                {
                  "mode" : "HOSTED",
                  "controlPlaneUrl" : "https://api.ngrok.ai",
                  "dataPlaneUrl" : "https://my-team-gateway.internal",
                  "theme" : "DARK",
                  "window" : {
                    "x" : "NaN",
                    "y" : "NaN",
                    "width" : 1180.0,
                    "height" : 760.0,
                    "maximized" : false
                  },
                  "embeddedPort" : 0
                }
                """);
        Settings s = new SettingsStore(dir).load();
        assertThat(s).isEqualTo(Settings.defaults()
                .withConnection(GatewayMode.HOSTED, "https://api.ngrok.ai", "https://my-team-gateway.internal")
                .withTheme(Theme.DARK)
                .withEmbeddedPort(0));
        assertThat(s.window().hasPosition()).isFalse();
    }

    @Test
    void aNeverPlacedWindowRoundTrips() {
        SettingsStore store = new SettingsStore(dir);
        store.save(Settings.defaults());
        assertThat(store.load()).isEqualTo(Settings.defaults());
        assertThat(store.load().window().hasPosition()).isFalse();
    }

    @Test
    void aBadValueCostsOnlyThatSetting() throws Exception {
        Files.writeString(dir.resolve(SettingsStore.SETTINGS_FILE), """
                {"mode": "sideways", "theme": "DARK", "embeddedPort": "7879", "futureSetting": {"a": [1, {"b": 2}]},
                 "window": {"x": 40, "y": 30, "width": "wide", "height": 900, "maximized": true},
                 "controlPlaneUrl": 42, "dataPlaneUrl": "https://dp.example"}
                """);
        Settings s = new SettingsStore(dir).load();
        assertThat(s.mode()).isEqualTo(GatewayMode.EMBEDDED);
        assertThat(s.theme()).isEqualTo(Theme.DARK);
        assertThat(s.embeddedPort()).isEqualTo(Settings.DEFAULT_EMBEDDED_PORT);
        assertThat(s.controlPlaneUrl()).isEqualTo(Settings.DEFAULT_CONTROL_PLANE_URL);
        assertThat(s.dataPlaneUrl()).isEqualTo("https://dp.example");
        assertThat(s.window()).isEqualTo(new WindowBounds(40, 30, WindowBounds.defaults().width(), 900, true));
    }

    @Test
    void aFileThatIsNotOneObjectFallsBackToDefaults() throws Exception {
        for (String text : new String[] {"", "null", "[]", "{\"theme\": \"DARK\"} {}", "{\"theme\": \"DARK\""}) {
            Files.writeString(dir.resolve(SettingsStore.SETTINGS_FILE), text);
            assertThat(new SettingsStore(dir).load()).as(text).isEqualTo(Settings.defaults());
        }
    }

    @Test
    void aCorruptFileFallsBackToDefaults() throws Exception {
        Files.writeString(dir.resolve(SettingsStore.SETTINGS_FILE), "{not json");
        assertThat(new SettingsStore(dir).load()).isEqualTo(Settings.defaults());
    }

    @Test
    void apiKeyLivesInAnOwnerOnlyFileAndNotInSettingsJson() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        store.save(Settings.defaults());
        store.saveApiKey("  sk-secret-123  ");
        assertThat(store.loadApiKey()).contains("sk-secret-123");
        assertThat(Files.readString(store.settingsFile())).doesNotContain("sk-secret-123");
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertThat(Files.getPosixFilePermissions(store.apiKeyFile()))
                .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void aBlankApiKeyDeletesTheFile() {
        SettingsStore store = new SettingsStore(dir);
        store.saveApiKey("k");
        store.saveApiKey(" ");
        assertThat(store.loadApiKey()).isEmpty();
        assertThat(store.apiKeyFile()).doesNotExist();
    }
}
