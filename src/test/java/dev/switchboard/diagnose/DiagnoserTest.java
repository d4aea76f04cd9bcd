package dev.switchboard.diagnose;

import static dev.switchboard.diagnose.DiagnosisFixture.MODEL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.AccessKeyUpdate;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.ProviderKeyCreate;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.api.ProviderModel;
import dev.switchboard.client.Surface;
import dev.switchboard.client.Usage;
import dev.switchboard.discovery.ModelServerCheck;
import dev.switchboard.discovery.ScriptedModelServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One diagnosis per cause of a failing call, through the real embedded gateway and scripted model
 * servers: each says which step fails, quotes the evidence, and ends in one verdict sentence.
 */
class DiagnoserTest {
    @TempDir
    static Path data;
    static DiagnosisFixture gw;
    static ModelServerCheck servers;
    static Diagnoser diagnoser;

    @BeforeAll
    static void start() {
        gw = new DiagnosisFixture(data);
        servers = new ModelServerCheck();
        diagnoser = new Diagnoser(gw.client, servers);
    }

    @AfterAll
    static void stop() {
        servers.close();
        gw.close();
    }

    /** A provider served by {@code server}, a configuration allowing it, and a key with that configuration. */
    private AccessKey workingSetup(String providerId, ModelServerScript server) {
        gw.provider(providerId, server.baseUrl());
        return gw.key("ci-bot", gw.allowing(providerId));
    }

    private static StepStatus[] statuses(Diagnosis d) {
        return d.steps().stream().map(StepResult::status).toArray(StepStatus[]::new);
    }

    @Test
    void aCallThatWorksPassesEveryStepAndStreamsThemInOrder() throws Exception {
        String p = DiagnosisFixture.providerId("my-workstation-vllm");
        try (ModelServerScript server = ModelServerScript.answering(MODEL)) {
            AccessKey key = workingSetup(p, server);
            List<String> heard = new ArrayList<>();
            Diagnosis d = diagnoser.run(gw.request(key, p), new DiagnosisListener() {
                @Override
                public void started(StepId step) {
                    heard.add("start " + step.number());
                }

                @Override
                public void finished(StepResult result) {
                    heard.add("end " + result.step().number());
                }
            });
            assertThat(d.works()).as(d.toString()).isTrue();
            assertThat(heard).containsExactly("start 1", "end 1", "start 2", "end 2", "start 3", "end 3", "start 4",
                    "end 4", "start 5", "end 5", "start 6", "end 6", "start 7", "end 7");
            assertThat(d.verdict()).startsWith(p + ":" + MODEL + " works: a one-token call on chat-completions works");
            assertThat(d.step(StepId.REACHABLE).evidence()).anyMatch(e -> e.startsWith("TCP connect to 127.0.0.1:"))
                    .anyMatch(e -> e.startsWith("HTTP answer: HTTP 200 in "));
            assertThat(d.step(StepId.MODEL_SERVER).evidence()).anyMatch(e -> e.endsWith("/v1/models: " + MODEL));
            List<String> call = d.step(StepId.CALL).evidence();
            assertThat(call).anyMatch(e -> e.matches("Ngrok-AIG-Request-Id: rq_\\S+; attempts: 1; answered by " + p + ":" + MODEL))
                    .contains("The model said: \"OK\"")
                    .anyMatch(e -> e.startsWith("Log: attempt 1 (final), " + p + ":" + MODEL + ", status 200"));
            assertThat(d.action()).isNull();
        }
    }

    @Test
    void anUnknownTokenFailsStepOne() {
        String p = DiagnosisFixture.providerId("my-ollama");
        gw.provider(p, "http://127.0.0.1:11434");
        Diagnosis d = diagnoser.run(DiagnosisRequest.of(null, "ng-4kQ8vXz2mN7pR1sT9wY3bC6dF0gH5jL8", p + ":" + MODEL, null),
                DiagnosisListener.NONE);
        assertThat(d.step(StepId.KEY).status()).isEqualTo(StepStatus.FAILED);
        assertThat(d.verdict()).isEqualTo(p + ":" + MODEL + " fails because the gateway knows no access key with this"
                + " token: it was mistyped, belongs to another gateway, or its key was revoked. Open Access keys…");
        assertThat(d.step(StepId.ACCESS).status()).isEqualTo(StepStatus.NOT_CHECKED);
        assertThat(d.step(StepId.CALL).evidence()).anyMatch(e -> e.startsWith("POST /v1/chat/completions: HTTP 401"));
        assertThat(d.action().target()).isEqualTo(Action.Target.ACCESS_KEYS);
        assertThat(String.join("\n", d.steps().stream().flatMap(s -> s.evidence().stream()).toList()) + d.verdict())
                .doesNotContain("ng-4kQ8vXz2mN7pR1sT9wY3bC6dF0gH5jL8");
    }

