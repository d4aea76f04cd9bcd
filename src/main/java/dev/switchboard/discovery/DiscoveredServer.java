package dev.switchboard.discovery;

import dev.switchboard.api.ApiSurface;
import java.util.List;

/**
 * A model server the scan found.
 *
 * @param baseUrl     the root to use as a provider's base URL (no {@code /v1})
 * @param version     the server's version when it tells (Ollama does), else null
 * @param models      model ids as the server's OpenAI surface expects them
 * @param surfaces    the API surfaces it answered on
 * @param requiresKey true when it refused to list models without an API key
 */
public record DiscoveredServer(ScanTarget target, ServerKind kind, String baseUrl, String version,
                               List<String> models, List<ApiSurface> surfaces, boolean requiresKey) {
    public DiscoveredServer {
        models = List.copyOf(models);
        surfaces = List.copyOf(surfaces);
    }

    /** One line for a person: "Ollama 0.5.7 at 127.0.0.1:11434 — 3 models". */
    public String summary() {
        StringBuilder s = new StringBuilder(kind.displayName());
        if (version != null && !version.isBlank()) {
            s.append(' ').append(version);
        }
        s.append(" at ").append(target);
        if (requiresKey) {
            s.append(" — needs an API key to list models");
        } else {
            s.append(" — ").append(models.size()).append(models.size() == 1 ? " model" : " models");
        }
        return s.toString();
    }
}
