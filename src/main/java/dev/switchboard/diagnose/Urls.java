package dev.switchboard.diagnose;

import dev.switchboard.discovery.ServerKind;
import java.util.Locale;
import okhttp3.HttpUrl;

/** Small facts about provider base URLs. */
final class Urls {
    private Urls() {
    }

    static String host(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
        return parsed == null ? "" : parsed.host().toLowerCase(Locale.ROOT);
    }

    static String scheme(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url.strip());
        return parsed == null ? "" : parsed.scheme();
    }

    /** The upstream URL of a surface, as the gateway builds it: {@code /v1} is not repeated. */
    static String upstream(String baseUrl, dev.switchboard.client.Surface surface) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return (base.endsWith("/v1") ? base : base + "/v1") + "/" + surface.path();
    }

    /**
     * The command that puts a local model server behind an ngrok internal endpoint. The local port is
     * the usual one of the server kind the provider's id names (my-ollama: 11434), else PORT.
     */
    static String ngrokCommand(String providerId, String baseUrl) {
        HttpUrl parsed = HttpUrl.parse(baseUrl.strip());
        String name = parsed == null ? providerId + ".internal" : parsed.host();
        String port = "PORT";
        for (ServerKind kind : ServerKind.values()) {
            if (kind.defaultPort() > 0 && providerId.toLowerCase(Locale.ROOT)
                    .contains(kind.suggestedProviderId().substring(3))) {
                port = Integer.toString(kind.defaultPort());
            }
        }
        return "ngrok http " + port + " --url https://" + name;
    }
}
