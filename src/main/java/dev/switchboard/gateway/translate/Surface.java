package dev.switchboard.gateway.translate;

import dev.switchboard.api.ApiSurface;
import java.util.Locale;
import java.util.Optional;

/** The three data-plane surfaces a client or a provider can speak. */
public enum Surface {
    CHAT_COMPLETIONS(ApiSurface.FORMAT_OPENAI, ApiSurface.CHAT_COMPLETIONS, "/chat/completions"),
    RESPONSES(ApiSurface.FORMAT_OPENAI, ApiSurface.RESPONSES, "/responses"),
    MESSAGES(ApiSurface.FORMAT_ANTHROPIC, ApiSurface.MESSAGES, "/messages");

    private final String format;
    private final String surfaceName;
    private final String path;

    Surface(String format, String surfaceName, String path) {
        this.format = format;
        this.surfaceName = surfaceName;
        this.path = path;
    }

    /** {@code openai} or {@code anthropic}. */
    public String format() {
        return format;
    }

    /** The name used in a provider's {@code supportedApiSurfaces}: {@code chat-completions}, {@code responses}, {@code messages}. */
    public String surfaceName() {
        return surfaceName;
    }

    /** The path after {@code /v1}, e.g. {@code /chat/completions}. */
    public String path() {
        return path;
    }

    /** The surface an {@link ApiSurface} names, matched on its {@code surface} field. */
    public static Optional<Surface> of(ApiSurface apiSurface) {
        return apiSurface == null ? Optional.empty() : ofName(apiSurface.surface());
    }

    public static Optional<Surface> ofName(String surfaceName) {
        if (surfaceName == null) {
            return Optional.empty();
        }
        String wanted = surfaceName.trim().toLowerCase(Locale.ROOT);
        for (Surface s : values()) {
            if (s.surfaceName.equals(wanted)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public ApiSurface toApiSurface() {
        return new ApiSurface(format, surfaceName, null);
    }
}