    @Test
    void aRevokedKeyIsToldApartFromAnUnknownOneByTheLog() throws Exception {
        String p = DiagnosisFixture.providerId("my-workstation-vllm");
        try (ModelServerScript server = ModelServerScript.answering(MODEL)) {
            AccessKey key = workingSetup(p, server);
            gw.client.complete(key.token(), Surface.CHAT_COMPLETIONS, ChatRequest.builder(p + ":" + MODEL).user("hi").build());
            await().atMost(Duration.ofSeconds(5)).until(() -> !gw.client.usage()
                    .page(Usage.Query.recent().withAccessKeyId(key.id())).items().isEmpty());
            gw.client.accessKeys().delete(key.id());
            Diagnosis d = diagnoser.run(gw.request(key, p), DiagnosisListener.NONE);
            assertThat(d.step(StepId.KEY).status()).isEqualTo(StepStatus.FAILED);
            assertThat(d.verdict()).isEqualTo(p + ":" + MODEL + " fails because the access key " + key.id()
                    + " was revoked (deleted): the gateway refuses its token. Open Access keys…");
            assertThat(d.step(StepId.KEY).evidence()).anyMatch(e -> e.startsWith("The request log has requests from " + key.id()));
            assertThat(d.step(StepId.CALL).status()).isEqualTo(StepStatus.FAILED);
        }
    }

    @Test
    void aModelOutsideTheAllowlistNamesTheRule() {
        String p = DiagnosisFixture.providerId("my-workstation-vllm");
        gw.provider(p, "http://127.0.0.1:8000", List.of(ApiSurface.openAiChat()), MODEL, "llama-3.1-8b-instruct");
        AccessKeyConfiguration c = gw.configuration("staging", new Access(null,
                new AllowList(List.of(p + ":llama-3.1-8b-instruct"))), null);
        AccessKey key = gw.key("ci-bot", c);
        Diagnosis d = diagnoser.run(gw.request(key, p), DiagnosisListener.NONE);
        assertThat(d.step(StepId.ACCESS).status()).isEqualTo(StepStatus.FAILED);
        assertThat(d.verdict()).isEqualTo(p + ":" + MODEL + " fails because the key 'ci-bot' is not allowed to call model "
                + p + ":" + MODEL + ": its configuration '" + c.name() + "' allows only " + p + ":llama-3.1-8b-instruct. Edit access…");
        assertThat(d.step(StepId.ACCESS).evidence()).contains("configuration '" + c.name() + "' (" + c.id()
                + "): access.models.allow [\"" + p + ":llama-3.1-8b-instruct\"]");
        assertThat(d.action()).isEqualTo(new Action(Action.Target.CONFIGURATION, "Edit access…", c.id()));
        assertThat(d.step(StepId.CALL).evidence()).anyMatch(e -> e.contains("HTTP 422 ERR_NGROK_3803"));
    }

    @Test
    void aProviderOutsideTheAllowlistNamesTheRule() {
        String p = DiagnosisFixture.providerId("my-ollama");
        gw.provider(p, "http://127.0.0.1:11434");
        String other = DiagnosisFixture.providerId("team-openai-proxy");
        gw.provider(other, "https://llm-proxy.example.com/v1");
        AccessKeyConfiguration c = gw.configuration("staging", new Access(new AllowList(List.of(other)), null), null);
        AccessKey key = gw.key("ci-bot", c);
        Diagnosis d = diagnoser.run(gw.request(key, p), DiagnosisListener.NONE);
        assertThat(d.verdict()).isEqualTo(p + ":" + MODEL + " fails because the key 'ci-bot' is not allowed to call provider "
                + p + ": its configuration '" + c.name() + "' allows only " + other + ". Edit access…");
        assertThat(d.step(StepId.ACCESS).evidence()).contains("configuration '" + c.name() + "' (" + c.id()
                + "): access.providers.allow [\"" + other + "\"]");
    }

