package dev.switchboard.viewmodel.diagnose;

import dev.switchboard.client.Surface;

/**
 * What a "Diagnose…" action starts from: the {@code provider:model}, the access key (id, and a token
 * when the caller holds one, such as a token pasted into Chat), and the surface. Any may be null.
 * {@link #toString()} never shows the token.
 */
public record DiagnoseTarget(String model, String accessKeyId, String token, Surface surface) {

    /** From a request-log row: its {@code provider:model}, key id and the surface the client called. */
    public static DiagnoseTarget fromLog(String modelRef, String accessKeyId, String clientSurface) {
        Surface surface = null;
        if (clientSurface != null) {
            try {
                surface = Surface.fromApiName(clientSurface);
            } catch (IllegalArgumentException unknown) {
                surface = null;
            }
        }
        return new DiagnoseTarget(modelRef, accessKeyId, null, surface);
    }

    @Override
    public String toString() {
        return "DiagnoseTarget[model=" + model + ", accessKeyId=" + accessKeyId + ", token="
                + (token == null ? "none" : "<hidden>") + ", surface=" + surface + "]";
    }
}
