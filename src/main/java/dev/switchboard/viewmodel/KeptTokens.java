package dev.switchboard.viewmodel;

import dev.switchboard.api.Json;
import dev.switchboard.api.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.Optional;

/**
 * Access-key tokens the user chose to keep in the console's own store, so the chat pane can call
 * the data plane with them later: {@code <data>/kept-tokens.json}, readable and writable by the owner only.
 * One store per data folder ({@link #of(Path)}), observable: every page that lists tokens hears of a change
 * at once. Blocking file I/O: call it from background tasks (listeners run on the thread that changed it).
 */
public final class KeptTokens {
    public static final String FILE_NAME = "kept-tokens.json";

    /** One kept token. {@link #toString()} never shows it. */
    public record KeptToken(String accessKeyId, String name, String token, Instant keptAt) {
        @Override
        public String toString() {
            return "KeptToken[accessKeyId=" + accessKeyId + ", name=" + name + ", token=<hidden>]";
        }
    }

    private record FileContent(List<KeptToken> tokens) {
    }

    private static final Map<Path, KeptTokens> SHARED = new ConcurrentHashMap<>();

    private final Path file;
    private final List<Consumer<List<KeptToken>>> listeners = new CopyOnWriteArrayList<>();

    public KeptTokens(Path dataFolder) {
        this.file = dataFolder.resolve(FILE_NAME);
    }

    /** The app's one store for {@code dataFolder}, so the Access keys and Chat pages see the same tokens. */
    public static KeptTokens of(Path dataFolder) {
        return SHARED.computeIfAbsent(dataFolder.toAbsolutePath().normalize(), KeptTokens::new);
    }

    /** Called with every token after each keep or forget, on the thread that made the change. */
    public void addListener(Consumer<List<KeptToken>> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<List<KeptToken>> listener) {
        listeners.remove(listener);
    }

    public Path file() {
        return file;
    }

    public synchronized List<KeptToken> all() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            FileContent content = Json.mapper().readValue(file.toFile(), FileContent.class);
            return content.tokens() == null ? List.of() : List.copyOf(content.tokens());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.getFileName() + ": " + e.getClass().getSimpleName(), e);
        }
    }

    public Optional<KeptToken> find(String accessKeyId) {
        return all().stream().filter(t -> t.accessKeyId().equals(accessKeyId)).findFirst();
    }

    /** Keeps (or replaces) the token of one access key. */
    public synchronized void keep(String accessKeyId, String name, String token) {
        List<KeptToken> tokens = new ArrayList<>(all());
        tokens.removeIf(t -> t.accessKeyId().equals(accessKeyId));
        tokens.add(new KeptToken(accessKeyId, name, token, Instant.now()));
        write(tokens);
        changed(tokens);
    }

    private void changed(List<KeptToken> tokens) {
        List<KeptToken> now = List.copyOf(tokens);
        listeners.forEach(l -> l.accept(now));
    }

    /** Forgets a key's token (for example once the key is revoked). Returns whether one was kept. */
    public synchronized boolean forget(String accessKeyId) {
        List<KeptToken> tokens = new ArrayList<>(all());
        boolean removed = tokens.removeIf(t -> t.accessKeyId().equals(accessKeyId));
        if (removed) {
            write(tokens);
            changed(tokens);
        }
        return removed;
    }

    private void write(List<KeptToken> tokens) {
        try {
            PrivateFiles.replace(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(new FileContent(tokens)),
                    true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.getFileName() + ": " + e.getClass().getSimpleName(), e);
        }
    }
}