    @Test
    void aKeyWithNoConfigurationMayCallNoCustomProvider() throws Exception {
        String p = DiagnosisFixture.providerId("my-workstation-vllm");
        try (ModelServerScript server = ModelServerScript.answering(MODEL)) {
            gw.provider(p, server.baseUrl());
            AccessKey key = gw.key("laptop", null);
            Diagnosis d = diagnoser.run(gw.request(key, p), DiagnosisListener.NONE);
            assertThat(d.step(StepId.ACCESS).status()).isEqualTo(StepStatus.FAILED);
            assertThat(d.verdict()).isEqualTo(p + ":" + MODEL + " fails because the key 'laptop' has no access-key"
                    + " configuration, so it may call no custom provider. Give the key a configuration…");
            assertThat(d.action()).isEqualTo(new Action(Action.Target.ACCESS_KEYS, "Give the key a configuration…", key.id()));
        }
    }

    @Test
    void aProviderThatNeedsAKeyAndIsGivenNone() throws Exception {
        String p = DiagnosisFixture.providerId("my-workstation-vllm");
        try (ModelServerScript server = ModelServerScript.answering(MODEL)) {
            AccessKey key = workingSetup(p, server);
            gw.client.providerKeys().create(ProviderKeyCreate.of(p, "primary", "sk-vllm-7f3a9c2e1b4d6f80"));
            Diagnosis d = diagnoser.run(gw.request(key, p), DiagnosisListener.NONE);
            assertThat(d.step(StepId.ROUTING).status()).isEqualTo(StepStatus.FAILED);
            assertThat(d.verdict()).startsWith(p + ":" + MODEL + " fails because provider " + p + " needs a provider key"
                    + " and the configuration '").endsWith("' gives it none: add a router rule for " + p
                    + " with one of its keys. Edit routing…");
            assertThat(d.step(StepId.ROUTING).evidence()).contains("Provider '" + p + "' has 1 provider key ('primary'), so it needs one");
            assertThat(d.step(StepId.CALL).evidence()).anyMatch(e -> e.contains("HTTP 400 ERR_NGROK_3802"));
            assertThat(d.steps().toString()).doesNotContain("sk-vllm-7f3a9c2e1b4d6f80");

            ProviderKey backup = gw.client.providerKeys().create(ProviderKeyCreate.of(p, "backup", "sk-vllm-0c1d2e3f4a5b6c7d"));
            ProviderKey primary = gw.client.providerKeys().list().stream().filter(k -> k.name().equals("primary")
                    && k.providerId().equals(p)).findFirst().orElseThrow();
            AccessKeyConfiguration routed = gw.configuration("routed", new Access(new AllowList(List.of(p)), null),
                    new Router(List.of(new RouterRule(p, null, List.of(RouterStep.ordered(List.of(
                            StepKey.existing(primary.id()), StepKey.existing(backup.id()))))))));
            gw.client.accessKeys().update(key.id(), AccessKeyUpdate.builder().accessKeyConfigurationId(routed.id()).build());
            Diagnosis fixed = diagnoser.run(gw.request(key, p), DiagnosisListener.NONE);
            assertThat(fixed.works()).as(fixed.verdict()).isTrue();
            assertThat(fixed.step(StepId.ROUTING).evidence()).contains("Keys tried in order: 'primary' (" + primary.id() + ", "
                    + primary.keyRedacted() + ") → 'backup' (" + backup.id() + ", " + backup.keyRedacted() + ")");
        }
    }

    @Test
    void theGatewayKindFollowsTheClientsPlanes() {
        assertThat(GatewayKind.of(gw.client)).isEqualTo(GatewayKind.EMBEDDED);
        try (GatewayClient hosted = GatewayClient.builder().hosted().apiKey("not-used").build()) {
            assertThat(GatewayKind.of(hosted)).isEqualTo(GatewayKind.HOSTED);
        }
    }

    @Test
    void anUnknownProviderListsTheOnesThereAre() {
        AccessKey key = gw.key("ci-bot", gw.configuration("everything", null, null));
        Diagnosis d = diagnoser.run(DiagnosisRequest.of(key.id(), key.token(), "my-olama:llama3.2", null), DiagnosisListener.NONE);
        assertThat(d.steps()).extracting(StepResult::status).containsExactly(StepStatus.PASSED, StepStatus.FAILED,
                StepStatus.NOT_CHECKED, StepStatus.NOT_CHECKED, StepStatus.NOT_CHECKED, StepStatus.NOT_CHECKED, StepStatus.FAILED);
        assertThat(d.verdict()).startsWith("my-olama:llama3.2 fails because the gateway has no provider named 'my-olama' (it has: ")
                .endsWith("). Open Providers…");
        assertThat(d.step(StepId.CALL).evidence()).anyMatch(e -> e.contains("HTTP 422 ERR_NGROK_3804"));
    }

