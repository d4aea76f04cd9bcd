package dev.switchboard.ui.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import atlantafx.base.theme.PrimerLight;
import dev.switchboard.api.Access;
import dev.switchboard.api.AccessKeyConfiguration;
import dev.switchboard.api.AccessKeyConfigurationCreate;
import dev.switchboard.api.AllowList;
import dev.switchboard.api.ApiSurface;
import dev.switchboard.api.Provider;
import dev.switchboard.api.ProviderCreate;
import dev.switchboard.client.GatewayClient;
import dev.switchboard.discovery.LocalServerScanner;
import dev.switchboard.discovery.ModelServerClient;
import dev.switchboard.discovery.OnDemand;
import dev.switchboard.discovery.ScanTarget;
import dev.switchboard.discovery.ScriptedModelServer;
import dev.switchboard.gateway.EmbeddedGateway;
import dev.switchboard.gateway.GatewayOptions;
import dev.switchboard.ui.FxDialogService;
import dev.switchboard.viewmodel.BackgroundTasks;
import dev.switchboard.viewmodel.ExecutorBackgroundTasks;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.providers.ProviderRow;
import dev.switchboard.viewmodel.providers.ProvidersViewModel;
import dev.switchboard.viewmodel.settings.GatewayMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Providers page and the wizard, headless, against the real embedded gateway (random port,
 * temp data folder) with a MockWebServer as the Ollama the scan finds.
 */
