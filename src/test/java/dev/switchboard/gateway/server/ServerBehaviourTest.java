package dev.switchboard.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.GatewayHarness;
import dev.switchboard.gateway.GatewayHarness.Answer;
import dev.switchboard.gateway.control.ErrorCodes;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerBehaviourTest {
    @TempDir
    static Path data;
    static GatewayHarness gw;

    @BeforeAll
    static void start() {
        gw = new GatewayHarness(data);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer wrong", "Bearer ", "Basic abc", "bearer-less"})
    void wrongOrMissingAdminKeyIs401(String authorization) {
        Answer a = gw.call("GET", "/providers", null, authorization.isEmpty() ? null : authorization);
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.errorCode()).isEqualTo(ErrorCodes.UNAUTHORIZED);
        assertThat(a.json().get("statusCode").asInt()).isEqualTo(401);
        assertThat(a.json().get("msg").asText()).contains("admin key").doesNotContain(gw.gateway.adminKey());
        assertThat(gw.call("POST", "/providers", "{}", authorization.isEmpty() ? null : authorization).status())
                .isEqualTo(401);
        assertThat(gw.call("GET", "/nowhere", null, authorization.isEmpty() ? null : authorization).status())
                .isEqualTo(401);
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        assertThat(gw.call("GET", "/providers", null, "bearer " + gw.gateway.adminKey()).status()).isEqualTo(200);
    }

    @Test
    void unknownPathIs404WithErrorJson() {
        Answer a = gw.get("/nope");
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.errorCode()).isEqualTo(ErrorCodes.NOT_FOUND);
        assertThat(a.header("Content-Type")).isEqualTo("application/json");
        assertThat(gw.get("/").status()).isEqualTo(404);
        assertThat(gw.get("/providers/a/b").status()).isEqualTo(404);
    }

    @Test
    void dataPlaneWithoutAHandlerIsAJson404() {
        Answer a = gw.call("POST", "/v1/chat/completions", "{}", null);
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.errorCode()).isEqualTo(ErrorCodes.NOT_FOUND);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        Answer a = gw.call("PUT", "/providers", "{}");
        assertThat(a.status()).isEqualTo(405);
        assertThat(a.errorCode()).isEqualTo(ErrorCodes.METHOD_NOT_ALLOWED);
        assertThat(a.header("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(gw.call("POST", "/providers/aigp_x", "{}").status()).isEqualTo(405);
        assertThat(gw.call("DELETE", "/access-keys", null).status()).isEqualTo(405);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "[1,2]", "\"text\"", "null", "{\"a\":1} {\"b\":2}",
            "{\"providerId\":\"a\",\"providerId\":\"b\"}"})
    void malformedBodiesAre400(String body) {
        Answer a = gw.post("/providers", body);
        assertThat(a.status()).as(a.toString()).isEqualTo(400);
        assertThat(a.errorCode()).isEqualTo(ErrorCodes.BAD_REQUEST);
        assertThat(a.json().get("msg").asText()).isNotBlank();
    }

    @Test
    void badQueryEncodingIs400() throws Exception {
        String response = raw("GET /providers?limit=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + gw.gateway.adminKey() + "\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).contains("\"errorCode\":\"ERR_NGROK_27000\"");
    }

    private static String raw(String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.gateway.port())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void emptyBodyIs400() {
        Answer a = gw.call("POST", "/providers", null);
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.errorCode()).isEqualTo(ErrorCodes.BAD_REQUEST);
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        String big = "{\"providerId\": \"big\", \"baseUrl\": \"https://a.example.com\", \"metadata\": \""
                + "x".repeat(1024 * 1024) + "\"}";
        Answer a = gw.post("/providers", big);
        assertThat(a.status()).isEqualTo(413);
        assertThat(a.errorCode()).isEqualTo(ErrorCodes.BODY_TOO_LARGE);
        assertThat(a.json().get("statusCode").asInt()).isEqualTo(413);
        // just under the limit is read (and then refused for its metadata length, not its size)
        String under = "{\"providerId\": \"big\", \"baseUrl\": \"https://a.example.com\", \"metadata\": \""
                + "x".repeat(1024 * 1024 - 100) + "\"}";
        Answer b = gw.post("/providers", under);
        assertThat(b.status()).isEqualTo(422);
        assertThat(b.field()).isEqualTo("metadata");
    }

    @Test
    void badHttpGetsTheErrorJsonToo() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gw.gateway.port())) {
            OutputStream out = s.getOutputStream();
            out.write("GET /providers HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).contains("\"errorCode\":\"ERR_NGROK_27000\"", "\"statusCode\":400");
        }
    }

    @Test
    void remoteClientsAreRefusedUnlessAllowed() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5000);
        InetSocketAddress loopback6 = new InetSocketAddress(InetAddress.getByName("::1"), 5000);
        InetSocketAddress lan = new InetSocketAddress(InetAddress.getByName("192.168.1.20"), 5000);
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("::ffff:10.0.0.1"), 5000);
        assertThat(AdminAccess.isAllowed(loopback, false)).isTrue();
        assertThat(AdminAccess.isAllowed(loopback6, false)).isTrue();
        assertThat(AdminAccess.isAllowed(lan, false)).isFalse();
        assertThat(AdminAccess.isAllowed(mapped, false)).isFalse();
        assertThat(AdminAccess.isAllowed(null, false)).isFalse();
        assertThat(AdminAccess.isAllowed(lan, true)).isTrue();
    }
}
