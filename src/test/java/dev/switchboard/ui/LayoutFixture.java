package dev.switchboard.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Json;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.client.GatewayException;
import dev.switchboard.client.Surface;
import dev.switchboard.discovery.ScriptedModelServer;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.providers.ProviderRequests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Layout test fills the gateway with: 3 providers with long ids and long model ids (two on a
 * scripted vLLM, one on a port nothing listens on, so its calls fail), 5 access keys, 60 requests.
 */
final class LayoutFixture {
    static final String VLLM = "my-workstation-vllm";
    static final String OLLAMA = "team-gpu-box-ollama-server";
    static final String PROXY = "eu-west-anthropic-compatible-proxy";
    static final List<String> VLLM_MODELS = List.of("qwen2.5-coder-32b-instruct-q4_K_M", "llama-3.1-70b-instruct-awq-int4");
    /** The Ollama box's models; it has no provider key, so Chat can call it with any key of the fixture. */
    static final List<String> OLLAMA_MODELS = List.of("deepseek-r1-distill-qwen-14b-q5_K_M", "qwen2.5-coder-32b-instruct-q4_K_M");
    static final List<String> KEY_NAMES = List.of("laptop", "ci-runner-nightly-builds", "jupyter-notebook-research",
            "customer-support-bot-production", "evaluation-harness");
    static final int REQUESTS = 60;

    private LayoutFixture() {
    }

    static ScriptedModelServer modelServer() throws IOException {
        ScriptedModelServer vllm = ScriptedModelServer.openAi("vllm", VLLM_MODELS.toArray(String[]::new));
        replyInJson(vllm);
        return vllm;
    }

    /** The scripted vLLM answers chat requests with one JSON completion (the wizard's test, the logged requests). */
    static void replyInJson(ScriptedModelServer vllm) {
        vllm.route("POST /v1/chat/completions", ScriptedModelServer.json(200,
                ScriptedModelServer.chatCompletion(VLLM_MODELS.get(0), "Hello from the workstation.")));
    }

    /** Fills the gateway; returns the access keys' tokens, in {@link #KEY_NAMES} order. */
    static List<String> populate(GatewayConnection connection, ScriptedModelServer vllm) {
        GatewayClient client = connection.client();
        List<ApiSurface> chat = List.of(ApiSurface.openAiChat());
        int closedPort;
        try {
            closedPort = ScriptedModelServer.closedPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client.providers().create(ProviderRequests.create(VLLM, "Workstation vLLM (RTX 4090, 2 models)",
                vllm.baseUrl(), chat, VLLM_MODELS));
        client.providers().create(ProviderRequests.create(OLLAMA, "Team GPU box — Ollama",
                vllm.baseUrl(), chat, OLLAMA_MODELS));
        client.providers().create(ProviderRequests.create(PROXY, "EU West Anthropic-compatible proxy",
                "http://127.0.0.1:" + closedPort, chat, List.of("claude-compatible-sonnet-long-context")));
        client.providerKeys().create(ProviderKeyCreate.of(VLLM, "workstation-primary-rtx-4090", "sk-layout-0000-1111-2222"));
        String config = client.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("all-three-providers",
                new Access(new AllowList(List.of(VLLM, OLLAMA, PROXY)), null), null)).id();
        List<String> tokens = new ArrayList<>();
        for (String name : KEY_NAMES) {
            tokens.add(client.accessKeys().create(AccessKeyCreate.of(name, config)).token());
        }
        List<String> models = List.of(VLLM + ":" + VLLM_MODELS.get(0), VLLM + ":" + VLLM_MODELS.get(1),
                OLLAMA + ":" + OLLAMA_MODELS.get(0), PROXY + ":claude-compatible-sonnet-long-context");
        for (int i = 0; i < REQUESTS; i++) {
            ObjectNode body = Json.mapper().createObjectNode().put("model", models.get(i % models.size()));
            body.putArray("messages").addObject().put("role", "user").put("content", "Say hello.");
            try {
                client.complete(tokens.get(i % tokens.size()), Surface.CHAT_COMPLETIONS, body);
            } catch (GatewayException expected) {
                // the proxy's port is closed: these requests are logged as errors
            }
        }
        return tokens;
    }

    /** Until {@link #replyInJson}, the scripted vLLM streams its chat replies, as Chat asks, with usage at the end. */
    static void streamReplies(ScriptedModelServer vllm) {
        String chunk = "data: {\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"" + VLLM_MODELS.get(0) + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},"
                + "\"finish_reason\":null}]}\n\n";
        StringBuilder body = new StringBuilder();
        for (String piece : List.of("Here is a binary search ", "in Python, with the loop ", "invariant spelled out:",
                "\\n\\n```python\\ndef search(xs, x):\\n    lo, hi = 0, len(xs)\\n```")) {
            body.append(chunk.formatted(piece));
        }
        body.append("data: {\"id\":\"chatcmpl-7\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1284,"
                + "\"completion_tokens\":2317,\"total_tokens\":3601}}\n\ndata: [DONE]\n\n");
        vllm.route("POST /v1/chat/completions", new mockwebserver3.MockResponse.Builder().code(200)
                .addHeader("Content-Type", "text/event-stream").body(body.toString())
                .headersDelay(180, java.util.concurrent.TimeUnit.MILLISECONDS)
                .throttleBody(320, 60, java.util.concurrent.TimeUnit.MILLISECONDS).build());
    }
}