@ExtendWith(ApplicationExtension.class)
class ProvidersWizardFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private Path dataDir;
    private EmbeddedGateway gateway;
    private GatewayClient client;
    private OnDemand<ModelServerClient> servers;
    /** Where the pages asked for the model-server client: never the FX thread (building it reads the trust store). */
    private final List<String> clientAskedOn = new CopyOnWriteArrayList<>();
    private BackgroundTasks tasks;
    private ScriptedModelServer ollama;
    private ScanTarget closed;
    private GatewayConnection connection;
    private ProvidersViewModel vm;
    private ProvidersController controller;
    private Stage stage;
    private final List<String> navigatedTo = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        dataDir = Files.createTempDirectory("switchboard-providers-ui");
        gateway = EmbeddedGateway.start(GatewayOptions.loopback(dataDir));
        String url = gateway.baseUrl().toString();
        client = GatewayClient.builder().embedded(url).apiKey(gateway.adminKey()).build();
        servers = new OnDemand<>(() -> new ModelServerClient(Duration.ofMillis(800), Duration.ofSeconds(3),
                Duration.ofSeconds(5)), "closed");
        java.util.function.Supplier<ModelServerClient> watched = () -> {
            clientAskedOn.add(Platform.isFxApplicationThread() ? "FX" : Thread.currentThread().getName());
            return servers.get();
        };
        tasks = ExecutorBackgroundTasks.withDaemonThreads(Platform::runLater);
        ollama = ScriptedModelServer.ollama("0.12.3", "llama3.2:latest", "qwen2.5:0.5b");
        closed = new ScanTarget("127.0.0.1", ScriptedModelServer.closedPort());
        connection = new GatewayConnection(GatewayMode.EMBEDDED, client);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        vm = new ProvidersViewModel(() -> connection, tasks, new FxDialogService(() -> stage), navigatedTo::add,
                watched, () -> new LocalServerScanner(watched, List.of(ollama.target(), closed)));
    }

    private void show() {
        Platform.runLater(() -> {
            controller = ProvidersController.load(vm);
            Scene scene = new Scene(controller.root(), 1100, 680);
            scene.getStylesheets().add(getClass().getResource("/dev/switchboard/ui/switchboard.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(WAIT).until(() -> !vm.loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().filter(w -> w != stage).toList()
                .forEach(w -> ((Stage) w).close())).get();
        vm.close();
        tasks.close();
        client.close();
        servers.close();
        ollama.close();
        gateway.close();
    }

    private Node wizard(FxRobot robot) {
        return robot.lookup("#provider-wizard").query();
    }

    private void next(FxRobot robot) {
        robot.clickOn("#wizard-next");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(javafx.scene.control.Labeled.class).getText();
    }

    @Test
    void localWizardFindsTheScriptedOllamaCreatesItAndItShowsInTheTable(FxRobot robot) throws Exception {
        AccessKeyConfiguration team = client.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("team-local",
                new Access(new AllowList(List.of()), null), null));
        show();
        assertThat(robot.lookup("#providers-empty").query().isVisible()).isTrue();
        Screenshots.save(robot, controller.root(), "providers-empty.png");

        robot.clickOn("#empty-add-provider");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(servers.isBuilt()).as("opening the page and the wizard builds no HTTP client").isFalse();
        Screenshots.save(robot, wizard(robot), "wizard-1-kind.png");
        assertThat(robot.lookup("#wizard-next").queryButton().isDisabled()).isTrue();

        robot.clickOn("#kind-local");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(WAIT).until(() -> text(robot, "#scan-status").startsWith("Found 1 server"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#page-find-server").query().isVisible()).isTrue();
        assertThat(robot.lookup(".scan-row-found").queryAll()).hasSize(1);
        Screenshots.save(robot, wizard(robot), "wizard-2-local-find-server.png");

        next(robot);
        assertThat(robot.lookup("#provider-id").queryTextInputControl().getText()).isEqualTo("my-ollama");
        Screenshots.save(robot, wizard(robot), "wizard-3-details.png");

        next(robot);
        assertThat(robot.lookup("#reach-base-url").queryTextInputControl().getText()).isEqualTo(ollama.baseUrl());
        Screenshots.save(robot, wizard(robot), "wizard-4-reach-embedded.png");

        next(robot);
        robot.clickOn("#run-test");
        await().atMost(WAIT).until(() -> robot.lookup("#test-result").queryTextInputControl().getText().startsWith("Hello from Ollama!"));
        Screenshots.save(robot, wizard(robot), "wizard-5-test.png");

        next(robot);
        await().atMost(WAIT).until(() -> robot.lookup("#configurations .check-box").queryAll().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup("#configurations .check-box").queryAs(CheckBox.class));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(robot, wizard(robot), "wizard-6-access.png");

        next(robot);
        assertThat(robot.lookup("#request-json").queryTextInputControl().getText()).contains("\"providerId\" : \"my-ollama\"");
        assertThat(text(robot, "#plan")).contains("Let configuration team-local call my-ollama.");
        Screenshots.save(robot, wizard(robot), "wizard-7-review.png");

        next(robot);
        await().atMost(WAIT).until(() -> robot.lookup("#page-done").tryQuery().map(Node::isVisible).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(robot, wizard(robot), "wizard-8-done.png");

        Provider created = client.providers().list().toList().get(0);
        assertThat(created.providerId()).isEqualTo("my-ollama");
        assertThat(created.baseUrl()).isEqualTo(ollama.baseUrl());
        assertThat(created.models()).extracting(m -> m.modelId()).containsExactly("llama3.2", "qwen2.5:0.5b");
        assertThat(created.supportedApiSurfaces()).contains(ApiSurface.openAiChat());
        assertThat(client.accessKeyConfigurations().get(team.id()).access().providers().allow()).containsExactly("my-ollama");

        next(robot);
        await().atMost(WAIT).until(() -> vm.rows().size() == 1 && vm.selectedProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ProviderRow> table = robot.lookup("#providers-table").queryTableView();
        assertThat(table.getItems()).extracting(ProviderRow::providerId).containsExactly("my-ollama");
        await().atMost(WAIT).until(() -> vm.rows().get(0).getStatus() == ProviderRow.Status.REACHABLE);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(robot, controller.root(), "providers-table.png");
        assertThat(clientAskedOn).as("the scan, the test chat and the status checks used the client").hasSizeGreaterThan(3)
                .doesNotContain("FX");
    }

    @Test
    void externalWizardShowsTheHttpsErrorAndAcceptsAnInternalHost(FxRobot robot) {
        show();
        robot.clickOn("#empty-add-provider");
        robot.clickOn("#kind-external");
        next(robot);

        robot.clickOn("#base-url").write("http://example.com");
        WaitForAsyncUtils.waitForFxEvents();
        Label message = robot.lookup("#base-url-message").queryAs(Label.class);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).startsWith("Use https://: http:// is allowed only on this machine");
        assertThat(robot.lookup("#wizard-next").queryButton().isDisabled()).isTrue();
        Screenshots.save(robot, wizard(robot), "wizard-2-external-https-error.png");

        robot.doubleClickOn("#base-url").eraseText("http://example.com".length()).write("http://x.internal");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#base-url").queryTextInputControl().getText()).isEqualTo("http://x.internal");
        assertThat(message.isVisible()).isFalse();
        assertThat(robot.lookup("#wizard-next").queryButton().isDisabled()).isFalse();
        robot.clickOn("#provider-key").write("sk-secret");
        robot.clickOn("#show-key");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#provider-key-visible").queryTextInputControl().getText()).isEqualTo("sk-secret");
        robot.clickOn("#external-new-model").write("llama3.2").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(robot, wizard(robot), "wizard-2-external-url.png");

        // Esc with input asks first: "Cancel" keeps the wizard and all it holds, "Discard" closes it.
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(dialogButton(robot, "Cancel"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#provider-wizard").tryQuery()).isPresent();
        assertThat(robot.lookup("#base-url").queryTextInputControl().getText()).isEqualTo("http://x.internal");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(dialogButton(robot, "Discard"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#provider-wizard").tryQuery()).isEmpty();
    }

    @Test
    void escWithNothingEnteredClosesAtOnceAndErrorsWaitForATouch(FxRobot robot) {
        show();
        robot.clickOn("#empty-add-provider");
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".dialog-pane").tryQuery()).isEmpty();
        assertThat(robot.lookup("#provider-wizard").tryQuery()).isEmpty();

        // An empty required field says nothing until the user has been in it; its line is kept, so nothing moves.
        robot.clickOn("#empty-add-provider");
        robot.clickOn("#kind-external");
        next(robot);
        Label message = robot.lookup("#base-url-message").queryAs(Label.class);
        Node help = robot.lookup("#base-url").query().getParent().lookup(".field-help");
        double helpY = help.localToScene(0, 0).getY();
        assertThat(message.isVisible()).isFalse();
        assertThat(robot.lookup("#base-url").query().getPseudoClassStates().toString()).doesNotContain("danger");
        robot.clickOn("#base-url").write("h").eraseText(1);
        robot.clickOn("#provider-key");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).isNotBlank();
        assertThat(help.localToScene(0, 0).getY()).isEqualTo(helpY);
    }

    private static Node dialogButton(FxRobot robot, String text) {
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        return pane.getButtonTypes().stream().map(pane::lookupButton)
                .filter(b -> b instanceof Button button && button.getText().equals(text)).findFirst().orElseThrow();
    }

    @Test
    void hostedReachShowsTheNgrokCommand(FxRobot robot) {
        // The hosted path: any server speaking the API; here the embedded gateway stands in for it.
        connection = new GatewayConnection(GatewayMode.HOSTED, client);
        show();
        robot.clickOn("#empty-add-provider");
        robot.clickOn("#kind-local");
        next(robot);
        await().atMost(WAIT).until(() -> text(robot, "#scan-status").startsWith("Found"));
        next(robot);
        next(robot);

        assertThat(robot.lookup("#ngrok-command").queryTextInputControl().getText())
                .isEqualTo("ngrok http " + ollama.port() + " --url https://my-ollama.internal");
        assertThat(robot.lookup("#reach-base-url").queryTextInputControl().getText()).isEqualTo("https://my-ollama.internal");
        Screenshots.save(robot, wizard(robot), "wizard-4-reach-hosted.png");
    }

    @Test
    void nothingFoundSaysHowToStartOllama(FxRobot robot) {
        ollama.close();
        show();
        robot.clickOn("#empty-add-provider");
        robot.clickOn("#kind-local");
        next(robot);
        await().atMost(WAIT).until(() -> text(robot, "#scan-status").startsWith("Nothing found"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#scan-status")).contains("ollama serve");
        assertThat(robot.lookup("#wizard-next").queryButton().isDisabled()).isTrue();
        Screenshots.save(robot, wizard(robot), "wizard-2-local-nothing-found.png");
    }

    @Test
    void deletingAReferencedProviderExplainsTheConflictAndOffersToOpenTheConfiguration(FxRobot robot) {
        client.providers().create(ProviderCreate.of("busy", "Busy server", "http://127.0.0.1:" + closed.port(),
                List.of(ApiSurface.openAiChat()), List.of("m1")));
        client.accessKeyConfigurations().create(AccessKeyConfigurationCreate.of("team-x",
                new Access(new AllowList(List.of("busy")), null), null));
        show();
        robot.clickOn(robot.lookup("#providers-table .table-row-cell").nth(0).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#detail-title").queryLabeled().getText()).isEqualTo("busy");

        robot.clickOn("#delete-provider");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals("Delete")).queryButton());
        await().atMost(WAIT).until(() -> vm.lastRefusalProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        DialogPane explanation = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(explanation.getContentText()).startsWith(
                "busy is still used by configuration team-x. Remove it from that configuration first, then delete it.");
        Screenshots.save(robot, explanation, "providers-delete-409.png");
        robot.clickOn(robot.lookup(".dialog-pane .button").match((Button b) -> b.getText().equals("Open team-x")).queryButton());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(navigatedTo).containsExactly("access-keys");
        assertThat(vm.rows()).extracting(ProviderRow::providerId).containsExactly("busy");
        assertThat(client.providers().list().toList()).hasSize(1);
    }
}
