package dev.switchboard.viewmodel.accesskeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ChatMessage;
import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.ModelInfo;
import dev.switchboard.client.Surface;
import dev.switchboard.testing.ModelServers;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.KeptTokens;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access edited from a key, against the real embedded gateway: a key with no configuration, with its own,
 * with a shared one; a key created with a chosen allowlist, checked on the data plane.
 */
class AccessKeyEditAccessTest {
    private static final String QWEN = "my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M";
    private static final String LLAMA = "my-workstation-vllm:llama-3.1-8b-instruct-q8_0";
    private static final String PHI = "lab-lmstudio:phi-4-mini-instruct";

    @TempDir
    Path dir;
    private AccessKeyTestGateway gw;
    private MockWebServer model;
    private final AccessKeyTestGateway.RecordingDialogs dialogs = new AccessKeyTestGateway.RecordingDialogs();
    private AccessKeysViewModel vm;

    @BeforeEach
    void start() throws Exception {
        model = ModelServers.mockWebServer();
        model.start(InetAddress.getLoopbackAddress(), 0);
        gw = new AccessKeyTestGateway(dir.resolve("gateway"));
        String url = "http://127.0.0.1:" + model.getPort();
        gw.provider("my-workstation-vllm", url, "qwen2.5-coder-32b-instruct-q4_K_M", "llama-3.1-8b-instruct-q8_0");
        gw.provider("lab-lmstudio", url, "phi-4-mini-instruct");
        vm = new AccessKeysViewModel(() -> gw.admin, BackgroundTasks.direct(), dialogs,
                new KeptTokens(dir.resolve("console")), ZoneOffset.UTC);
        vm.refresh().join();
    }

    @AfterEach
    void stop() {
        gw.close();
        model.close();
    }

    private AccessKeyRow row(String name) {
        vm.refresh().join();
        return vm.keys().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private AccessKey read(AccessKey key) {
        return gw.admin.accessKeys().get(key.id());
    }

    @Test
    void aKeyWithNoConfigurationIsShownAsCallingNothingAndEditAccessGivesItOneNamedAfterIt() {
        AccessKey key = gw.admin.accessKeys().create(AccessKeyCreate.of("build-box"));
        vm.keyAccess().selectedProperty().set(row("build-box"));
        KeyAccessInWords before = vm.keyAccess().inWordsProperty().get();
        assertThat(before.summary()).contains("no configuration", "can call no custom provider");
        assertThat(before.models()).isEmpty();
        assertThat(row("build-box").configuration()).isEqualTo(AccessKeyRow.NO_CONFIGURATION);

        AccessKeyConfiguration opened = vm.keyAccess().editAccess(row("build-box")).join();

        assertThat(opened.name()).isEqualTo("build-box");
        assertThat(read(key).accessKeyConfiguration().id()).isEqualTo(opened.id());
        assertThat(vm.openConfigurationProperty().get().id()).isEqualTo(opened.id());
        assertThat(vm.keyAccess().editorOpenedProperty().get()).isEqualTo(1);
        assertThat(gw.admin.accessKeyConfigurations().get(opened.id()).access().providers().allow()).isEmpty();
        vm.keyAccess().selectedProperty().set(row("build-box"));
        assertThat(vm.keyAccess().inWordsProperty().get().summary()).contains("can call no model");

        vm.editor().allowlist().tickOnly(List.of(QWEN, LLAMA));
        vm.save().join();
        vm.keyAccess().selectedProperty().set(row("build-box"));
        assertThat(vm.keyAccess().inWordsProperty().get().summary()).isEqualTo("This key can call 2 models on 1 provider:");
        assertThat(vm.keyAccess().inWordsProperty().get().models()).containsExactly(QWEN, LLAMA);
        assertThat(dialogs.choices).isEmpty();
    }

    @Test
    void editAccessOpensAKeysOwnConfigurationWithoutAsking() {
        AccessKeyConfiguration own = gw.admin.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("laptop-only",
                new Access(new AllowList(List.of("lab-lmstudio")), null), null));
        gw.admin.accessKeys().create(AccessKeyCreate.of("laptop", own.id()));

        AccessKeyConfiguration opened = vm.keyAccess().editAccess(row("laptop")).join();

        assertThat(opened.id()).isEqualTo(own.id());
        assertThat(vm.editor().nameProperty().get()).isEqualTo("laptop-only");
        assertThat(dialogs.choices).isEmpty();
        vm.keyAccess().selectedProperty().set(row("laptop"));
        assertThat(vm.keyAccess().inWordsProperty().get().configuration()).contains("used by this key only");
        assertThat(vm.keyAccess().inWordsProperty().get().summary()).isEqualTo("This key can call 1 model on 1 provider:");
        assertThat(vm.keyAccess().inWordsProperty().get().models()).containsExactly(PHI);
    }

