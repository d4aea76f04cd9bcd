package dev.switchboard.viewmodel.providerkeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationUpdate;
import dev.switchboard.api.ChatRequest;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.Router;
import dev.switchboard.api.RouterRule;
import dev.switchboard.api.RouterStep;
import dev.switchboard.api.StepKey;
import dev.switchboard.client.Surface;
import dev.switchboard.logging.LogCapture;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.accesskeys.AccessKeyTestGateway;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Provider keys page's view-model against the real embedded gateway (work runs on the calling thread). */
class ProviderKeysViewModelTest {
    private static final String VLLM = "my-workstation-vllm";
    private static final String OLLAMA = "my-ollama";
    private static final String SECRET = "sk-live-7f3a9c2e5b8d1f4a6c0e9b2d";

    @TempDir
    Path dir;
    private AccessKeyTestGateway gw;
    private ScriptedModelServer models;
    private final AccessKeyTestGateway.RecordingDialogs dialogs = new AccessKeyTestGateway.RecordingDialogs();
    private final List<String> opened = new ArrayList<>();
    private ProviderKeysViewModel vm;

    @BeforeEach
    void start() throws Exception {
        models = new ScriptedModelServer();
        gw = new AccessKeyTestGateway(dir);
        gw.provider(VLLM, models.baseUrl(), ScriptedModelServer.MODEL);
        gw.provider(OLLAMA, "http://127.0.0.1:9", "llama3.2:3b-instruct-q4_K_M");
        vm = new ProviderKeysViewModel(() -> gw.admin, BackgroundTasks.direct(), dialogs, ZoneOffset.UTC, opened::add);
    }

    @AfterEach
    void stop() throws Exception {
        gw.close();
        models.close();
    }

    @Test
    void listsEveryKeyAPageAtATimeAndFiltersByProvider() {
        List<ProviderKey> vllmKeys = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            vllmKeys.add(gw.providerKey(VLLM, "gpu-" + i, "sk-vllm-" + (100000 + i)));
        }
        for (int i = 0; i < 3; i++) {
            gw.providerKey(OLLAMA, "ollama-" + i, "sk-ollama-" + (100000 + i));
        }
        ScriptedModelServer.routeThrough(gw.admin, "team-vllm", VLLM, List.of(vllmKeys.get(149), vllmKeys.get(7)));

        vm.refresh().join();
        assertThat(vm.filters()).extracting(ProviderFilter::providerId).containsExactlyInAnyOrder(null, VLLM, OLLAMA);
        assertThat(vm.filters().get(0)).isEqualTo(ProviderFilter.ALL);
        ProviderFilter vllm = vm.filters().stream().filter(f -> VLLM.equals(f.providerId())).findFirst().orElseThrow();
        ProviderFilter ollama = vm.filters().stream().filter(f -> OLLAMA.equals(f.providerId())).findFirst().orElseThrow();
        assertThat(vm.rows()).hasSize(ProviderKeysViewModel.PAGE_SIZE);
        assertThat(vm.hasMoreProperty().get()).isTrue();
        assertThat(vm.statusProperty().get()).contains("newest 50 keys");
        vm.loadMore().join();
        assertThat(vm.rows()).hasSize(100);
        vm.loadMore().join();
        vm.loadMore().join();
        assertThat(vm.rows()).hasSize(153);
        assertThat(vm.hasMoreProperty().get()).isFalse();
        assertThat(vm.rows()).extracting(ProviderKeyRow::id).doesNotHaveDuplicates();
        assertThat(vm.statusProperty().get()).isEqualTo("Showing all 153 keys.");

        vm.filterProperty().set(vllm);
        assertThat(vm.rows()).hasSize(50).allSatisfy(r -> assertThat(r.provider()).isEqualTo(VLLM));
        assertThat(vm.rows().get(0).name()).as("newest first").isEqualTo("gpu-149");
        assertThat(vm.rows().get(0).routedByText()).isEqualTo("team-vllm");
        assertThat(vm.rows().get(1).routedByText()).isEqualTo("None");
        vm.loadMore().join();
        vm.loadMore().join();
        assertThat(vm.rows()).hasSize(150).allSatisfy(r -> assertThat(r.provider()).isEqualTo(VLLM));
        assertThat(vm.rows()).filteredOn(r -> r.name().equals("gpu-7")).singleElement()
                .satisfies(r -> assertThat(r.routedBy()).extracting(ConfigurationLink::name).containsExactly("team-vllm"));
        assertThat(vm.hasMoreProperty().get()).isFalse();

