package dev.switchboard.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The health dot stays green for a model server that closes idle keep-alive connections (llama.cpp
 * does after a few seconds): the check that finds its pooled connection dead tries a fresh one before
 * calling the server "not answering". The server here is a plain socket speaking HTTP/1.1 that drops a
 * connection after 300 ms idle without a word, as such servers do.
 */
class HealthKeepAliveTest {
    private static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"qwen2.5-coder-32b-instruct-q4_K_M\",\"object\":\"model\"}]}";

    @Test
    void staysGreenAcrossTheServersKeepAliveTimeout() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
             ModelServerClient client = new ModelServerClient(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3))) {
            Thread accept = new Thread(() -> serve(server, connections), "keep-alive-server");
            accept.setDaemon(true);
            accept.start();
            String baseUrl = "http://127.0.0.1:" + server.getLocalPort();

            for (int check = 0; check < 3; check++) {
                Health health = client.checkHealth(baseUrl).get();
                assertThat(health.reachability()).as("check %d: %s", check, health.answer()).isEqualTo(Reachability.REACHABLE);
                assertThat(health.answer()).isEqualTo("HTTP 200 from GET " + baseUrl + "/v1/models");
                Thread.sleep(600);
            }
            assertThat(connections.get()).as("each check after the idle timeout needed a new connection").isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void redOnlyWhenAFreshConnectionFailsToo() throws Exception {
        int closed = ScriptedModelServer.closedPort();
        try (ModelServerClient client = new ModelServerClient(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            Health health = client.checkHealth("http://127.0.0.1:" + closed).get();
            assertThat(health.reachability()).isEqualTo(Reachability.UNREACHABLE);
            assertThat(health.answer()).contains("on a fresh connection too");
            assertThat(health.checkedAt()).isNotNull();
        }
    }

    private static void serve(ServerSocket server, AtomicInteger connections) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread t = new Thread(() -> answerUntilIdle(socket));
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void answerUntilIdle(Socket socket) {
        try (socket) {
            socket.setSoTimeout(300);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            while (true) {
                String line;
                try {
                    line = in.readLine();
                } catch (SocketTimeoutException idle) {
                    return;
                }
                if (line == null) {
                    return;
                }
                while (line != null && !line.isEmpty()) {
                    line = in.readLine();
                }
                byte[] body = MODELS.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }
}
