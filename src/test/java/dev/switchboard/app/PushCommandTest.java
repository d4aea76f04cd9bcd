package dev.switchboard.app;

import static dev.switchboard.app.TransferFixture.cli;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.app.TransferFixture.Run;
import dev.switchboard.app.TransferFixture.Running;
import dev.switchboard.gateway.store.StoredKeyValues;
import dev.switchboard.transfer.Applier;
import dev.switchboard.transfer.ApplyReport;
import dev.switchboard.transfer.Change;
import dev.switchboard.transfer.ConfigFile;
import dev.switchboard.transfer.GatewaySnapshot;
import dev.switchboard.transfer.Plan;
import dev.switchboard.transfer.Planner;
import dev.switchboard.transfer.ProviderEntry;
import dev.switchboard.transfer.SecretSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Push from an embedded gateway to a second embedded gateway standing in for the hosted one. */
class PushCommandTest {
    private static final int EXTRA_PROVIDERS = 103;

    @TempDir
    static Path tmp;
    static Path sourceData;
    static ConfigFile sourceState;
    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    @BeforeAll
    static void makeSource() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LOGS.start();
        root.addAppender(LOGS);
        sourceData = tmp.resolve("source");
        try (Running source = Running.start(sourceData)) {
            TransferFixture.populate(source.client());
            IntStream.range(0, EXTRA_PROVIDERS).forEach(i -> source.client().providers().create(ProviderCreate.of(
                    String.format("team-vllm-%03d", i), "Team vLLM " + i, "https://vllm-" + i + ".example.com/v1",
                    List.of(ApiSurface.openAiChat()), List.of("qwen2.5-coder-32b-instruct-q4_K_M"))));
            sourceState = source.state();
        }
    }

    @AfterAll
    static void stopLogCapture() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    }

    @Test
    void pushCopiesEveryPageAndTheKeyValuesRewritesLocalUrlsAndASecondPushDoesNothing() {
        try (Running target = Running.start(tmp.resolve("target"))) {
            Run push = cli("push", "--data", sourceData.toString(), "--to", target.url(), "--to-api-key",
                    target.adminKey(), "--internal", "my-workstation-vllm=https://my-workstation-vllm.internal",
                    "--internal", "lmstudio-laptop=https://lmstudio-laptop.internal");
            assertThat(push.code()).as(push.toString()).isZero();
            assertThat(push.out()).contains((EXTRA_PROVIDERS + 3 + 3 + 2) + " to create, 1 to update")
                    .contains("Applied all " + (EXTRA_PROVIDERS + 9) + " changes.")
                    .contains("ngrok http 8000 --url https://my-workstation-vllm.internal",
                            "ngrok http 1234 --url https://lmstudio-laptop.internal");

            ConfigFile copied = target.state();
            assertThat(copied.providers()).hasSize(EXTRA_PROVIDERS + 3);
            assertThat(copied.providers()).filteredOn(p -> p.providerId().equals("my-workstation-vllm"))
                    .singleElement().extracting(ProviderEntry::baseUrl)
                    .isEqualTo("https://my-workstation-vllm.internal/v1");
            assertThat(copied.providers()).filteredOn(p -> p.providerId().equals("lmstudio-laptop"))
                    .singleElement().extracting(ProviderEntry::baseUrl).isEqualTo("https://lmstudio-laptop.internal");
            List<ProviderEntry> unchangedUrls = new ArrayList<>(copied.providers());
            unchangedUrls.removeIf(p -> p.baseUrl().endsWith(".internal") || p.baseUrl().endsWith(".internal/v1"));
            assertThat(unchangedUrls).hasSize(EXTRA_PROVIDERS + 1);
            assertThat(copied.providerKeys()).isEqualTo(sourceState.providerKeys());
            assertThat(copied.accessKeyConfigurations()).isEqualTo(sourceState.accessKeyConfigurations());
            // the values went straight from the source's store to the target's
            assertThat(StoredKeyValues.read(tmp.resolve("target")).values())
                    .containsExactlyInAnyOrderElementsOf(TransferFixture.SECRETS);

            Run again = cli("push", "--data", sourceData.toString(), "--to", target.url(), "--to-api-key",
                    target.adminKey(), "--internal", "my-workstation-vllm=https://my-workstation-vllm.internal",
                    "--internal", "lmstudio-laptop=https://lmstudio-laptop.internal");
            assertThat(again.code()).as(again.toString()).isZero();
            assertThat(again.out()).contains("0 to create, 0 to update, " + (EXTRA_PROVIDERS + 9) + " unchanged")
                    .contains("Nothing to do");
            assertNoSecretIn(push.out() + push.err() + again.out() + again.err());
        }
    }

    @Test
    void aTargetThatAnswers500MidwayGetsAReportOfExactlyWhatWasApplied() throws Exception {
        try (Running target = Running.start(tmp.resolve("target-500"));
             ScriptedFailingProxy proxy = new ScriptedFailingProxy(target.url(), 5, 500)) {
            Run push = cli("push", "--data", sourceData.toString(), "--to", proxy.url(), "--to-api-key",
                    target.adminKey());
            assertThat(push.code()).as(push.toString()).isEqualTo(1);
            // gateway settings, then providers in order: the 5th write is the 4th provider
            assertThat(push.out()).contains("Stopped after 4 of " + (EXTRA_PROVIDERS + 9) + " changes: create provider"
                    + " team-vllm-000 failed: 500 The gateway had an internal error (scripted).")
                    .contains("  applied:     update gateway settings\n  applied:     create provider lmstudio-laptop\n"
                            + "  applied:     create provider my-workstation-vllm\n"
                            + "  applied:     create provider team-groq\n"
                            + "  FAILED:      create provider team-vllm-000\n"
                            + "  not applied: create provider team-vllm-001\n");
            ConfigFile state = target.state();
            assertThat(state.providers()).extracting(ProviderEntry::providerId)
                    .containsExactly("lmstudio-laptop", "my-workstation-vllm", "team-groq");
            assertThat(state.gateway().totalTimeout()).isEqualTo("3m");
            assertThat(state.providerKeys()).isEmpty();
            assertNoSecretIn(push.out() + push.err());
        }
    }

    @Test
    void aRealConflictMidwayIsReportedWithWhatWasAndWasNotApplied() {
        try (Running target = Running.start(tmp.resolve("target-409"))) {
            GatewaySnapshot source;
            try (Running from = Running.start(sourceData)) {
                source = from.snapshot();
            }
            SecretSource values = SecretSource.byId(StoredKeyValues.read(sourceData), source);
            Plan plan = Planner.plan(source.toConfigFile(), target.snapshot(), values, false);
            // someone else creates one of the providers after the plan was made
            target.client().providers().create(ProviderCreate.of("team-groq", "Groq (created meanwhile)",
                    "https://api.groq.com/openai/v1", List.of(ApiSurface.openAiChat()), List.of()));
            List<String> progress = new ArrayList<>();
            ApplyReport report = Applier.apply(plan, target.client(), (done, total, next) -> {
                if (next != null) {
                    progress.add(next.describe());
                }
            });
            assertThat(report.succeeded()).isFalse();
            assertThat(report.failed().describe()).isEqualTo("create provider team-groq");
            assertThat(report.failure()).startsWith("409 ").contains("team-groq");
            assertThat(report.applied()).extracting(Change::describe).containsExactly("update gateway settings",
                    "create provider lmstudio-laptop", "create provider my-workstation-vllm");
            assertThat(report.notApplied()).hasSize(EXTRA_PROVIDERS + 9 - 4);
            assertThat(progress).hasSize(4);
            assertThat(target.state().providers()).extracting(ProviderEntry::name)
                    .containsExactly("LM Studio", "Workstation vLLM", "Groq (created meanwhile)");
        }
    }

    private static void assertNoSecretIn(String output) {
        List<String> logged = new ArrayList<>();
        synchronized (LOGS) {
            LOGS.list.forEach(e -> logged.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : e.getThrowableProxy().getMessage())));
        }
        assertThat(logged).isNotEmpty();
        for (String secret : TransferFixture.SECRETS) {
            assertThat(output).doesNotContain(secret);
            assertThat(logged).noneMatch(line -> line.contains(secret));
        }
    }
}
