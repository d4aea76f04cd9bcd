package dev.switchboard.discovery;

import java.util.List;

/**
 * The models a model server says it serves, and where it said so ({@code GET /v1/models} or Ollama's
 * {@code GET /api/tags}). {@code models} is null when neither list could be read; {@code problem} then
 * says why, and {@code status} is the last HTTP status seen (0 when nothing answered).
 */
public record ServedModels(String source, List<String> models, int status, String problem) {

    public boolean listed() {
        return models != null;
    }

    /** Whether the list holds {@code model}; Ollama reads a bare name as {@code :latest}. */
    public boolean serves(String model) {
        return models != null && (models.contains(model)
                || models.contains(ModelServerClient.ollamaModelId(model))
                || models.contains(model + ":latest"));
    }

    /** The server asked for credentials (401/403). */
    public boolean wantsKey() {
        return status == 401 || status == 403;
    }
}
