package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting the desktop app where there is no display says so in one line, points at {@code serve},
 * and exits with status 2, without a stack trace; the same JVM the jar runs, in a process of its own.
 */
class HeadlessStartTest {
    @TempDir
    Path data;

    @Test
    void withoutADisplayOneLineAndExitStatusTwo() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), "--data", data.toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(output).isEqualTo(Launcher.NO_DISPLAY);
        assertThat(output).doesNotContain("Exception", "\tat ", "Unsupported JavaFX configuration");
    }

    @Test
    void aDisplayIsNeededOnlyWhereX11OrWaylandProvideIt() {
        assertThat(Launcher.displayAvailable(Map.of(), "Linux")).isFalse();
        assertThat(Launcher.displayAvailable(Map.of("DISPLAY", ":0"), "Linux")).isTrue();
        assertThat(Launcher.displayAvailable(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux")).isTrue();
        assertThat(Launcher.displayAvailable(Map.of(), "Windows 11")).isTrue();
        assertThat(Launcher.displayAvailable(Map.of(), "Mac OS X")).isTrue();
    }
}
