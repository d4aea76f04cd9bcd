package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.api.AccessKeyUpdate;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.GatewayConfigUpdate;
import dev.switchboard.api.Json;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.api.ProviderKeyRotate;
import dev.switchboard.api.ProviderUpdate;
import dev.switchboard.testing.ModelServers;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control plane against MockWebServer scripting answers the hosted API gives and the embedded gateway can't easily. */
class GatewayClientHostedApiTest {
    private static final String API_KEY = "ak_live_0123456789abcdefSECRET";

    private MockWebServer server;
    private GatewayClient client;

    @BeforeEach
    void start() throws Exception {
        server = ModelServers.mockWebServer();
        server.start();
        client = clientFor(server.url("/").toString(), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static GatewayClient clientFor(String url, Duration readTimeout) {
        return GatewayClient.builder().controlPlaneUrl(url).dataPlaneUrl(url).apiKey(API_KEY)
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(readTimeout).build();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static String provider(String id, String providerId) {
        return "{\"id\":\"" + id + "\",\"uri\":\"https://api.ngrok.ai/providers/" + id + "\","
                + "\"createdAt\":\"2026-11-25T10:00:00Z\",\"updatedAt\":\"2026-11-25T10:00:00Z\","
                + "\"providerId\":\"" + providerId + "\",\"name\":\"N " + providerId + "\",\"baseUrl\":\"https://x.example\","
                + "\"supportedApiSurfaces\":[{\"format\":\"openai\",\"surface\":\"chat-completions\"}],"
                + "\"models\":[{\"id\":\"aigpm_1\",\"modelId\":\"llama3.2\"}]}";
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(2, TimeUnit.SECONDS);
        assertThat(r).as("request reached the server").isNotNull();
        return r;
    }

    @Test
    void threePageListingIsFetchedLazilyFollowingNextPageUri() throws Exception {
        // Page links as the hosted API writes them: absolute, on its own host. Only path and query are kept.
        server.enqueue(json(200, "{\"aiGatewayProviders\":[" + provider("aigp_6", "f") + "," + provider("aigp_5", "e")
                + "],\"uri\":\"https://api.ngrok.ai/providers?limit=2\","
                + "\"nextPageUri\":\"https://api.ngrok.ai/providers?limit=2&beforeId=aigp_5\"}"));
        server.enqueue(json(200, "{\"aiGatewayProviders\":[" + provider("aigp_4", "d") + "," + provider("aigp_3", "c")
                + "],\"uri\":\"/providers?limit=2&beforeId=aigp_5\",\"nextPageUri\":\"/providers?limit=2&beforeId=aigp_3\"}"));
        server.enqueue(json(200, "{\"aiGatewayProviders\":[" + provider("aigp_2", "b")
                + "],\"uri\":\"/providers?limit=2&beforeId=aigp_3\",\"nextPageUri\":null}"));

        Listing<Provider> listing = client.providers().list(ListOptions.limit(2));
        assertThat(server.getRequestCount()).as("nothing fetched before iterating").isZero();

        Iterator<Provider> it = listing.iterator();
        assertThat(it.next().providerId()).isEqualTo("f");
        assertThat(it.next().providerId()).isEqualTo("e");
        assertThat(server.getRequestCount()).as("one page so far").isEqualTo(1);
        assertThat(it.next().providerId()).isEqualTo("d");
        assertThat(server.getRequestCount()).isEqualTo(2);
        List<String> rest = List.of(it.next().providerId(), it.next().providerId());
        assertThat(rest).containsExactly("c", "b");
        assertThat(it.hasNext()).isFalse();
        assertThat(server.getRequestCount()).isEqualTo(3);

        RecordedRequest first = take();
        assertThat(first.getTarget()).isEqualTo("/providers?limit=2");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(take().getTarget()).isEqualTo("/providers?limit=2&beforeId=aigp_5");
        assertThat(take().getTarget()).isEqualTo("/providers?limit=2&beforeId=aigp_3");
    }

    @Test
    void streamStopsFetchingWhenConsumerStopsAndOnePageCallSendsPagingParameters() throws Exception {
        server.enqueue(json(200, "{\"aiGatewayProviderKeys\":[{\"id\":\"aigpk_2\",\"providerId\":\"p\",\"name\":\"b\","
                + "\"keyRedacted\":\"sk-***abcd\"},{\"id\":\"aigpk_1\",\"providerId\":\"p\",\"name\":\"a\"}],"
                + "\"uri\":\"/provider-keys\",\"nextPageUri\":\"/provider-keys?beforeId=aigpk_1&provider=p\"}"));
        List<String> names = client.providerKeys().listForProvider("p").stream().limit(2)
                .map(ProviderKey::name).collect(Collectors.toList());
        assertThat(names).containsExactly("b", "a");
        assertThat(server.getRequestCount()).as("second page never needed").isEqualTo(1);
        assertThat(take().getTarget()).isEqualTo("/provider-keys?provider=p");

        server.enqueue(json(200, "{\"aiGatewayProviderKeys\":[],\"uri\":\"/provider-keys\",\"nextPageUri\":null}"));
        Page<ProviderKey> page = client.providerKeys().pageForProvider("my ollama", ListOptions.limit(10).beforeId("aigpk_9"));
        assertThat(page.items()).isEmpty();
        assertThat(page.hasNextPage()).isFalse();
        assertThat(take().getTarget()).isEqualTo("/provider-keys?limit=10&beforeId=aigpk_9&provider=my%20ollama");
    }

    @Test
    void createSendsOnlyTheGivenFieldsAndPatchTellsUnchangedFromCleared() throws Exception {
        server.enqueue(json(201, provider("aigp_1", "my-ollama")));
        Provider created = client.providers().create(ProviderCreate.of("my-ollama", "Local", "https://o.example",
                List.of(ApiSurface.openAiChat()), List.of("llama3.2")));
        assertThat(created.id()).isEqualTo("aigp_1");
        assertThat(created.models().get(0).modelId()).isEqualTo("llama3.2");
        RecordedRequest post = take();
        assertThat(post.getMethod()).isEqualTo("POST");
        assertThat(Json.mapper().readTree(post.getBody().utf8())).isEqualTo(Json.mapper().readTree(
                "{\"providerId\":\"my-ollama\",\"name\":\"Local\",\"baseUrl\":\"https://o.example\","
                        + "\"supportedApiSurfaces\":[{\"format\":\"openai\",\"surface\":\"chat-completions\"}],"
                        + "\"models\":[{\"modelId\":\"llama3.2\"}]}"));

        server.enqueue(json(200, provider("aigp_1", "my-ollama")));
        client.providers().update("aigp_1", ProviderUpdate.builder().name("x").clearDescription().build());
        RecordedRequest patch = take();
        assertThat(patch.getMethod()).isEqualTo("PATCH");
        assertThat(patch.getTarget()).isEqualTo("/providers/aigp_1");
        assertThat(Json.mapper().readTree(patch.getBody().utf8()))
                .isEqualTo(Json.mapper().readTree("{\"name\":\"x\",\"description\":null}"));

        server.enqueue(json(200, "{\"id\":\"aigk_1\",\"name\":\"k\",\"accessKeyConfiguration\":null}"));
        client.accessKeys().update("aigk_1", AccessKeyUpdate.builder().clearAccessKeyConfiguration().build());
        assertThat(take().getBody().utf8()).isEqualTo("{\"accessKeyConfigurationId\":null}");

        server.enqueue(json(200, "{\"totalTimeout\":\"2m\",\"perRequestTimeout\":\"60s\",\"maxInputTokens\":null,\"maxOutputTokens\":500}"));
        var config = client.updateGatewayConfig(GatewayConfigUpdate.builder().totalTimeout("2m")
                .clearMaxInputTokens().maxOutputTokens(500).build());
        assertThat(config.maxOutputTokens()).isEqualTo(500L);
        assertThat(config.maxInputTokens()).isNull();
        assertThat(Json.mapper().readTree(take().getBody().utf8())).isEqualTo(Json.mapper().readTree(
                "{\"totalTimeout\":\"2m\",\"maxInputTokens\":null,\"maxOutputTokens\":500}"));
    }

    @Test
    void deleteAndRotateUseTheirVerbsAndPaths() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        client.providers().delete("aigp_1");
        RecordedRequest delete = take();
        assertThat(delete.getMethod()).isEqualTo("DELETE");
        assertThat(delete.getTarget()).isEqualTo("/providers/aigp_1");

        server.enqueue(json(200, "{\"id\":\"aigpk_1\",\"providerId\":\"p\",\"name\":\"new\",\"keyRedacted\":\"sk-n***wxyz\"}"));
        ProviderKey rotated = client.providerKeys().rotate("aigpk_1", new ProviderKeyRotate("new", "sk-new-value-wxyz"));
        assertThat(rotated.keyRedacted()).isEqualTo("sk-n***wxyz");
        RecordedRequest rotate = take();
        assertThat(rotate.getMethod()).isEqualTo("POST");
        assertThat(rotate.getTarget()).isEqualTo("/provider-keys/aigpk_1/rotate");
        assertThat(rotate.getBody().utf8()).isEqualTo("{\"name\":\"new\",\"value\":\"sk-new-value-wxyz\"}");
    }

    @Test
    void controlPlaneErrorShapesBecomeExceptionsAViewModelCanActOn() {
        server.enqueue(json(422, "{\"errorCode\":\"ERR_NGROK_27006\",\"statusCode\":422,"
                + "\"msg\":\"The name field is required.\",\"details\":{\"field\":\"name\"}}"));
        ValidationException invalid = catchThrowableOfType(ValidationException.class,
                () -> client.providers().create(ProviderCreate.of("p", null, "https://x", null, null)));
        assertThat(invalid.getMessage()).isEqualTo("The name field is required.");
        assertThat(invalid.field()).contains("name");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.errorCode()).contains("ERR_NGROK_27006");

        server.enqueue(json(404, "{\"errorCode\":\"ERR_NGROK_27100\",\"statusCode\":404,\"msg\":\"Provider not found.\"}"));
        assertThatThrownBy(() -> client.providers().get("aigp_missing"))
                .isInstanceOf(NotFoundException.class).hasMessage("Provider not found.");

        server.enqueue(json(409, "{\"errorCode\":\"ERR_NGROK_27200\",\"statusCode\":409,"
                + "\"msg\":\"The provider is used by 1 provider key.\"}"));
        assertThatThrownBy(() -> client.providers().delete("aigp_1"))
                .isInstanceOf(ConflictException.class).hasMessage("The provider is used by 1 provider key.");

        server.enqueue(json(401, "{\"errorCode\":\"ERR_NGROK_27001\",\"statusCode\":401,\"msg\":\"Unknown API key.\"}"));
        assertThatThrownBy(() -> client.gatewayConfig()).isInstanceOf(UnauthorizedException.class);

        server.enqueue(json(403, "{\"errorCode\":\"ERR_NGROK_27002\",\"statusCode\":403,\"msg\":\"Loopback clients only.\"}"));
        assertThatThrownBy(() -> client.gatewayConfig()).isInstanceOf(ForbiddenException.class)
                .hasMessage("Loopback clients only.");

        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7")
                .addHeader("Content-Type", "application/json")
                .body("{\"errorCode\":\"ERR_NGROK_226\",\"statusCode\":429,\"msg\":\"Slow down.\"}").build());
        RateLimitedException limited = catchThrowableOfType(RateLimitedException.class, () -> client.gatewayConfig());
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));

        server.enqueue(new MockResponse.Builder().code(502).body("<html>Bad gateway</html>").build());
        UpstreamException upstream = catchThrowableOfType(UpstreamException.class, () -> client.gatewayConfig());
        assertThat(upstream.getMessage()).isEqualTo("The gateway failed (HTTP 502).");
    }

    @Test
    void outOfCreditIsAnUpstreamErrorWithItsNgrokCode() {
        server.enqueue(json(402, "{\"errorCode\":\"ERR_NGROK_4026\",\"statusCode\":402,"
                + "\"msg\":\"Your account is out of credit. Add credit to keep using the AI Gateway.\"}"));
        UpstreamException e = catchThrowableOfType(UpstreamException.class,
                () -> client.providers().create(ProviderCreate.of("p", "P", "https://x", null, null)));
        assertThat(e.isOutOfCredit()).isTrue();
        assertThat(e.errorCode()).contains("ERR_NGROK_4026");
        assertThat(e.getMessage()).isEqualTo("Your account is out of credit. Add credit to keep using the AI Gateway.");
    }

    @Test
    void secretsNeverAppearInMessagesOrToStringEvenWhenTheServerEchoesThem() {
        String value = "sk-proj-THISISAPROVIDERKEYVALUE-9876";
        server.enqueue(json(422, "{\"errorCode\":\"ERR_NGROK_27010\",\"statusCode\":422,"
                + "\"msg\":\"Value " + value + " is invalid for key " + API_KEY + ".\","
                + "\"details\":{\"field\":\"value\",\"message\":\"bad " + value + "\"}}"));
        ProviderKeyCreate create = ProviderKeyCreate.of("p", "primary", value);
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> client.providerKeys().create(create));
        assertThat(e.getMessage()).doesNotContain(value).doesNotContain(API_KEY).contains("<hidden>");
        assertThat(e.toString()).doesNotContain(value).doesNotContain(API_KEY);
        assertThat(e.fieldMessage()).isEqualTo("bad <hidden>");
        assertThat(e.details().toString()).doesNotContain(value);
        assertThat(create.toString()).doesNotContain(value);
        assertThat(new ProviderKeyRotate("n", value).toString()).doesNotContain(value);
        assertThat(client.toString()).doesNotContain(API_KEY);
        assertThat(GatewayClient.builder().apiKey(API_KEY).toString()).doesNotContain(API_KEY);
    }

    @Test
    void slowServerPastTheReadTimeoutIsAClientSideTimeout() {
        try (GatewayClient impatient = clientFor(server.url("/").toString(), Duration.ofMillis(300))) {
            server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS)
                    .addHeader("Content-Type", "application/json").body("{}").build());
            long start = System.nanoTime();
            GatewayTimeoutException e = catchThrowableOfType(GatewayTimeoutException.class, impatient::gatewayConfig);
            assertThat(e.isClientSide()).isTrue();
            assertThat(e.getMessage()).contains("did not answer within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void unreachableGatewayIsANetworkErrorWithAPlainMessage() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (GatewayClient nowhere = clientFor("http://127.0.0.1:" + port, Duration.ofSeconds(1))) {
            NetworkException e = catchThrowableOfType(NetworkException.class, () -> nowhere.providers().get("aigp_1"));
            assertThat(e.getMessage()).startsWith("Can't connect to the gateway at 127.0.0.1:" + port);
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void postIsNotResentAfterAConnectionFailure() throws Exception {
        // The first attempt's connection dies before an answer; a retry would reach the second answer.
        server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(json(201, provider("aigp_dup", "dup")));
        assertThatThrownBy(() -> client.providers().create(ProviderCreate.of("dup", "D", "https://x", null, null)))
                .isInstanceOf(NetworkException.class);
        // Had OkHttp resent the POST, it would have got the queued 201 and not thrown: the 201 is still there.
        Provider next = client.providers().get("aigp_dup");
        assertThat(next.id()).isEqualTo("aigp_dup");
    }

    @Test
    void nextPageLinksToAnotherHostNeverTakeTheKeyThere() throws Exception {
        server.enqueue(json(200, "{\"aiGatewayAccessKeys\":[{\"id\":\"aigk_2\",\"name\":\"a\"}],"
                + "\"uri\":\"/access-keys\",\"nextPageUri\":\"http://evil.invalid:9/access-keys?beforeId=aigk_2\"}"));
        server.enqueue(json(200, "{\"aiGatewayAccessKeys\":[{\"id\":\"aigk_1\",\"name\":\"b\"}],"
                + "\"uri\":\"/access-keys\",\"nextPageUri\":null}"));
        assertThat(client.accessKeys().list().toList()).extracting(k -> k.id()).containsExactly("aigk_2", "aigk_1");
        take();
        assertThat(take().getTarget()).isEqualTo("/access-keys?beforeId=aigk_2");
    }

    @Test
    void unreadableSuccessIsAnUnexpectedResponse() {
        server.enqueue(new MockResponse.Builder().code(200).body("not json").build());
        assertThatThrownBy(() -> client.gatewayConfig()).isInstanceOf(UnexpectedResponseException.class)
                .hasMessage("The gateway's answer could not be read as JSON.");
    }
}