    @Test
    void aSurfaceTheServerDoesNotHaveIsCaughtAtStepFour() throws Exception {
        String p = DiagnosisFixture.providerId("my-workstation-vllm");
        try (ModelServerScript server = ModelServerScript.answering(MODEL)) {
            gw.provider(p, server.baseUrl(), List.of(ApiSurface.openAiResponses()), MODEL);
            AccessKey key = gw.key("ci-bot", gw.allowing(p));
            Diagnosis d = diagnoser.run(gw.request(key, p), DiagnosisListener.NONE);
            assertThat(d.step(StepId.PROVIDER).status()).isEqualTo(StepStatus.FAILED);
            assertThat(d.verdict()).isEqualTo(p + ":" + MODEL + " fails because provider " + p + " says it speaks responses,"
                    + " but its server has no POST /v1/responses (HTTP 404): correct the provider's API surfaces. Edit the provider…");
            assertThat(d.step(StepId.PROVIDER).evidence())
                    .contains("The provider speaks responses: the gateway translates chat-completions → responses");
        }
    }

    @Test
    void httpToLoopbackIsRefusedByTheHostedRule() throws Exception {
        String p = DiagnosisFixture.providerId("my-ollama");
        try (ModelServerScript server = ModelServerScript.answering(MODEL)) {
            AccessKey key = workingSetup(p, server);
            Diagnosis hosted = new Diagnoser(gw.client, GatewayKind.HOSTED, servers).run(gw.request(key, p), DiagnosisListener.NONE);
            assertThat(hosted.step(StepId.PROVIDER).status()).isEqualTo(StepStatus.FAILED);
            assertThat(hosted.verdict()).isEqualTo(p + ":" + MODEL + " fails because the provider's base URL " + server.baseUrl()
                    + " is http:// to this machine's loopback, which the hosted gateway neither allows nor reaches: expose"
                    + " the server as an internal endpoint (ngrok http 11434 --url https://" + p + ".internal) and use that URL."
                    + " Edit the provider…");
            assertThat(diagnoser.run(gw.request(key, p), DiagnosisListener.NONE).step(StepId.PROVIDER).status())
                    .as("the embedded gateway allows http:// to loopback").isEqualTo(StepStatus.PASSED);
        }
    }

    @Test
    void anInternalEndpointIsReachableOnlyByTheHostedGateway() {
        String p = DiagnosisFixture.providerId("my-ollama");
        gw.provider(p, "https://" + p + ".internal");
        AccessKey key = gw.key("ci-bot", gw.allowing(p));
        Diagnosis embedded = diagnoser.run(gw.request(key, p), DiagnosisListener.NONE);
        assertThat(embedded.step(StepId.REACHABLE).status()).isEqualTo(StepStatus.FAILED);
        assertThat(embedded.step(StepId.REACHABLE).evidence())
                .contains("Put the model server behind it with: ngrok http 11434 --url https://" + p + ".internal");
        Diagnosis hosted = new Diagnoser(gw.client, GatewayKind.HOSTED, servers).run(gw.request(key, p), DiagnosisListener.NONE);
        assertThat(hosted.step(StepId.REACHABLE).status()).isEqualTo(StepStatus.NOT_CHECKED);
        assertThat(hosted.step(StepId.REACHABLE).summary()).contains("ngrok http 11434 --url https://" + p + ".internal");
    }

    @Test
    void anUnresolvableHostFailsAtDns() {
        String p = DiagnosisFixture.providerId("my-workstation-vllm");
        gw.provider(p, "https://gpu-box.lab.invalid/v1");
        AccessKey key = gw.key("ci-bot", gw.allowing(p));
        Diagnosis d = diagnoser.run(gw.request(key, p), DiagnosisListener.NONE);
        assertThat(d.step(StepId.REACHABLE).status()).isEqualTo(StepStatus.FAILED);
        assertThat(d.verdict()).isEqualTo(p + ":" + MODEL + " fails because the model server cannot be reached: the host"
                + " gpu-box.lab.invalid cannot be found (DNS). Check the model server and the provider's base URL…");
        assertThat(d.step(StepId.REACHABLE).evidence()).contains("DNS: failed");
        assertThat(d.step(StepId.MODEL_SERVER).status()).isEqualTo(StepStatus.NOT_CHECKED);
        assertThat(d.step(StepId.CALL).evidence()).anyMatch(e -> e.contains("HTTP 502 ERR_NGROK_3800"));
    }

