package dev.switchboard.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.gateway.GatewayHarness.Answer;
import dev.switchboard.gateway.server.AdminKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedGatewayTest {

    @Test
    void startsOnAFreeLoopbackPortAndClosesIdempotently(@TempDir Path data) {
        EmbeddedGateway gw = EmbeddedGateway.start(GatewayOptions.loopback(data), null);
        try {
            assertThat(gw.port()).isPositive();
            assertThat(gw.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + gw.port());
            assertThat(gw.adminKey()).hasSizeGreaterThanOrEqualTo(22);
            assertThat(gw.store()).isNotNull();
        } finally {
            gw.close();
            gw.close();
        }
    }

    @Test
    void adminKeyAndDatabaseAreOwnerOnly(@TempDir Path data) throws Exception {
        try (EmbeddedGateway gw = EmbeddedGateway.start(GatewayOptions.loopback(data), null)) {
            Path keyFile = data.resolve(AdminKey.FILE_NAME);
            assertThat(Files.readString(keyFile, StandardCharsets.UTF_8).strip()).isEqualTo(gw.adminKey());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("switchboard.db"))))
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void aDataFolderItCreatesIsOwnerOnly(@TempDir Path parent) {
        Path data = parent.resolve("new-home");
        try (EmbeddedGateway gw = EmbeddedGateway.start(GatewayOptions.loopback(data), null)) {
            assertThat(Files.isRegularFile(data.resolve("switchboard.db"))).isTrue();
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void adminKeyFromTheEnvironmentWinsAndWritesNoFile(@TempDir Path data) {
        AdminKey fromEnv = AdminKey.loadOrCreate(data, Map.of(AdminKey.ENV_VAR, "env-admin-key-0123456789"));
        assertThat(fromEnv.value()).isEqualTo("env-admin-key-0123456789");
        assertThat(fromEnv.fromEnvironment()).isTrue();
        assertThat(Files.exists(data.resolve(AdminKey.FILE_NAME))).isFalse();
        assertThat(fromEnv.toString()).doesNotContain("env-admin-key");
        AdminKey made = AdminKey.loadOrCreate(data, Map.of());
        AdminKey again = AdminKey.loadOrCreate(data, Map.of());
        assertThat(again.value()).isEqualTo(made.value()).startsWith("sbadm_");
        assertThat(made.identity()).isEqualTo(again.identity());
        assertThat(made.identity().id()).doesNotContain(made.value());
        assertThat(made.matchesAuthorization("Bearer " + made.value())).isTrue();
        assertThat(made.matchesAuthorization("Bearer " + made.value() + "x")).isFalse();
        assertThat(made.matchesAuthorization(made.value())).isFalse();
    }

    @Test
    void restartKeepsEverything(@TempDir Path data) {
        try (GatewayHarness gw = new GatewayHarness(data)) {
            String adminKey = gw.gateway.adminKey();
            JsonNode provider = gw.provider("kept", "m1");
            JsonNode key = gw.providerKey("kept", "k", "kept-secret-value");
            JsonNode config = gw.post("/access-key-configurations", "{\"name\": \"c\", \"router\": {\"rules\": [{"
                    + "\"provider\": \"kept\", \"steps\": [{\"keys\": [{\"id\": \"" + key.get("id").asText()
                    + "\"}]}]}]}}").json();
            JsonNode access = gw.post("/access-keys", "{\"name\": \"a\", \"accessKeyConfigurationId\": \""
                    + config.get("id").asText() + "\"}").json();
            gw.patch("/gateway-config", "{\"totalTimeout\": \"90s\"}");
            int oldPort = gw.gateway.port();

            gw.restart();

            assertThat(gw.gateway.adminKey()).isEqualTo(adminKey);
            String base = gw.gateway.baseUrl().toString();
            String oldBase = "http://127.0.0.1:" + oldPort;
            assertThat(gw.get("/providers/" + provider.get("id").asText()).raw().body())
                    .isEqualTo(provider.toString().replace(oldBase, base));
            assertThat(gw.get("/provider-keys/" + key.get("id").asText()).json().get("keyRedacted"))
                    .isEqualTo(key.get("keyRedacted"));
            assertThat(gw.get("/access-key-configurations/" + config.get("id").asText()).json().get("router"))
                    .isEqualTo(config.get("router"));
            Answer a = gw.get("/access-keys/" + access.get("id").asText());
            assertThat(a.json().get("keyRedacted")).isEqualTo(access.get("keyRedacted"));
            assertThat(gw.gateway.store().accessKeys().findByTokenHash(
                    dev.switchboard.gateway.access.AccessTokens.hash(access.get("token").asText()))).isPresent();
            assertThat(gw.get("/gateway-config").json().get("totalTimeout").asText()).isEqualTo("90s");
            assertThat(gw.gateway.store().providerKeys().secretValue(key.get("id").asText()))
                    .contains("kept-secret-value");
        }
    }

    @Test
    void aPluggedDataPlaneServesV1AndControlPlaneStaysSeparate(@TempDir Path data) {
        DataPlaneFactory factory = store -> new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.write(true, java.nio.ByteBuffer.wrap(("data plane " + store.providers().count()
                        + " " + Request.getPathInContext(request)).getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        };
        try (EmbeddedGateway gw = EmbeddedGateway.start(GatewayOptions.loopback(data), factory)) {
            var http = java.net.http.HttpClient.newHttpClient();
            var r = http.send(java.net.http.HttpRequest.newBuilder(gw.baseUrl().resolve("/v1/models")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("data plane 0 /v1/models");
            var control = http.send(java.net.http.HttpRequest.newBuilder(gw.baseUrl().resolve("/providers")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(control.statusCode()).isEqualTo(401);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTakenPortIsAReadableFailure(@TempDir Path a, @TempDir Path b) {
        try (EmbeddedGateway first = EmbeddedGateway.start(GatewayOptions.loopback(a), null)) {
            GatewayOptions same = GatewayOptions.loopback(b).withPort(first.port());
            assertThatThrownBy(() -> EmbeddedGateway.start(same, null))
                    .isInstanceOf(GatewayStartException.class)
                    .hasMessageContaining(String.valueOf(first.port()))
                    .hasMessageContaining("--port");
        }
    }

    @Test
    void clientHostForBindAddresses() {
        assertThat(EmbeddedGateway.clientHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(EmbeddedGateway.clientHost("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(EmbeddedGateway.clientHost("::")).isEqualTo("127.0.0.1");
        assertThat(EmbeddedGateway.clientHost("192.168.7.9")).isEqualTo("192.168.7.9");
    }
}