        vm.filterProperty().set(ollama);
        assertThat(vm.rows()).extracting(ProviderKeyRow::name).containsExactly("ollama-2", "ollama-1", "ollama-0");
        assertThat(vm.hasMoreProperty().get()).isFalse();
    }

    @Test
    void addsAKeyWithoutTheValueEverShowingOrBeingLogged() {
        LogCapture logs = LogCapture.start();
        try {
            vm.refresh().join();
            ProviderKeyForm form = vm.addForm();
            assertThat(form.providerValidator().isValid()).as("two providers: none chosen for you").isFalse();
            form.providerProperty().set(form.providers().get(0));
            form.nameProperty().set("primary");
            form.valueProperty().set("sk-live\nsecond-line");
            assertThat(form.valueValidator().getMessage()).contains("one line");
            form.valueProperty().set(SECRET);
            form.showValueProperty().set(true);
            assertThat(form.validProperty().get()).isTrue();

            vm.add(form).join();

            assertThat(form.valueProperty().get()).as("cleared once sent").isEmpty();
            assertThat(form.showValueProperty().get()).isFalse();
            ProviderKey created = gw.admin.providerKeys().list().toList().get(0);
            assertThat(created.name()).isEqualTo("primary");
            assertThat(created.keyRedacted()).endsWith("9b2d").doesNotContain(SECRET);
            assertThat(vm.rows()).singleElement().satisfies(r -> {
                assertThat(r.keyRedacted()).isEqualTo(created.keyRedacted());
                assertThat(r.toString() + r.routedByText()).doesNotContain(SECRET);
            });
            assertThat(vm.statusProperty().get()).startsWith("Added 'primary'").doesNotContain(SECRET);
            assertThat(form.toString()).doesNotContain(SECRET);
            assertThat(dialogs.errors).isEmpty();
        } finally {
            logs.stop();
        }
        assertThat(logs.events()).isPositive();
        assertThat(logs.text()).doesNotContain(SECRET).doesNotContain("7f3a9c2e5b8d");
    }

    @Test
    void rotateMakesTheModelServerSeeTheNewValueAndNeverTheOldOneAgain() {
        ProviderKey key = gw.providerKey(VLLM, "primary", "sk-old-1c4e7a9b2d5f");
        String token = ScriptedModelServer.accessKey(gw.admin, "laptop",
                ScriptedModelServer.routeThrough(gw.admin, "team-vllm", VLLM, List.of(key)));
        ChatRequest hi = ChatRequest.builder(VLLM + ":" + ScriptedModelServer.MODEL).user("hi").build();
        gw.admin.complete(token, Surface.CHAT_COMPLETIONS, hi);
        assertThat(models.authorizations).containsExactly("Bearer sk-old-1c4e7a9b2d5f");

        vm.refresh().join();
        ProviderKeyRow row = vm.rows().get(0);
        ProviderKeyForm form = vm.rotateForm(row);
        assertThat(form.nameProperty().get()).isEqualTo("primary");
        form.valueProperty().set("sk-new-8e2b5d0f3a6c");
        LogCapture logs = LogCapture.start();
        try {
            vm.rotate(form).join();
        } finally {
            logs.stop();
        }
        String logged = logs.text();
        int at = logged.indexOf("sk-new-8e2b5d0f3a6c");
        assertThat(at).as(at < 0 ? "" : logged.substring(Math.max(0, at - 600), Math.min(logged.length(), at + 200))).isNegative();
        assertThat(form.valueProperty().get()).isEmpty();
        ProviderKeyRow rotated = vm.rows().get(0);
        assertThat(rotated.keyRedacted()).endsWith("3a6c").isNotEqualTo(row.keyRedacted());
        assertThat(rotated.routedByText()).isEqualTo("team-vllm");
        assertThat(vm.statusProperty().get()).contains("now " + rotated.keyRedacted()).contains("Used by team-vllm");

        gw.admin.complete(token, Surface.CHAT_COMPLETIONS, hi);
        gw.admin.complete(token, Surface.CHAT_COMPLETIONS, hi);
        assertThat(models.authorizations).containsExactly("Bearer sk-old-1c4e7a9b2d5f",
                "Bearer sk-new-8e2b5d0f3a6c", "Bearer sk-new-8e2b5d0f3a6c");
    }

    @Test
    void deleteIsRefusedNamingTheConfigurationsThenAllowedOnceTheyAreChanged() {
        ProviderKey key = gw.providerKey(VLLM, "primary", "sk-primary-5d8a1c4f7e0b");
        ProviderKey other = gw.providerKey(VLLM, "backup", "sk-backup-2b6e9d3a0c7f");
        AccessKeyConfiguration team = ScriptedModelServer.routeThrough(gw.admin, "team-vllm", VLLM, List.of(key, other));
        AccessKeyConfiguration ci = ScriptedModelServer.routeThrough(gw.admin, "ci-runners", VLLM, List.of(key));
        vm.refresh().join();
        ProviderKeyRow row = vm.rows().stream().filter(r -> r.name().equals("primary")).findFirst().orElseThrow();

        dialogs.answer = false;
        vm.delete(row).join();
        assertThat(dialogs.confirmations).singleElement().asString().startsWith("Delete provider key 'primary'?");
        assertThat(vm.refusalProperty().get()).isNull();
        assertThat(gw.admin.providerKeys().list().toList()).hasSize(2);

        dialogs.answer = true;
        vm.delete(row).join();
        DeleteRefusal refusal = vm.refusalProperty().get();
        assertThat(refusal).isNotNull();
        assertThat(refusal.configurations()).containsExactlyInAnyOrder(new ConfigurationLink(team.id(), "team-vllm"),
                new ConfigurationLink(ci.id(), "ci-runners"));
        assertThat(refusal.message()).contains("These 2 configurations route through 'primary'");
        assertThat(dialogs.errors).as("a refusal is not a raw error").isEmpty();
        assertThat(gw.admin.providerKeys().list().toList()).hasSize(2);

        vm.openConfiguration(refusal.configurations().get(0));
        assertThat(opened).containsExactly(refusal.configurations().get(0).id());
        assertThat(vm.refusalProperty().get()).isNull();

        gw.admin.accessKeyConfigurations().update(team.id(), AccessKeyConfigurationUpdate.builder()
                .router(new Router(List.of(new RouterRule(VLLM, null, List.of(RouterStep.ordered(
                        List.of(StepKey.existing(other.id())))))))).build());
        gw.admin.accessKeyConfigurations().update(ci.id(), AccessKeyConfigurationUpdate.builder().clearRouter().build());
        vm.delete(row).join();
        assertThat(vm.refusalProperty().get()).isNull();
        assertThat(vm.rows()).extracting(ProviderKeyRow::name).containsExactly("backup");
        assertThat(gw.admin.providerKeys().list().toList()).extracting(ProviderKey::id).containsExactly(other.id());
        assertThat(vm.statusProperty().get()).isEqualTo("Deleted 'primary'.");
    }
}
