package dev.switchboard.viewmodel.settings;

import dev.switchboard.api.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the console's settings in the data folder: {@code settings.json} for everything
 * but secrets, {@code hosted-api-key} (readable only by its owner) for the hosted API key.
 * Blocking file I/O: call it from a background task, never the FX thread.
 */
public final class SettingsStore {
    public static final String SETTINGS_FILE = "settings.json";
    public static final String API_KEY_FILE = "hosted-api-key";
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path dataFolder;

    public SettingsStore(Path dataFolder) {
        this.dataFolder = dataFolder;
    }

    public Path dataFolder() {
        return dataFolder;
    }

    public Path settingsFile() {
        return dataFolder.resolve(SETTINGS_FILE);
    }

    public Path apiKeyFile() {
        return dataFolder.resolve(API_KEY_FILE);
    }

    /** The saved settings, or the defaults when there are none or the file cannot be read. */
    public synchronized Settings load() {
        Path file = settingsFile();
        if (!Files.isRegularFile(file)) {
            return Settings.defaults();
        }
        try {
            SettingsJson.Read read = SettingsJson.read(Files.readAllBytes(file));
            if (!read.skipped().isEmpty()) {
                LOG.warn("{}: using the default for {}: the saved value is not one this version can use", file,
                        String.join(", ", read.skipped()));
            }
            return read.settings();
        } catch (IOException e) {
            LOG.warn("Could not read {}; using defaults ({})", file, e.getMessage());
            return Settings.defaults();
        }
    }

    public synchronized void save(Settings settings) {
        try {
            PrivateFiles.replace(settingsFile(), SettingsJson.write(settings), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save settings to " + settingsFile(), e);
        }
    }

    /** Read-modify-write, so the theme toggle and the Settings form never overwrite each other's fields. */
    public synchronized Settings update(UnaryOperator<Settings> change) {
        Settings next = change.apply(load());
        save(next);
        return next;
    }

    public synchronized Optional<String> loadApiKey() {
        Path file = apiKeyFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            return key.isEmpty() ? Optional.empty() : Optional.of(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the API key file " + file, e);
        }
    }

    /** Saves the hosted API key to an owner-only file; a blank key deletes the file. */
    public synchronized void saveApiKey(String apiKey) {
        Path file = apiKeyFile();
        try {
            if (apiKey == null || apiKey.isBlank()) {
                Files.deleteIfExists(file);
                return;
            }
            PrivateFiles.replace(file, apiKey.strip().getBytes(StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the API key file " + file, e);
        }
    }
}
