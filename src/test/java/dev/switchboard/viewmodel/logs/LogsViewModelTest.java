package dev.switchboard.viewmodel.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.viewmodel.BackgroundTasks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Logs view-model against the real embedded gateway's request log (no toolkit needed). */
class LogsViewModelTest {
    @TempDir
    Path dir;
    LogsTestGateway gw;
    LogsViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        gw = new LogsTestGateway(dir.resolve("gateway"));
        vm = new LogsViewModel(() -> gw.admin, BackgroundTasks.direct(), Clock.systemUTC(), ZoneOffset.UTC);
    }

    @AfterEach
    void tearDown() {
        gw.close();
    }

    @Test
    void listsCallsNewestFirstWithKeyNamesStatusesAndTokens() {
        gw.answerOk();
        gw.chat("my-ollama:llama3.2", "first");
        gw.chat("my-ollama:qwen2.5:0.5b", "refused");
        gw.flushLog();

        vm.reload().join();

        assertThat(vm.rows()).hasSize(2);
        LogRow newest = vm.rows().get(0);
        LogRow oldest = vm.rows().get(1);
        assertThat(newest.modelRef()).isEqualTo("my-ollama:qwen2.5:0.5b");
        assertThat(newest.status()).isEqualTo(422);
        assertThat(newest.error()).isTrue();
        assertThat(oldest.modelRef()).isEqualTo("my-ollama:llama3.2");
        assertThat(oldest.status()).isEqualTo(200);
        assertThat(oldest.keyName()).isEqualTo("laptop");
        assertThat(oldest.tokensText()).isEqualTo("7 → 2");
        assertThat(vm.keyChoices()).extracting(KeyChoice::name).contains("All access keys", "laptop");
        assertThat(vm.providerChoices()).contains("my-ollama");
        assertThat(vm.statusProperty().get()).startsWith("2 requests");
    }

    @Test
    void statusAndProviderFiltersNarrowTheRowsAndTheCharts() {
        gw.answerOk();
        gw.chat("my-ollama:llama3.2", "ok");
        gw.chat("my-ollama:qwen2.5:0.5b", "refused");
        gw.flushLog();
        vm.reload().join();

        vm.statusFilterProperty().set(StatusFilter.CLIENT_ERROR);
        assertThat(vm.visibleRows()).singleElement().extracting(LogRow::status).isEqualTo(422);
        assertThat(vm.chartsProperty().get().perProvider()).singleElement()
                .satisfies(c -> assertThat(c.errors()).isEqualTo(1));

        vm.statusFilterProperty().set(StatusFilter.ALL);
        vm.providerFilterProperty().set("someone-else");
        assertThat(vm.visibleRows()).isEmpty();
        vm.providerFilterProperty().set(LogsViewModel.ALL_PROVIDERS);
        assertThat(vm.visibleRows()).hasSize(2);
        assertThat(vm.chartsProperty().get().perProvider()).singleElement()
                .satisfies(c -> assertThat(c.requests()).isEqualTo(2));
        assertThat(vm.chartsProperty().get().tokensPerKey()).singleElement()
                .satisfies(k -> assertThat(k.inputTokens()).isEqualTo(7));
    }

    @Test
    void pollingMergesNewRequestsOnTopWithoutReplacingTheOthers() {
        gw.answerOk();
        gw.chat("my-ollama:llama3.2", "one");
        gw.flushLog();
        vm.reload().join();
        LogRow first = vm.rows().get(0);

        gw.answer500();
        gw.answerOk();
        gw.chat("my-ollama:llama3.2", "two");
        gw.flushLog();
        vm.poll().join();

        assertThat(vm.rows()).hasSize(2);
        assertThat(vm.rows().get(1)).isSameAs(first);
        LogRow failedOver = vm.rows().get(0);
        assertThat(failedOver.attempts()).isEqualTo(1);
        // One key, no router rule: the 500 is the final answer, passed through.
        assertThat(failedOver.status()).isEqualTo(500);
        assertThat(LogsViewModel.describe(failedOver)).anyMatch(l -> l.startsWith("status: 500"));

        vm.poll().join();
        assertThat(vm.rows()).hasSize(2);
    }

    @Test
    void exportWritesTheVisibleRowsAsCsvWithoutPromptsOrSecrets() throws Exception {
        gw.answerOk();
        gw.chat("my-ollama:llama3.2", "PROMPT-7f3a, with a comma");
        gw.chat("my-ollama:qwen2.5:0.5b", "PROMPT-7f3a refused");
        gw.flushLog();
        vm.reload().join();
        vm.statusFilterProperty().set(StatusFilter.SUCCESS);

        Path csv = dir.resolve("out.csv");
        assertThat(vm.exportCsv(csv).join()).isEqualTo(1);

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("time,requestId,accessKeyId,accessKey,model,status");
        assertThat(lines.get(1)).contains("my-ollama:llama3.2", ",200,", "laptop");
        String all = String.join("\n", lines);
        assertThat(all).doesNotContain("PROMPT-7f3a");
        for (String secret : gw.secrets()) {
            assertThat(all).doesNotContain(secret);
        }
    }

    @Test
    void percentilesUseNearestRank() {
        long[] values = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
        assertThat(LogCharts.percentile(values, 50)).isEqualTo(50);
        assertThat(LogCharts.percentile(values, 95)).isEqualTo(100);
        assertThat(LogCharts.percentile(new long[] {5}, 95)).isEqualTo(5);
        assertThat(LogCharts.percentile(new long[0], 50)).isZero();
    }

    @Test
    void aRequestTheClientStoppedShowsAsStoppedAndCountsApartFromErrors() throws Exception {
        // A stream that sends one chunk, then waits: the client stops it after the first event.
        String first = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"Hel\"}}]}\n\n";
        gw.modelServer.enqueue(new mockwebserver3.MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
                .body(first + first.repeat(50)).throttleBody(first.length(), 400, java.util.concurrent.TimeUnit.MILLISECONDS).build());
        gw.answer500();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        com.fasterxml.jackson.databind.node.ObjectNode body = dev.switchboard.api.Json.mapper().createObjectNode()
                .put("model", "my-ollama:llama3.2").put("stream", true);
        body.putArray("messages").addObject().put("role", "user").put("content", "count to a hundred");
        dev.switchboard.client.ModelStream stream = gw.admin.stream(gw.token, dev.switchboard.client.Surface.CHAT_COMPLETIONS, body,
                new dev.switchboard.client.StreamListener() {
                    @Override
                    public void onEvent(dev.switchboard.client.StreamEvent event) {
                        started.countDown();
                    }
                });
        assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        stream.cancel();
        gw.chat("my-ollama:llama3.2", "this one fails upstream");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            gw.flushLog();
            vm.reload().join();
            return vm.rows().size() == 2 && vm.rows().stream().anyMatch(LogRow::stopped);
        });

        LogRow stopped = vm.rows().stream().filter(LogRow::stopped).findFirst().orElseThrow();
        assertThat(stopped.statusText()).isEqualTo("stopped");
        assertThat(stopped.error()).isFalse();
        LogCharts.ProviderCounts counts = vm.chartsProperty().get().perProvider().get(0);
        assertThat(counts.requests()).isEqualTo(2);
        assertThat(counts.errors()).isEqualTo(1);
        assertThat(counts.stopped()).isEqualTo(1);
        assertThat(vm.detail(stopped).facts().get(0).value()).startsWith("stopped by the client");

        vm.statusFilterProperty().set(StatusFilter.STOPPED);
        assertThat(vm.visibleRows()).containsExactly(stopped);
        vm.statusFilterProperty().set(StatusFilter.SUCCESS);
        assertThat(vm.visibleRows()).isEmpty();
    }
}
