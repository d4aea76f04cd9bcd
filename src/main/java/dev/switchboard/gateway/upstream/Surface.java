package dev.switchboard.gateway.upstream;

import dev.switchboard.api.ApiSurface;
import java.util.Optional;

/** The three data-plane API surfaces, each with its wire format and path under {@code /v1}. */
public enum Surface {
    CHAT_COMPLETIONS(ApiSurface.FORMAT_OPENAI, ApiSurface.CHAT_COMPLETIONS, "/chat/completions"),
    RESPONSES(ApiSurface.FORMAT_OPENAI, ApiSurface.RESPONSES, "/responses"),
    MESSAGES(ApiSurface.FORMAT_ANTHROPIC, ApiSurface.MESSAGES, "/messages");

    private final String format;
    private final String surface;
    private final String path;

    Surface(String format, String surface, String path) {
        this.format = format;
        this.surface = surface;
        this.path = path;
    }

    /** {@code openai} or {@code anthropic}: which error shape and auth header this surface uses. */
    public String format() {
        return format;
    }

    /** The surface's name in a provider's {@code supportedApiSurfaces}, e.g. {@code chat-completions}. */
    public String surfaceName() {
        return surface;
    }

    /** The path after {@code /v1}, e.g. {@code /chat/completions}. */
    public String path() {
        return path;
    }

    public boolean isAnthropic() {
        return ApiSurface.FORMAT_ANTHROPIC.equals(format);
    }

    /** The field that caps output tokens on this surface. */
    public String maxTokensField() {
        return this == RESPONSES ? "max_output_tokens" : "max_tokens";
    }

    public static Optional<Surface> of(ApiSurface api) {
        if (api == null) {
            return Optional.empty();
        }
        for (Surface s : values()) {
            if (s.surface.equals(api.surface())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Optional<Surface> forPath(String pathAfterV1) {
        for (Surface s : values()) {
            if (s.path.equals(pathAfterV1)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
