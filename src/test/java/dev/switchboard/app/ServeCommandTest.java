package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {

    @Test
    void printsOneReadyLineServesAndStopsCleanly(@TempDir Path data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        Launcher.CommandLine cli = Launcher.CommandLine.parse(new String[]{"serve", "--port", "0", "--data",
                data.toString()});
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ServeCommand.run(cli,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                stop));
        await().atMost(Duration.ofSeconds(20)).until(() -> out.toString(StandardCharsets.UTF_8).contains("\n"));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).matches("Switchboard gateway listening on http://127\\.0\\.0\\.1:\\d+\\R");
        String url = printed.substring(printed.indexOf("http://")).strip();

        String adminKey = Files.readString(data.resolve("admin-key")).strip();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/providers"))
                .header("Authorization", "Bearer " + adminKey).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"aiGatewayProviders\":[]");

        stop.countDown();
        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(adminKey);
    }

    @Test
    void aTakenPortExitsWithAMessage(@TempDir Path data) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Launcher.run(new String[]{"serve", "--port", String.valueOf(taken.getLocalPort()), "--data",
                    data.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(code).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("switchboard: Could not listen on",
                    String.valueOf(taken.getLocalPort()));
        }
    }
}
