package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Launcher.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void versionPrintsNameAndVersionAndExitsZero() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).matches("switchboard \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve", "--data", "--version");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("--nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--nope'");
    }

    @Test
    void badPortIsAUsageError() {
        assertThat(run("serve", "--port", "abc")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be a number");
    }

    @Test
    void dataFolderPrefersFlagThenEnvironmentThenOsDefault() {
        Map<String, String> env = Map.of(DataFolder.ENV_VAR, "/env/home");
        assertThat(DataFolder.resolve("/flag", env, "Linux", "/home/u")).isEqualTo(Path.of("/flag"));
        assertThat(DataFolder.resolve(null, env, "Linux", "/home/u")).isEqualTo(Path.of("/env/home"));
        assertThat(DataFolder.resolve(null, Map.of(), "Linux", "/home/u"))
                .isEqualTo(Path.of("/home/u/.local/share/switchboard"));
        assertThat(DataFolder.resolve(null, Map.of(), "Mac OS X", "/Users/u"))
                .isEqualTo(Path.of("/Users/u/Library/Application Support/Switchboard"));
    }
}
