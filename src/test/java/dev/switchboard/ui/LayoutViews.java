package dev.switchboard.ui;

import static dev.switchboard.ui.LayoutTest.awaitTrue;

import dev.switchboard.app.Console;
import dev.switchboard.ui.diagnose.DiagnoseWindow;
import dev.switchboard.viewmodel.diagnose.DiagnoseTarget;
import dev.switchboard.viewmodel.logs.LogsViewModel;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.Kind;
import dev.switchboard.viewmodel.providers.ProviderWizardViewModel.Page;
import dev.switchboard.viewmodel.providers.TestStep.Outcome;
import dev.switchboard.viewmodel.providers.ProvidersViewModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Brings the console into each state the Layout test looks at. */
final class LayoutViews {
    static final List<String> WIZARD_STEPS = List.of("kind", "external-url", "external-url-error", "find-server",
            "details", "details-error", "reach", "test", "access", "review", "done");

    private final FxRobot robot;
    private final Console console;
    private final Stage stage;
    private final int vllmPort;
    private final java.nio.file.Path files;
    private Runnable restoreBeforeNextStep;

    LayoutViews(FxRobot robot, Console console, Stage stage, int vllmPort, java.nio.file.Path files) {
        this.robot = robot;
        this.console = console;
        this.stage = stage;
        this.vllmPort = vllmPort;
        this.files = files;
    }

    void show(String pageId) {
        robot.interact(() -> console.shell().show(pageId));
        settle();
    }

    void showPopulated(String pageId) {
        show(pageId);
        switch (pageId) {
            case "providers" -> {
                ProvidersViewModel vm = viewModel("#providers-view");
                robot.interact(vm::load);
                awaitTrue(() -> vm.rows().size() >= 3 && !vm.loadingProperty().get());
            }
            case "logs" -> {
                LogsViewModel vm = viewModel("#logs-view");
                awaitTrue(() -> {
                    if (!vm.loadingProperty().get() && vm.visibleRows().size() < LayoutFixture.REQUESTS) {
                        vm.reload();
                    }
                    return vm.visibleRows().size() >= LayoutFixture.REQUESTS;
                });
            }
            case "access-keys" -> {
                dev.switchboard.viewmodel.accesskeys.AccessKeysViewModel vm = viewModel("#accesskeys-view");
                robot.interact(vm::refresh);
                awaitTrue(() -> robot.lookup("#keys-table").queryAs(TableView.class).getItems().size() >= 5);
            }
            case "provider-keys" -> {
                dev.switchboard.viewmodel.providerkeys.ProviderKeysViewModel vm = viewModel("#provider-keys-view");
                robot.interact(vm::refresh);
                awaitTrue(() -> !vm.rows().isEmpty() && !vm.busyProperty().get());
            }
            default -> settle();
        }
        settle();
    }

    void selectProvider() {
        showPopulated("providers");
        ProvidersViewModel vm = viewModel("#providers-view");
        robot.interact(() -> vm.select(LayoutFixture.VLLM));
        settle();
    }

    void providerError() {
        selectProvider();
        typeAsUser("#edit-name", "");
        typeAsUser("#edit-base-url", "ftp://not-a-model-server");
    }

    void selectLogRow() {
        show("logs");
        robot.interact(() -> robot.lookup("#logs-table").queryAs(TableView.class).getSelectionModel().select(0));
        settle();
    }

    void logCharts() {
        show("logs");
        robot.interact(() -> tabsOf("#logs-view").getSelectionModel().select(1));
        settle();
    }

    void settingsHostedError() {
        show("settings");
        robot.interact(() -> robot.lookup("#mode-hosted").queryAs(ButtonBase.class).fire());
        typeAsUser("#control-plane-url", "ftp://x");
    }

    void leaveSettingsHosted() {
        show("settings");
        robot.interact(() -> robot.lookup("#revert").queryAs(Button.class).fire());
        settle();
    }

    void accessKeySelected() {
        showPopulated("access-keys");
        robot.interact(() -> tabsOf("#accesskeys-view").getSelectionModel().select(0));
        robot.interact(() -> robot.lookup("#keys-table").queryAs(TableView.class).getSelectionModel().select(0));
        settle();
    }

    void accessKeyConfigurations() {
        show("access-keys");
        robot.interact(() -> tabsOf("#accesskeys-view").getSelectionModel().select(1));
        settle();
        robot.interact(() -> robot.lookup("#configurations-list").queryAs(ListView.class).getSelectionModel().select(0));
        settle();
    }

