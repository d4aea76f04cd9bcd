package dev.switchboard.viewmodel.accesskeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.AccessKey;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyCreate;
import dev.switchboard.api.ProviderKey;
import dev.switchboard.api.StepKey;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.KeptTokens;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's view-model against the real embedded gateway, work run inline (no FX toolkit). */
class AccessKeysViewModelTest {
    @TempDir
    Path dir;
    private AccessKeyTestGateway gw;
    private final AccessKeyTestGateway.RecordingDialogs dialogs = new AccessKeyTestGateway.RecordingDialogs();
    private KeptTokens kept;
    private AccessKeysViewModel vm;

    @BeforeEach
    void start() {
        gw = new AccessKeyTestGateway(dir.resolve("gateway"));
        gw.provider("my-ollama", "http://127.0.0.1:9", "llama3.2", "qwen2.5:0.5b");
        gw.provider("lm-studio", "http://127.0.0.1:9", "phi-4");
        kept = new KeptTokens(dir.resolve("console"));
        vm = new AccessKeysViewModel(() -> gw.admin, BackgroundTasks.direct(), dialogs, kept, ZoneOffset.UTC);
        vm.refresh().join();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void createsAConfigurationFromTicksAndAKeyWhoseTokenIsShownOnceAndKept() {
        vm.newConfiguration();
        vm.editor().nameProperty().set("only-llama");
        vm.editor().allowlist().tickOnly(List.of("my-ollama:llama3.2"));
        AccessKeyConfiguration saved = vm.save().join();

        AccessKeyConfiguration read = gw.admin.accessKeyConfigurations().get(saved.id());
        assertThat(read.access().providers().allow()).containsExactly("my-ollama");
        assertThat(read.access().models().allow()).containsExactly("my-ollama:llama3.2");
        assertThat(vm.editor().isDirty()).isFalse();
        assertThat(vm.configurations()).extracting(ConfigurationRow::label).containsExactly("only-llama  ·  0 keys");

        NewAccessKeyViewModel form = vm.newKeyForm();
        form.nameProperty().set("laptop");
        form.choosesModelsProperty().set(false);
        form.configurationProperty().set(form.choices().stream().filter(c -> "only-llama".equals(c.label())).findFirst().orElseThrow());
        vm.createKey(form).join();

        AccessKey created = vm.createdKeyProperty().get();
        assertThat(created.token()).startsWith("ng-");
        vm.finishCreatedKey(true).join();
        assertThat(vm.createdKeyProperty().get()).isNull();
        assertThat(kept.find(created.id()).orElseThrow().token()).isEqualTo(created.token());
        assertThat(vm.keys()).singleElement().satisfies(row -> {
            assertThat(row.configuration()).isEqualTo("only-llama");
            assertThat(row.lastUsed()).isEqualTo("Never");
            assertThat(row.keyRedacted()).doesNotContain(created.token());
        });
        assertThat(vm.configurations()).extracting(ConfigurationRow::label).containsExactly("only-llama  ·  1 key");
    }

    @Test
    void deleteIsRefusedWhileKeysUseTheConfigurationNamingThem() {
        vm.newConfiguration();
        vm.editor().nameProperty().set("team");
        AccessKeyConfiguration saved = vm.save().join();
        gw.admin.accessKeys().create(AccessKeyCreate.of("ci-runner", saved.id()));
        vm.refresh().join();

        vm.deleteConfiguration().join();

        assertThat(dialogs.errors).singleElement().asString().contains("'team' is in use").contains("'ci-runner'");
        assertThat(gw.admin.accessKeyConfigurations().get(saved.id()).name()).isEqualTo("team");

        AccessKeyRow row = vm.keys().get(0);
        vm.changeConfiguration(row, ConfigurationChoice.NONE).join();
        assertThat(vm.keys().get(0).configuration()).isEqualTo(AccessKeyRow.NO_CONFIGURATION);
        vm.deleteConfiguration().join();
        assertThat(vm.configurations()).isEmpty();
        assertThat(gw.admin.accessKeyConfigurations().list().toList()).isEmpty();
    }

    @Test
    void reorderedKeysAreSavedInTheNewOrder() {
        ProviderKey primary = gw.providerKey("my-ollama", "primary", "sk-primary-0001");
        ProviderKey backup = gw.providerKey("my-ollama", "backup", "sk-backup-0002");
        vm.refresh().join();
        vm.newConfiguration();
        vm.editor().nameProperty().set("failover");
        RouteRuleDraft rule = vm.editor().addRule("my-ollama");
        vm.editor().routing().addExisting(rule, primary);
        vm.editor().routing().addExisting(rule, backup);
        vm.editor().routing().addNew(rule, "spare", "sk-spare-0003");
        AccessKeyConfiguration saved = vm.save().join();
        assertThat(gw.admin.providerKeys().listForProvider("my-ollama").toList()).extracting(ProviderKey::name)
                .contains("spare");

        vm.editor().routing().rules().get(0).firstStep().moveUp(1);
        assertThat(vm.editor().isDirty()).isTrue();
        vm.save().join();

        List<StepKey> keys = gw.admin.accessKeyConfigurations().get(saved.id()).router().rules().get(0).steps().get(0).keys();
        assertThat(keys).extracting(StepKey::id).startsWith(backup.id(), primary.id()).hasSize(3);
        assertThat(vm.editor().isDirty()).isFalse();
    }

    @Test
    void aRefusedSaveKeepsEverythingTypedAndSaysWhy() {
        vm.newConfiguration();
        vm.editor().nameProperty().set("x".repeat(300));
        assertThat(vm.editor().canSaveProperty().get()).isFalse();

        vm.editor().nameProperty().set("gone-provider");
        vm.editor().allowlist().tickOnly(List.of("lm-studio:phi-4"));
        gw.admin.providers().delete(gw.admin.providers().list().stream()
                .filter(p -> p.providerId().equals("lm-studio")).findFirst().orElseThrow().id());

        assertThat(vm.save().join()).isNull();

        assertThat(dialogs.errors).singleElement().asString().startsWith("Could not save").contains("lm-studio");
        assertThat(vm.editor().isDirty()).isTrue();
        assertThat(vm.editor().request(false).access().models().allow()).containsExactly("lm-studio:phi-4");
    }

    @Test
    void revokingAsksFirstAndForgetsAKeptToken() {
        AccessKey key = gw.admin.accessKeys().create(AccessKeyCreate.of("laptop"));
        kept.keep(key.id(), key.name(), key.token());
        vm.refresh().join();
        assertThat(vm.keys().get(0).configuration()).isEqualTo(AccessKeyRow.NO_CONFIGURATION);

        dialogs.answer = false;
        vm.revoke(vm.keys().get(0)).join();
        assertThat(gw.admin.accessKeys().list().toList()).hasSize(1);

        dialogs.answer = true;
        vm.revoke(vm.keys().get(0)).join();
        assertThat(gw.admin.accessKeys().list().toList()).isEmpty();
        assertThat(vm.keys()).isEmpty();
        assertThat(kept.find(key.id())).isEmpty();
        assertThat(dialogs.confirmations).hasSize(2).allMatch(c -> c.contains("Revoke access key 'laptop'"));
    }

    @Test
    void unsavedChangesAreNotDroppedWithoutAsking() {
        vm.newConfiguration();
        vm.editor().nameProperty().set("a");
        vm.save().join();
        vm.newConfiguration();
        vm.editor().nameProperty().set("b");
        vm.save().join();
        ConfigurationRow a = vm.configurations().stream().filter(r -> r.configuration().name().equals("a")).findFirst().orElseThrow();
        ConfigurationRow b = vm.configurations().stream().filter(r -> r.configuration().name().equals("b")).findFirst().orElseThrow();
        assertThat(vm.open(a)).isTrue();
        vm.editor().descriptionProperty().set("edited");

        dialogs.answer = false;
        assertThat(vm.open(b)).isFalse();
        assertThat(vm.confirmDiscard()).isFalse();
        assertThat(vm.editor().descriptionProperty().get()).isEqualTo("edited");
        assertThat(vm.openConfigurationProperty().get().id()).isEqualTo(a.id());

        dialogs.answer = true;
        assertThat(vm.open(b)).isTrue();
        assertThat(vm.editor().nameProperty().get()).isEqualTo("b");
        assertThat(dialogs.confirmations).hasSize(3);
    }
}
