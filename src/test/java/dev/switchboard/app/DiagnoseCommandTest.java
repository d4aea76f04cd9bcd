package dev.switchboard.app;

import static dev.switchboard.diagnose.DiagnosisFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.Json;
import dev.switchboard.diagnose.DiagnosisFixture;
import dev.switchboard.diagnose.ModelServerScript;
import dev.switchboard.discovery.ScriptedModelServer;
import dev.switchboard.viewmodel.KeptTokens;
import dev.switchboard.viewmodel.settings.SettingsStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard diagnose} against the real embedded gateway: its output and exit status. */
class DiagnoseCommandTest {
    @TempDir
    static Path data;
    static DiagnosisFixture gw;

    @BeforeAll
    static void start() {
        gw = new DiagnosisFixture(data);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private record Run(int status, String out, String err) {
    }

    private static Run diagnose(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Launcher.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] remote(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("diagnose", "--gateway", gw.gateway.baseUrl().toString(),
                "--api-key", gw.gateway.adminKey()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void aWorkingCallPrintsEveryStepAndExitsZero() throws Exception {
        String p = DiagnosisFixture.providerId("my-workstation-vllm");
        try (ModelServerScript server = ModelServerScript.answering(MODEL)) {
            gw.provider(p, server.baseUrl());
            AccessKey key = gw.key("ci-bot", gw.allowing(p));
            Run run = diagnose(remote("--model", p + ":" + MODEL, "--token", key.token()));
            assertThat(run.status()).as(run.out() + run.err()).isZero();
            assertThat(run.out()).contains("Diagnosing " + p + ":" + MODEL + " on chat-completions through the embedded gateway")
                    .contains("1. Access key — passed").contains("5. Reachable from this machine — passed")
                    .contains("7. A real call through the gateway — passed")
                    .contains("Verdict: " + p + ":" + MODEL + " works: a one-token call on chat-completions works")
                    .doesNotContain(key.token()).doesNotContain(gw.gateway.adminKey());
        }
    }

    @Test
    void aProviderNotAllowedExitsOneWithTheVerdictInJson() throws Exception {
        String p = DiagnosisFixture.providerId("my-ollama");
        String other = DiagnosisFixture.providerId("team-openai-proxy");
        gw.provider(p, "http://127.0.0.1:11434");
        gw.provider(other, "https://llm-proxy.example.com/v1");
        AccessKeyConfiguration c = gw.configuration("staging", new Access(new AllowList(List.of(other)), null), null);
        AccessKey key = gw.key("ci-bot", c);
        Run run = diagnose(remote("--model", p + ":llama3.2", "--token", key.token(), "--json"));
        assertThat(run.status()).as(run.err()).isEqualTo(1);
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.path("works").asBoolean(true)).isFalse();
        assertThat(json.path("verdict").asText()).isEqualTo(p + ":llama3.2 fails because the key 'ci-bot' is not allowed"
                + " to call provider " + p + ": its configuration '" + c.name() + "' allows only " + other + ". Edit access…");
        assertThat(json.path("steps").path(1).path("status").asText()).isEqualTo("failed");
        assertThat(json.path("action").path("target").asText()).isEqualTo("configuration");
        assertThat(json.path("action").path("subjectId").asText()).isEqualTo(c.id());
        assertThat(run.out()).doesNotContain(key.token());
    }

    @Test
    void aRefusedPortOnTheRunningEmbeddedGatewayOfTheDataFolderExitsOne() throws Exception {
        String p = DiagnosisFixture.providerId("my-ollama");
        int port = ScriptedModelServer.closedPort();
        gw.provider(p, "http://127.0.0.1:" + port, List.of(dev.switchboard.api.ApiSurface.openAiChat()), "llama3.2");
        AccessKey key = gw.key("ci-bot", gw.allowing(p));
        new SettingsStore(data).update(s -> s.withEmbeddedPort(gw.gateway.port()));
        new KeptTokens(data).keep(key.id(), key.name(), key.token());
        Run run = diagnose("diagnose", "--data", data.toString(), "--model", p + ":llama3.2", "--key-id", key.id());
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.out()).contains("through the embedded gateway at " + gw.gateway.baseUrl() + "/ (the running one)")
                .contains("5. Reachable from this machine — failed")
                .contains("     · TCP connect to 127.0.0.1:" + port + ": failed")
                .contains("Verdict: " + p + ":llama3.2 fails because the model server cannot be reached: nothing accepts"
                        + " connections at 127.0.0.1:" + port);
    }

    @Test
    void aGatewayThatDoesNotAnswerFailsStepOneAndChecksNothingElse() throws Exception {
        int port = ScriptedModelServer.closedPort();
        Run run = diagnose("diagnose", "--gateway", "http://127.0.0.1:" + port, "--api-key", "sbadm_not-a-real-key",
                "--model", "my-ollama:llama3.2", "--key-id", "aigk_2mZ8kQ4xV7nB1cR5tY9wE3uI6oP");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("1. Access key — failed").contains("The gateway could not be asked:")
                .contains("7. A real call through the gateway — not checked")
                .contains("Verdict: my-ollama:llama3.2 fails because the gateway could not be asked:")
                .doesNotContain("sbadm_not-a-real-key");
    }

    @Test
    void badUsageExitsTwoWithAReason() {
        Run noModel = diagnose("diagnose", "--token", "ng-x");
        assertThat(noModel.status()).isEqualTo(2);
        assertThat(noModel.err()).contains("--model provider:model is required");
        Run badSurface = diagnose(remote("--model", "my-ollama:llama3.2", "--token", "ng-x", "--surface", "completions"));
        assertThat(badSurface.status()).isEqualTo(2);
        assertThat(badSurface.err()).contains("--surface must be one of chat-completions, responses, messages");
        Run badModel = diagnose(remote("--model", "llama3.2", "--key-id", "aigk_1"));
        assertThat(badModel.status()).isEqualTo(2);
        assertThat(badModel.err()).contains("'llama3.2' is not provider:model");
        Run help = diagnose("diagnose", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Exit status: 0 the call works, 1 a step fails, 2 bad usage.");
        assertThat(DiagnoseCommand.run(new String[] {"diagnose", "--model", "a:b"}, Map.of(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()))).isEqualTo(2);
    }
}
