package dev.switchboard.diagnose;

import dev.switchboard.api.ModelRef;
import dev.switchboard.client.Surface;
import java.util.Objects;

/**
 * What to diagnose: the access key (by {@code keyId}, by {@code token}, or both: a token the console
 * keeps is found by its key id), the {@code provider:model}, and the surface the client calls.
 * {@link #toString()} never shows the token.
 */
public record DiagnosisRequest(String keyId, String token, ModelRef model, Surface surface) {
    public DiagnosisRequest {
        keyId = blankToNull(keyId);
        token = blankToNull(token);
        Objects.requireNonNull(model, "model");
        surface = surface == null ? Surface.CHAT_COMPLETIONS : surface;
        if (keyId == null && token == null) {
            throw new IllegalArgumentException("name the access key: its id (aigk_…) or its token");
        }
    }

    /** Parses {@code provider:model}; an unparseable one is refused with a sentence saying how to write it. */
    public static DiagnosisRequest of(String keyId, String token, String model, Surface surface) {
        ModelRef ref = ModelRef.parse(model == null ? null : model.strip()).orElseThrow(() ->
                new IllegalArgumentException("'" + model + "' is not provider:model (for example my-ollama:llama3.2)"));
        return new DiagnosisRequest(keyId, token, ref, surface);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "DiagnosisRequest[keyId=" + keyId + ", token=" + (token == null ? "none" : "<hidden>") + ", model="
                + model + ", surface=" + surface.apiName() + "]";
    }
}
