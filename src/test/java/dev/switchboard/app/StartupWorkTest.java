package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.settings.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work done beside the toolkit's start: the saved settings first, then, after the first frame or when asked
 * for, the one shared HTTP client.
 */
class StartupWorkTest {
    @TempDir
    Path data;

    @Test
    void givesTheSavedSettingsAndOneSharedHttpClient() throws Exception {
        Files.writeString(data.resolve("settings.json"),
                "{\"mode\":\"HOSTED\",\"controlPlaneUrl\":\"https://my-team-gateway.internal\",\"theme\":\"DARK\",\"embeddedPort\":0}");

        StartupWork.Loaded loaded = StartupWork.start(data).await();

        assertThat(loaded.store().dataFolder()).isEqualTo(data);
        assertThat(loaded.settings().mode()).isEqualTo(GatewayMode.HOSTED);
        assertThat(loaded.settings().controlPlaneUrl()).isEqualTo("https://my-team-gateway.internal");
        assertThat(loaded.settings().theme()).isEqualTo(Theme.DARK);
        OkHttpClient http = loaded.http().get();
        assertThat(http).isNotNull().isSameAs(loaded.http().get());
        assertThat(http.sslSocketFactory()).isNotNull();
        http.dispatcher().executorService().shutdown();
    }

    @Test
    void theHttpClientWaitsForTheFirstFrame() throws Exception {
        StartupWork work = StartupWork.start(data);
        work.await();
        Thread.sleep(500);
        assertThat(work.httpClientFuture()).as("built before the first frame was drawn").isNotDone();

        work.firstFrameDrawn();
        OkHttpClient http = work.httpClientFuture().get(30, TimeUnit.SECONDS);
        assertThat(http.sslSocketFactory()).isNotNull();
        http.dispatcher().executorService().shutdown();
    }

    @Test
    void aFirstStartGetsTheDefaults() {
        StartupWork.Loaded loaded = StartupWork.start(data.resolve("new-user")).await();

        assertThat(loaded.settings().mode()).isEqualTo(GatewayMode.EMBEDDED);
        assertThat(loaded.settings().theme()).isEqualTo(Theme.LIGHT);
        loaded.http().get().dispatcher().executorService().shutdown();
    }
}
