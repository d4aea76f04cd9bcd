package dev.switchboard.viewmodel.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Chat page remembers between runs: per gateway (by its data-plane URL) the last access key and
 * model, and where the inspector's divider was. {@code <data>/chat.json}; no tokens, only key ids.
 * Blocking file I/O: call it from background tasks. Without a folder it remembers for this run only.
 */
public final class ChatMemory {
    private static final Logger LOG = LoggerFactory.getLogger(ChatMemory.class);
    public static final String FILE_NAME = "chat.json";

    /** The last key and model used against one gateway. */
    public record LastUsed(String accessKeyId, String model) {
    }

    private final Path file;
    private ObjectNode state;

    public ChatMemory(Path dataFolder) {
        this.file = dataFolder == null ? null : dataFolder.resolve(FILE_NAME);
    }

    public static ChatMemory inMemory() {
        return new ChatMemory(null);
    }

    public synchronized Optional<LastUsed> lastUsed(String gateway) {
        JsonNode g = state().path("gateways").path(gateway);
        if (!g.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new LastUsed(text(g, "accessKeyId"), text(g, "model")));
    }

    public synchronized void remember(String gateway, LastUsed used) {
        ObjectNode g = state().withObject("/gateways").putObject(gateway);
        if (used.accessKeyId() != null) {
            g.put("accessKeyId", used.accessKeyId());
        }
        if (used.model() != null) {
            g.put("model", used.model());
        }
        write();
    }

    /** The inspector divider's position (0..1), if one was saved. */
    public synchronized Optional<Double> inspectorDivider() {
        JsonNode d = state().path("inspectorDivider");
        return d.isNumber() ? Optional.of(d.asDouble()) : Optional.empty();
    }

    public synchronized void rememberInspectorDivider(double position) {
        state().put("inspectorDivider", Math.max(0.2, Math.min(0.9, position)));
        write();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private ObjectNode state() {
        if (state == null) {
            state = Json.mapper().createObjectNode();
            if (file != null && Files.exists(file)) {
                try {
                    JsonNode read = Json.mapper().readTree(file.toFile());
                    if (read instanceof ObjectNode o) {
                        state = o;
                    }
                } catch (IOException e) {
                    LOG.warn("Ignoring an unreadable {}: {}", file.getFileName(), e.getClass().getSimpleName());
                }
            }
        }
        return state;
    }

    private void write() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Cannot save {}: {}", file.getFileName(), e.getClass().getSimpleName());
        }
    }
}
