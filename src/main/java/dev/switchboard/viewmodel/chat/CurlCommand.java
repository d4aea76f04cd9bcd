package dev.switchboard.viewmodel.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.client.Surface;
import dev.switchboard.viewmodel.KeyPlaceholders;

/** "Copy as curl": the same call from a shell, with the token left to {@link KeyPlaceholders#ACCESS_TOKEN}. */
public final class CurlCommand {
    private CurlCommand() {
    }

    /** {@code dataPlaneUrl} is the gateway's {@code /v1/} URL. */
    public static String of(String dataPlaneUrl, Surface surface, ObjectNode body) {
        String base = dataPlaneUrl.endsWith("/") ? dataPlaneUrl : dataPlaneUrl + "/";
        String json;
        try {
            json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sb = new StringBuilder("curl");
        if (body.path("stream").asBoolean(false)) {
            sb.append(" -N");
        }
        sb.append(" ").append(base).append(surface.path()).append(" \\\n")
                .append("  -H \"Authorization: Bearer ").append(KeyPlaceholders.ACCESS_TOKEN).append("\" \\\n")
                .append("  -H 'Content-Type: application/json' \\\n");
        if (surface == Surface.MESSAGES) {
            sb.append("  -H 'anthropic-version: 2023-06-01' \\\n");
        }
        sb.append("  -d '").append(json.replace("'", "'\\''")).append("'");
        return sb.toString();
    }
}