    @Test
    void aRefusedPortFailsAtTcp() throws Exception {
        String p = DiagnosisFixture.providerId("my-ollama");
        int port = ScriptedModelServer.closedPort();
        gw.provider(p, "http://127.0.0.1:" + port);
        AccessKey key = gw.key("ci-bot", gw.allowing(p));
        Diagnosis d = diagnoser.run(gw.request(key, p), DiagnosisListener.NONE);
        assertThat(d.step(StepId.REACHABLE).status()).isEqualTo(StepStatus.FAILED);
        assertThat(d.verdict()).isEqualTo(p + ":" + MODEL + " fails because the model server cannot be reached: nothing"
                + " accepts connections at 127.0.0.1:" + port + " (connection refused). Check the model server and the provider's base URL…");
        assertThat(d.step(StepId.REACHABLE).evidence()).contains("DNS: not needed (an IP address)", "TCP connect to 127.0.0.1:"
                + port + ": failed");
    }

    @Test
    void aModelTheServerDoesNotServeOffersToFixTheModelList() throws Exception {
        String p = DiagnosisFixture.providerId("my-workstation-vllm");
        try (ModelServerScript server = ModelServerScript.answering("llama-3.1-8b-instruct", "mistral-7b-instruct-v0.3")) {
            AccessKey key = workingSetup(p, server);
            Diagnosis d = diagnoser.run(gw.request(key, p), DiagnosisListener.NONE);
            assertThat(d.step(StepId.MODEL_SERVER).status()).isEqualTo(StepStatus.FAILED);
            assertThat(d.verdict()).isEqualTo(p + ":" + MODEL + " fails because the model server of " + p + " does not serve '"
                    + MODEL + "': it lists llama-3.1-8b-instruct, mistral-7b-instruct-v0.3. Fix the provider's model list…");
            assertThat(d.step(StepId.CALL).evidence()).anyMatch(e -> e.contains("HTTP 404"));
            ModelListFix fix = d.modelListFix();
            assertThat(fix.models()).containsExactly("llama-3.1-8b-instruct", "mistral-7b-instruct-v0.3");
            diagnoser.apply(fix);
            assertThat(gw.client.providers().get(fix.providerResourceId()).models()).extracting(ProviderModel::modelId)
                    .containsExactly("llama-3.1-8b-instruct", "mistral-7b-instruct-v0.3");
        }
    }

    @Test
    void anUpstream500IsShownWithTheServersOwnWordsAndTheLogRow() throws Exception {
        String p = DiagnosisFixture.providerId("my-workstation-vllm");
        try (ModelServerScript server = new ModelServerScript(m -> ModelServerScript.json(500,
                "{\"object\":\"error\",\"message\":\"CUDA out of memory. Tried to allocate 2.00 GiB\",\"code\":500}"), MODEL)) {
            AccessKey key = workingSetup(p, server);
            Diagnosis d = diagnoser.run(gw.request(key, p), DiagnosisListener.NONE);
            assertThat(statuses(d)).containsExactly(StepStatus.PASSED, StepStatus.PASSED, StepStatus.PASSED, StepStatus.PASSED,
                    StepStatus.PASSED, StepStatus.PASSED, StepStatus.FAILED);
            assertThat(d.verdict()).isEqualTo(p + ":" + MODEL + " fails because a one-token call on chat-completions fails:"
                    + " the model server answered HTTP 500 (1 attempt): CUDA out of memory. Tried to allocate 2.00 GiB. Open Logs…");
            assertThat(d.step(StepId.CALL).evidence()).anyMatch(e -> e.startsWith("Ngrok-AIG-Request-Id: rq_"))
                    .anyMatch(e -> e.startsWith("Log: attempt 1 (final), " + p + ":" + MODEL + ", status 500"));
            assertThat(d.action().target()).isEqualTo(Action.Target.LOGS);
            assertThat(d.action().subjectId()).startsWith("rq_");
        }
    }
}
