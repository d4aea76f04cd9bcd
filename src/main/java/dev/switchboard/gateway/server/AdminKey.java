package dev.switchboard.gateway.server;

import dev.switchboard.api.PrivateFiles;
import dev.switchboard.api.Ref;
import dev.switchboard.gateway.access.AccessTokens;
import dev.switchboard.gateway.store.Rows;
import dev.switchboard.logging.Redaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The control plane's API key. Made on first run (about 238 random bits) and kept in
 * {@code <data>/admin-key}, readable by its owner only; {@code SWITCHBOARD_ADMIN_KEY}
 * overrides it (and then no file is written).
 */
public final class AdminKey {
    public static final String FILE_NAME = "admin-key";
    public static final String ENV_VAR = "SWITCHBOARD_ADMIN_KEY";
    private static final String PREFIX = "sbadm_";

    private final String value;
    private final Path file;
    private final boolean fromEnvironment;
    private final Ref identity;

    private AdminKey(String value, Path file, boolean fromEnvironment) {
        this.value = value;
        Redaction.remember(value);
        this.file = file;
        this.fromEnvironment = fromEnvironment;
        String fingerprint = AccessTokens.hash(value).substring(0, 16);
        this.identity = Rows.actor("admin_" + fingerprint);
    }

    public static AdminKey loadOrCreate(Path dataDir) {
        return loadOrCreate(dataDir, System.getenv());
    }

    public static AdminKey loadOrCreate(Path dataDir, Map<String, String> env) {
        Path file = dataDir.resolve(FILE_NAME);
        String fromEnv = env.get(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new AdminKey(fromEnv.strip(), file, true);
        }
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!stored.isEmpty()) {
                    return new AdminKey(stored, file, false);
                }
            }
            PrivateFiles.createDirectories(dataDir);
            String created = PREFIX + AccessTokens.randomBase62(40);
            PrivateFiles.replace(file, (created + System.lineSeparator()).getBytes(StandardCharsets.UTF_8), true);
            return new AdminKey(created, file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the admin key file " + file, e);
        }
    }

    public String value() {
        return value;
    }

    /** Where the key is kept (also when the environment overrides it and the file is not used). */
    public Path file() {
        return file;
    }

    public boolean fromEnvironment() {
        return fromEnvironment;
    }

    /** Who the key is, as {@code createdBy}/{@code lastUpdatedBy}: a fingerprint, never the key. */
    public Ref identity() {
        return identity;
    }

    /** Whether an {@code Authorization} header value is {@code Bearer <this key>}. */
    public boolean matchesAuthorization(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return AccessTokens.constantTimeEquals(header.substring(7).strip(), value);
    }

    @Override
    public String toString() {
        return "AdminKey[" + identity.id() + "]";
    }
}
