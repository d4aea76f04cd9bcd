package dev.switchboard.app;

import java.io.PrintStream;
import java.time.Duration;
import javafx.application.Platform;

/**
 * For bench/startup: with {@code SWITCHBOARD_STARTUP_PROBE} set (or {@code -Dswitchboard.startupProbe=true}),
 * prints one line when the window's first frame has been drawn ({@link FirstFrame}), then quits the app:
 * {@code switchboard-first-frame epochMs=<wall clock> cpuMs=<CPU time of the whole process so far>}.
 * The bench subtracts its own launch time from {@code epochMs}.
 */
final class StartupProbe {
    static final String ENV_VAR = "SWITCHBOARD_STARTUP_PROBE";
    static final String PROPERTY = "switchboard.startupProbe";

    private StartupProbe() {
    }

    static boolean requested() {
        String env = System.getenv(ENV_VAR);
        return (env != null && !env.isBlank() && !env.equals("0")) || Boolean.getBoolean(PROPERTY);
    }

    /** Call on the FX thread right after the stage is shown. */
    static void armAfterShow(PrintStream out) {
        FirstFrame.whenDrawn(() -> {
            long now = System.currentTimeMillis();
            long cpu = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            out.println("switchboard-first-frame epochMs=" + now + " cpuMs=" + cpu);
            out.flush();
            Platform.exit();
        });
    }
}
