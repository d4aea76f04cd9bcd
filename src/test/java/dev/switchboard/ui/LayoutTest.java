package dev.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.app.Console;
import dev.switchboard.discovery.ScriptedModelServer;
import dev.switchboard.ui.shell.Page;
import dev.switchboard.ui.shell.Pages;
import dev.switchboard.viewmodel.GatewayConnection;
import dev.switchboard.viewmodel.settings.Theme;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.scene.Parent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every page (from the shell's navigation model), every wizard step and every dialog, empty and
 * populated and with an error shown, at 1000×700, 1180×760 and 1600×1000, light and dark, on one
 * stage resized: no control's text is cut, no button lies outside the window. Each view is saved as
 * {@code target/screenshots/<page>-<state>-<size>-<theme>.png}.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutTest {
    static final int[][] SIZES = {{1000, 700}, {1180, 760}, {1600, 1000}};

    @TempDir
    Path data;

    private Console console;
    private Stage stage;
    private ScriptedModelServer vllm;
    private final List<String> problems = new ArrayList<>();
    private final java.util.concurrent.ExecutorService pngWriter = java.util.concurrent.Executors.newSingleThreadExecutor();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        vllm = LayoutFixture.modelServer();
        console = TestConsole.open(stage, data);
    }

    @Stop
    void stop() {
        // The stage is shared with the tests that follow, on a headless screen smaller than 1600×1000.
        stage.setWidth(1180);
        stage.setHeight(760);
        console.close();
        vllm.close();
    }

    @Test
    void everyViewReadsInFullAtEverySizeInBothThemes(FxRobot robot) throws InterruptedException {
        GatewayConnection connection = TestConsole.awaitConnected(console);
        LayoutViews views = new LayoutViews(robot, console, stage, vllm.port(), data.resolve("imports"));
        for (Page page : Pages.all()) {
            capture(robot, page.id(), "empty", () -> views.show(page.id()));
        }

        List<String> tokens = LayoutFixture.populate(connection, vllm);
        for (Page page : Pages.all()) {
            capture(robot, page.id(), "populated", () -> views.showPopulated(page.id()));
        }
        Map<String, Runnable> extra = new LinkedHashMap<>();
        extra.put("providers/selected", views::selectProvider);
        extra.put("providers/error", views::providerError);
        extra.put("logs/detail", views::selectLogRow);
        extra.put("logs/charts", views::logCharts);
        extra.put("settings/hosted-error", views::settingsHostedError);
        extra.put("access-keys/selected", views::accessKeySelected);
        extra.put("access-keys/configurations", views::accessKeyConfigurations);
        extra.put("chat/compare", () -> {
            LayoutFixture.streamReplies(vllm);
            views.chatCompare(tokens.get(0));
            LayoutFixture.replyInJson(vllm);
        });
        extra.forEach((key, setUp) -> {
            String[] pageAndState = key.split("/");
            capture(robot, pageAndState[0], pageAndState[1], setUp);
        });
        views.leaveSettingsHosted();

        views.openWizard();
        for (String step : LayoutViews.WIZARD_STEPS) {
            capture(robot, "wizard", step, () -> views.wizardStep(step));
        }
        views.closeWizard();

        views.dialogs().forEach((name, open) -> captureDialog(robot, name, open));

        pngWriter.shutdown();
        assertThat(pngWriter.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(problems).as("text cut or controls outside the window").isEmpty();
    }

    /** Sets the view up once, then looks at it at every size in both themes. */
    private void capture(FxRobot robot, String page, String state, Runnable setUp) {
        setUp.run();
        eachSizeAndTheme((size, theme) -> look(console.shell(), page + "-" + state + "-" + size + "-" + theme));
    }

    /**
     * A dialog is looked at in its own window, in both themes: a dialog at the size it opens at, a window of its
     * own (Diagnose, transfer) also at its minimum size.
     */
    private void captureDialog(FxRobot robot, String name, Consumer<Consumer<Parent>> open) {
        open.accept(dialogRoot -> {
            Stage window = (Stage) dialogRoot.getScene().getWindow();
            List<int[]> sizes = new ArrayList<>(List.of(new int[] {(int) window.getWidth(), (int) window.getHeight()}));
            if (!(dialogRoot instanceof javafx.scene.control.DialogPane) && window.getMinWidth() > 0) {
                sizes.add(0, new int[] {(int) window.getMinWidth(), (int) window.getMinHeight()});
            }
            eachSizeAndTheme(window, sizes, dialogRoot, (size, theme) -> look(dialogRoot, "dialog-" + name + "-" + size + "-" + theme));
        });
    }

    private void eachSizeAndTheme(java.util.function.BiConsumer<String, String> look) {
        eachSizeAndTheme(stage, java.util.Arrays.asList(SIZES), null, look);
    }

    private void eachSizeAndTheme(Stage window, List<int[]> sizes, Parent ownRoot, java.util.function.BiConsumer<String, String> look) {
        for (Theme theme : Theme.values()) {
            onFx(() -> {
                console.context().appearance().themeProperty().set(theme);
                if (ownRoot != null && !(ownRoot instanceof javafx.scene.control.DialogPane)) {
                    dev.switchboard.ui.shell.ShellView.applyTheme(ownRoot, theme);
                }
            });
            for (int[] size : sizes) {
                onFx(() -> {
                    window.setWidth(size[0]);
                    window.setHeight(size[1]);
                });
                for (int i = 0; i < 100 && onFx(() -> window.getScene().getWidth()) != size[0]; i++) {
                    WaitForAsyncUtils.sleep(20, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                look.accept(size[0] + "x" + size[1], theme.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    /** Checks the view and takes its picture in one pass on the FX thread; the PNG is written in the background. */
    private void look(Parent root, String name) {
        List<String> found = onFx(() -> {
            List<String> p = LayoutCheck.problems(root);
            javafx.scene.image.WritableImage image = root.snapshot(null, null);
            pngWriter.submit(() -> LayoutCheck.writePng(image, name));
            return p;
        });
        found.forEach(p -> problems.add(name + ": " + p));
    }

    private static void onFx(Runnable r) {
        onFx(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get();
        });
    }

    static List<Window> otherWindows(Stage main) {
        return Window.getWindows().stream().filter(w -> w != main && w.isShowing()).toList();
    }
}
