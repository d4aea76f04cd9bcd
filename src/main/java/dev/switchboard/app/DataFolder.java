package dev.switchboard.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Switchboard keeps its data: {@code --data DIR}, else {@code SWITCHBOARD_HOME},
 * else the operating system's usual per-user data folder.
 */
public final class DataFolder {
    public static final String ENV_VAR = "SWITCHBOARD_HOME";

    private DataFolder() {
    }

    public static Path resolve(String flagValue, Map<String, String> env, String osName, String userHome) {
        if (flagValue != null && !flagValue.isBlank()) {
            return Path.of(flagValue).toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        return defaultFor(osName, env, userHome);
    }

    public static Path resolve(String flagValue) {
        return resolve(flagValue, System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    static Path defaultFor(String osName, Map<String, String> env, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : Path.of(userHome, "AppData", "Roaming");
            return base.resolve("Switchboard");
        }
        if (os.contains("mac")) {
            return Path.of(userHome, "Library", "Application Support", "Switchboard");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(userHome, ".local", "share");
        return base.resolve("switchboard");
    }
}
