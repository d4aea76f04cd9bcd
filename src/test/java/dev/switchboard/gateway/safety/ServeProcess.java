package dev.switchboard.gateway.safety;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code switchboard serve} as a child JVM: the test JVM's own java binary and class path (so it works
 * under {@code mvn verify} before anything is packaged), stdout and stderr in files beside the data folder.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Switchboard gateway listening on (http://\\S+)");

    final Process process;
    final Path out;
    final Path err;
    private String baseUrl;

    private ServeProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code serve --port 0 --data dataDir}; {@code env} is added to the child's environment. */
    static ServeProcess start(Path dataDir, Path logDir, String name, Map<String, String> env) throws IOException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "dev.switchboard.app.Launcher", "serve", "--port", "0", "--data", dataDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        return new ServeProcess(pb.start(), out, err);
    }

    /** Waits for the ready line and returns the base URL; fails with the child's output if it exits or is slow. */
    String awaitReady(Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            Matcher m = READY.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (m.find()) {
                baseUrl = m.group(1);
                return baseUrl;
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve exited with " + process.exitValue() + " before its ready line:\n"
                        + output());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serve printed no ready line within " + deadline + ":\n" + output());
    }

    String baseUrl() {
        return baseUrl;
    }

    /** SIGKILL (what {@link Process#destroyForcibly} sends on Linux); returns the exit status the JVM reports. */
    int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("serve did not die within 30 s of SIGKILL");
        }
        return process.exitValue();
    }

    String output() {
        try {
            return "--- stdout\n" + Files.readString(out, StandardCharsets.UTF_8) + "--- stderr\n"
                    + Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /** A plain stop (SIGTERM, the shutdown hook closes the gateway). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
