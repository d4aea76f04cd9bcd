package dev.switchboard.viewmodel.chat;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.viewmodel.KeptTokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;

/**
 * The real embedded gateway for chat tests, configured over its control plane with the admin key,
 * and SSE bodies in the shape of an OpenAI-compatible model server.
 */
public final class ChatTestGateway implements AutoCloseable {
    public final EmbeddedGateway gateway;
    public final GatewayClient admin;
    public final KeptTokens kept;

    public ChatTestGateway(Path dir) {
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(dir.resolve("gateway")));
        admin = GatewayClient.builder().embedded(gateway.baseUrl().toString()).apiKey(gateway.adminKey()).build();
        kept = new KeptTokens(dir.resolve("console"));
    }

    public void provider(String providerId, String baseUrl, String... models) {
        admin.providers().create(ProviderCreate.of(providerId, providerId, baseUrl,
                List.of(ApiSurface.openAiChat()), List.of(models)));
    }

    /**
     * A key whose configuration leaves {@code access} out (everything allowed, a deliberate choice: a key with
     * no configuration may call no custom provider); its token is kept under {@code name}. Returns the token.
     */
    public String keepAllowAllKey(String name) {
        var config = admin.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("all-" + name, null, null));
        AccessKey key = admin.accessKeys().create(AccessKeyCreate.of(name, config.id()));
        kept.keep(key.id(), name, key.token());
        return key.token();
    }

    /** A key allowed only {@code models} of {@code providerId}; its token is kept. Returns the token. */
    public String keepLimitedKey(String name, String providerId, String... models) {
        List<String> refs = new ArrayList<>();
        for (String m : models) {
            refs.add(providerId + ":" + m);
        }
        var config = admin.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("only-" + name,
                new Access(new AllowList(List.of(providerId)), new AllowList(refs)), null));
        AccessKey key = admin.accessKeys().create(AccessKeyCreate.of(name, config.id()));
        kept.keep(key.id(), name, key.token());
        return key.token();
    }

    /** A Chat Completions SSE body streaming {@code words} one chunk each, then usage and [DONE]. */
    public static String chatStream(List<String> words, int promptTokens) {
        StringBuilder sb = new StringBuilder();
        sb.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (String w : words) {
            String escaped = w.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            sb.append("data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"").append(escaped)
                    .append("\"},\"finish_reason\":null}]}\n\n");
        }
        sb.append("data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        sb.append("data: {\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":").append(promptTokens)
                .append(",\"completion_tokens\":").append(words.size()).append(",\"total_tokens\":")
                .append(promptTokens + words.size()).append("}}\n\n");
        sb.append("data: [DONE]\n\n");
        return sb.toString();
    }

    /** An SSE response, optionally paced at {@code bytesPerPeriod} every {@code periodMillis}. */
    public static MockResponse sse(String body, long bytesPerPeriod, long periodMillis) {
        MockResponse.Builder b = new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body);
        if (bytesPerPeriod > 0) {
            b.throttleBody(bytesPerPeriod, periodMillis, TimeUnit.MILLISECONDS);
        }
        return b.build();
    }

    public static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }

    /** Words of a long reply with a fenced code block, for screenshots and incremental checks. */
    public static List<String> longReply() {
        List<String> words = new ArrayList<>();
        String text = "Here is a small Java method that adds two numbers, and a note on how the gateway streams it. "
                + "Each word you see arrived as its own server-sent event, relayed by the gateway as it came.\n\n"
                + "```java\npublic static int add(int a, int b) {\n    return a + b;\n}\n```\n\n"
                + "The metrics line under this reply shows the time to the first token, the tokens per second, "
                + "the total time, the input and output tokens, the request id and the model that answered.";
        for (String part : text.split("(?<= )")) {
            words.add(part);
        }
        return words;
    }

    @Override
    public void close() {
        admin.close();
        gateway.close();
    }
}