    @Test
    void aSharedConfigurationIsEditedForAllOrCopiedForThisKeyAloneAsTheUserChooses() {
        AccessKeyConfiguration team = gw.admin.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("team",
                new Access(null, new AllowList(List.of(QWEN))), null));
        AccessKey alice = gw.admin.accessKeys().create(AccessKeyCreate.of("alice", team.id()));
        AccessKey bob = gw.admin.accessKeys().create(AccessKeyCreate.of("bob", team.id()));
        vm.keyAccess().selectedProperty().set(row("alice"));
        assertThat(vm.keyAccess().inWordsProperty().get().configuration()).contains("shared with 'bob'");

        dialogs.choice = -1;
        assertThat(vm.keyAccess().editAccess(row("alice")).join()).isNull();
        assertThat(dialogs.choices).singleElement().asString().contains("'bob'", "Edit it for all 2 keys", "Copy it for 'alice' alone");

        dialogs.choice = 0;
        assertThat(vm.keyAccess().editAccess(row("alice")).join().id()).isEqualTo(team.id());

        dialogs.choice = 1;
        AccessKeyConfiguration copy = vm.keyAccess().editAccess(row("alice")).join();
        assertThat(copy.id()).isNotEqualTo(team.id());
        assertThat(copy.name()).isEqualTo("alice");
        assertThat(gw.admin.accessKeyConfigurations().get(copy.id()).access().models().allow()).containsExactly(QWEN);
        assertThat(read(alice).accessKeyConfiguration().id()).isEqualTo(copy.id());
        assertThat(read(bob).accessKeyConfiguration().id()).isEqualTo(team.id());
        assertThat(vm.openConfigurationProperty().get().id()).isEqualTo(copy.id());
    }

    @Test
    void aKeyCreatedWithChosenModelsCanCallExactlyThoseOnTheDataPlane() {
        NewAccessKeyViewModel form = vm.newKeyForm();
        form.nameProperty().set("ci-runner");
        assertThat(form.choosesModels()).isTrue();
        form.allowlist().tickOnly(List.of(QWEN, PHI));
        assertThat(form.validProperty().get()).isTrue();
        vm.createKey(form).join();
        AccessKey created = vm.createdKeyProperty().get();
        assertThat(created.accessKeyConfiguration().name()).isEqualTo("ci-runner");

        assertThat(gw.admin.listModels(created.token())).extracting(ModelInfo::id).containsExactlyInAnyOrder(QWEN, PHI);
        model.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(
                "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"qwen2.5-coder-32b-instruct-q4_K_M\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}").build());
        assertThat(gw.admin.complete(created.token(), Surface.CHAT_COMPLETIONS,
                ChatRequest.builder(QWEN).messages(List.of(ChatMessage.user("hi"))).build()).text()).isEqualTo("ok");
        assertThatThrownBy(() -> gw.admin.complete(created.token(), Surface.CHAT_COMPLETIONS,
                ChatRequest.builder(LLAMA).messages(List.of(ChatMessage.user("hi"))).build()))
                .isInstanceOf(dev.switchboard.client.ForbiddenException.class)
                .satisfies(e -> assertThat(e.toString()).contains("422 ERR_NGROK_3803", LLAMA));
        assertThat(model.getRequestCount()).as("the refused call never reached the model server").isEqualTo(1);
    }
}
