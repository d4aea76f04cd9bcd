package dev.switchboard.viewmodel.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.GatewayClient;
import dev.switchboard.testing.ModelServers;
import dev.switchboard.viewmodel.BackgroundTasks;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat remembers the last access key and model per gateway: two real embedded gateways, switched back and forth. */
class ChatGatewaySwitchTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void switchingBetweenTwoGatewaysBringsBackEachOnesLastKeyAndModel() throws Exception {
        try (MockWebServer model = ModelServers.mockWebServer(); ChatTestGateway gw = new ChatTestGateway(dir.resolve("first"));
             ChatTestGateway other = new ChatTestGateway(dir.resolve("other"))) {
            model.start(InetAddress.getLoopbackAddress(), 0);
            gw.provider("lab-ollama", "http://127.0.0.1:" + model.getPort(), "llama-3.2-3b-instruct");
            gw.keepLimitedKey("laptop", "lab-ollama", "llama-3.2-3b-instruct");
            other.provider("my-workstation-vllm", "http://127.0.0.1:" + model.getPort(), "qwen2.5-coder-32b-instruct-q4_K_M");
            String token = other.keepAllowAllKey("workstation");
            gw.kept.keep(other.kept.all().get(0).accessKeyId(), "workstation", token);
            AtomicReference<GatewayClient> current = new AtomicReference<>(gw.admin);
            ChatViewModel chat = new ChatViewModel(current::get, BackgroundTasks.direct(), gw.kept,
                    new ChatMemory(dir.resolve("two-gateways")), id -> { }, Runnable::run, Runnable::run);
            chat.refresh();
            sendOn(model, chat, "laptop", "lab-ollama:llama-3.2-3b-instruct");

            current.set(other.admin);
            chat.forgetGateway();
            chat.refresh();
            sendOn(model, chat, "workstation", "my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M");

            current.set(gw.admin);
            chat.forgetGateway();
            chat.refresh();
            assertThat(chat.keys()).as("only this gateway's kept tokens").extracting(KeyChoice::shortLabel)
                    .containsExactly("laptop");
            assertThat(chat.keyProperty().get().shortLabel()).isEqualTo("laptop");
            assertThat(chat.modelProperty().get()).isEqualTo("lab-ollama:llama-3.2-3b-instruct");

            current.set(other.admin);
            chat.forgetGateway();
            chat.refresh();
            assertThat(chat.keys()).extracting(KeyChoice::shortLabel).containsExactly("workstation");
            assertThat(chat.keyProperty().get().shortLabel()).isEqualTo("workstation");
            assertThat(chat.modelProperty().get()).isEqualTo("my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M");
        }
    }

    private static void sendOn(MockWebServer model, ChatViewModel chat, String keyName, String modelId) {
        chat.keyProperty().set(chat.keys().stream().filter(k -> k.label().startsWith(keyName)).findFirst().orElseThrow());
        chat.modelProperty().set(modelId);
        model.enqueue(ChatTestGateway.sse(ChatTestGateway.chatStream(List.of("Hi", " there"), 5), 0, 0));
        chat.draftProperty().set("Hello");
        assertThat(chat.send()).isTrue();
        await().atMost(WAIT).until(() -> !chat.isBusy());
        assertThat(chat.primary().turns().get(chat.primary().turns().size() - 1).state()).isEqualTo(ChatTurn.State.DONE);
    }
}