    /** Chat comparing two models with long ids, a token pasted, after both streamed a reply. */
    void chatCompare(String token) {
        show("chat");
        dev.switchboard.viewmodel.chat.ChatViewModel vm = viewModel("#chat-view");
        robot.interact(() -> {
            vm.pastedTokenProperty().set(token);
            vm.usePastedToken();
        });
        awaitTrue(() -> vm.keyProperty().get() != null && !vm.loadingModelsProperty().get());
        java.util.concurrent.atomic.AtomicBoolean sent = new java.util.concurrent.atomic.AtomicBoolean();
        robot.interact(() -> {
            vm.modelProperty().set(LayoutFixture.OLLAMA + ":" + LayoutFixture.OLLAMA_MODELS.get(1));
            vm.compareProperty().set(true);
            vm.compareModelProperty().set(LayoutFixture.OLLAMA + ":" + LayoutFixture.OLLAMA_MODELS.get(0));
            vm.draftProperty().set("Write a binary search in Python and explain its loop invariant.");
            sent.set(vm.send());
        });
        org.assertj.core.api.Assertions.assertThat(sent).as(vm.statusProperty().get()).isTrue();
        try {
            awaitTrue(() -> !vm.isBusy() && vm.secondary().turns().size() == 2
                    && vm.secondary().turns().get(1).metricsProperty().get() != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("compare did not finish: " + vm.primary().turns().stream().map(t -> t.role() + " "
                    + t.state() + " " + t.text() + " " + t.metricsLineProperty().get()).toList(), e);
        }
        settle();
    }

    // ---------------------------------------------------------------- the wizard

    void openWizard() {
        show("providers");
        robot.interact(() -> robot.lookup("#add-provider").queryAs(Button.class).fire());
        settle();
    }

    private ProviderWizardViewModel wizard() {
        return (ProviderWizardViewModel) robot.lookup("#provider-wizard").query().getUserData();
    }

    void wizardStep(String step) {
        ProviderWizardViewModel w = wizard();
        if (restoreBeforeNextStep != null) {
            restoreBeforeNextStep.run();
            restoreBeforeNextStep = null;
        }
        switch (step) {
            case "kind" -> { }
            case "external-url" -> robot.interact(() -> {
                w.kindProperty().set(Kind.EXTERNAL);
                w.next();
            });
            case "external-url-error" -> {
                typeAsUser("#base-url", "http://127.0.0.1:9/v1");
                robot.interact(w.externalUrl()::fetchModels);
                awaitTrue(() -> !w.externalUrl().fetchingModelsProperty().get());
            }
            case "find-server" -> {
                robot.interact(() -> {
                    w.back();
                    w.kindProperty().set(Kind.LOCAL);
                    w.findServer().customHostPortProperty().set("127.0.0.1:" + vllmPort);
                    w.next();
                });
                awaitTrue(() -> !w.findServer().scanningProperty().get() && w.findServer().selectedServerProperty().get() != null);
            }
            case "details" -> robot.interact(w::next);
            case "details-error" -> {
                String id = w.details().providerIdProperty().get();
                typeAsUser("#provider-id", "My Workstation!");
                restoreBeforeNextStep = () -> typeAsUser("#provider-id", id);
            }
            case "reach" -> robot.interact(w::next);
            case "test" -> {
                robot.interact(w::next);
                robot.interact(w.test()::run);
                awaitTrue(() -> w.test().outcomeProperty().get() != dev.switchboard.viewmodel.providers.TestStep.Outcome.RUNNING);
            }
            case "access" -> {
                robot.interact(w::next);
                awaitTrue(() -> !w.access().loadingProperty().get());
            }
            case "review" -> robot.interact(w::next);
            case "done" -> {
                robot.interact(w::next);
                awaitTrue(() -> w.getPage() == Page.DONE);
            }
            default -> throw new IllegalArgumentException(step);
        }
        settle();
    }

    void closeWizard() {
        robot.interact(() -> robot.lookup("#wizard-next").queryAs(Button.class).fire());
        settle();
    }

    // ---------------------------------------------------------------- dialogs

    /** Each dialog: opens it, hands its content to the looker, closes it without changing anything. */
    Map<String, Consumer<Consumer<Parent>>> dialogs() {
        Map<String, Consumer<Consumer<Parent>>> all = new LinkedHashMap<>();
        all.put("delete-provider", look -> {
            selectProvider();
            withDialog("#delete-provider", look);
        });
        all.put("create-access-key", look -> {
            show("access-keys");
            robot.interact(() -> tabsOf("#accesskeys-view").getSelectionModel().select(0));
            withDialog("#create-key", look);
        });
        all.put("change-configuration", look -> {
            show("access-keys");
            robot.interact(() -> robot.lookup("#keys-table").queryAs(TableView.class).getSelectionModel().select(0));
            withDialog("#change-configuration", look);
        });
        all.put("discard-wizard", look -> {
            openWizard();
            robot.interact(() -> wizard().kindProperty().set(Kind.LOCAL));
            withDialog("#wizard-cancel", look);
            robot.interact(() -> wizard().kindProperty().set(null));
            robot.interact(() -> robot.lookup("#wizard-cancel").queryAs(Button.class).fire());
            settle();
        });
        all.put("add-provider-key", look -> {
            showPopulated("provider-keys");
            withDialog("#add-provider-key", look);
        });
        all.put("rotate-provider-key", look -> {
            showPopulated("provider-keys");
            robot.interact(() -> robot.lookup("#provider-keys-table").queryAs(TableView.class).getSelectionModel().select(0));
            withDialog("#rotate-provider-key", look);
        });
        all.put("delete-provider-key", look -> {
            showPopulated("provider-keys");
            robot.interact(() -> robot.lookup("#provider-keys-table").queryAs(TableView.class).getSelectionModel().select(0));
            withDialog("#delete-provider-key", look);
        });
        all.put("revoke-access-key", look -> {
            show("access-keys");
            robot.interact(() -> tabsOf("#accesskeys-view").getSelectionModel().select(0));
            robot.interact(() -> robot.lookup("#keys-table").queryAs(TableView.class).getSelectionModel().select(0));
            withDialog("#revoke-key", look);
        });
        all.put("diagnose", look -> {
            show("providers");
            withWindow(() -> DiagnoseWindow.open(stage, console.context(),
                    new DiagnoseTarget(LayoutFixture.VLLM + ":" + LayoutFixture.VLLM_MODELS.get(0), null, null, null)), look);
        });
        all.put("export", look -> {
            show("settings");
            withDialog("#export-configuration", look);
        });
        all.put("copy-to-gateway", look -> {
            show("settings");
            withDialog("#copy-to-gateway", look);
        });
        all.put("import-plan", look -> importFile(LayoutImportFiles.teamFile(client(), files), root -> {
            awaitTrue(() -> label(root, "#plan-summary").getText().startsWith("The plan"));
            @SuppressWarnings("unchecked")
            ListView<dev.switchboard.transfer.Change> changes = (ListView<dev.switchboard.transfer.Change>) root.lookup("#plan-changes");
            robot.interact(() -> changes.getSelectionModel().select(changes.getItems().stream()
                    .filter(c -> c.describe().equals("update provider " + LayoutFixture.VLLM)).findFirst().orElseThrow()));
        }, look));
        all.put("import-file-error", look -> importFile(LayoutImportFiles.brokenFile(files),
                root -> awaitTrue(() -> label(root, "#transfer-status").getText().contains("modles")), look));
        all.put("import-applied", look -> importFile(LayoutImportFiles.teamFile(client(), files), root -> {
            awaitTrue(() -> !root.lookup("#transfer-apply").isDisabled());
            robot.interact(() -> ((Button) root.lookup("#transfer-apply")).fire());
            awaitTrue(() -> !((javafx.scene.control.TextArea) root.lookup("#transfer-summary")).getText().isEmpty());
        }, look));
        return all;
    }

    /** Import… past its file chooser: the window opened on the file the chooser would have returned. */
    private void importFile(java.nio.file.Path file, Consumer<Parent> prepare, Consumer<Parent> look) {
        show("settings");
        withWindow(() -> dev.switchboard.ui.transfer.ImportDialog.open(stage, console.context(), file), prepare, look);
    }

    private dev.switchboard.client.GatewayClient client() {
        return console.context().connections().current().client();
    }

    private static javafx.scene.control.Label label(Parent root, String query) {
        return (javafx.scene.control.Label) root.lookup(query);
    }

    private void withDialog(String opener, Consumer<Parent> look) {
        withWindow(() -> robot.lookup(opener).queryAs(ButtonBase.class).fire(), look);
    }

    /** Opens a window (a dialog or a window of its own), hands its content to the looker, then cancels or closes it. */
    private void withWindow(Runnable open, Consumer<Parent> look) {
        withWindow(open, root -> { }, look);
    }

    private void withWindow(Runnable open, Consumer<Parent> prepare, Consumer<Parent> look) {
        List<Window> before = LayoutTest.otherWindows(stage);
        Platform.runLater(open);
        awaitTrue(() -> LayoutTest.otherWindows(stage).size() > before.size());
        Window dialog = LayoutTest.otherWindows(stage).stream().filter(w -> !before.contains(w)).findFirst().orElseThrow();
        settle();
        prepare.accept(dialog.getScene().getRoot());
        settle();
        look.accept(dialog.getScene().getRoot());
        robot.interact(() -> {
            if (dialog.getScene().getRoot() instanceof DialogPane pane) {
                Node cancel = Optional.ofNullable(pane.lookupButton(ButtonType.CANCEL))
                        .orElseGet(() -> pane.getButtonTypes().stream().map(pane::lookupButton).findFirst().orElseThrow());
                ((Button) cancel).fire();
            } else {
                dialog.hide();
            }
        });
        settle();
    }

    // ---------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    private <T> T viewModel(String viewId) {
        return (T) robot.lookup(viewId).query().getUserData();
    }

    private TabPane tabsOf(String viewId) {
        return robot.lookup(viewId).query().lookup(".tab-pane") instanceof TabPane t ? t : null;
    }

    /** Types as a person would (focus, then edit), so the field counts as touched and shows its error. */
    private void typeAsUser(String query, String text) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.interact(() -> {
            field.requestFocus();
            field.setText(text);
        });
        settle();
    }

    void settle() {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.sleep(120, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
