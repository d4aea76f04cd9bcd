package dev.switchboard.viewmodel.providerkeys;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.testing.ModelServers;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A model server for the data-plane checks: answers every chat completion, records the Authorization
 * header of each call, and holds back its answer for {@link #slow} key values, so the gateway's
 * per-request timeout can fail over to the next key.
 */
public final class ScriptedModelServer implements AutoCloseable {
    public static final String MODEL = "qwen2.5-coder-32b-instruct-q4_K_M";
    public final MockWebServer server = ModelServers.mockWebServer();
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    public final Set<String> slow = ConcurrentHashMap.newKeySet();

    public ScriptedModelServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String auth = request.getHeaders().get("Authorization");
                authorizations.add(String.valueOf(auth));
                MockResponse.Builder answer = new MockResponse.Builder().code(200)
                        .addHeader("Content-Type", "application/json")
                        .body("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + MODEL
                                + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},"
                                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,"
                                + "\"total_tokens\":2}}");
                if (auth != null && slow.stream().anyMatch(v -> auth.equals("Bearer " + v))) {
                    answer.headersDelay(4, TimeUnit.SECONDS);
                }
                return answer.build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A configuration allowing {@code providerId} that routes through {@code keys} in order. */
    public static AccessKeyConfiguration routeThrough(GatewayClient admin, String name, String providerId,
                                                      List<ProviderKey> keys) {
        Access access = new Access(new AllowList(List.of(providerId)), null);
        Router router = new Router(List.of(new RouterRule(providerId, null,
                List.of(RouterStep.ordered(keys.stream().map(k -> StepKey.existing(k.id())).toList())))));
        return admin.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of(name, access, router));
    }

    /** A new access key with {@code configuration}, returning its token. */
    public static String accessKey(GatewayClient admin, String name, AccessKeyConfiguration configuration) {
        return admin.accessKeys().create(AccessKeyCreate.of(name, configuration.id())).token();
    }


    @Override
    public void close() throws IOException {
        server.close();
    }
}
