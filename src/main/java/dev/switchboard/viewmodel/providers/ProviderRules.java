package dev.switchboard.viewmodel.providers;

import dev.switchboard.discovery.ScanTarget;
import dev.switchboard.viewmodel.settings.GatewayMode;
import dev.switchboard.viewmodel.validation.Rule;
import dev.switchboard.viewmodel.validation.ValidationStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/** The control plane's rules for a provider (API.md), checked as the user types, with the reason in words. */
public final class ProviderRules {
    public static final int MAX_PROVIDER_ID = 255;
    public static final int MAX_NAME = 255;
    public static final int MAX_BASE_URL = 2048;
    public static final int MAX_MODEL_ID = 255;
    public static final Set<String> BUILT_IN_PROVIDERS = Set.of("openai", "anthropic");

    private ProviderRules() {
    }

    /** Lower-case letters, digits and '-', 1–255 characters, not a built-in id, not one already taken. */
    public static Rule<String> providerId(Supplier<? extends Collection<String>> taken) {
        return v -> {
            if (v == null || v.isEmpty()) {
                return ValidationStatus.error("A provider id is required, e.g. my-ollama.");
            }
            if (v.length() > MAX_PROVIDER_ID) {
                return ValidationStatus.error("A provider id must be at most " + MAX_PROVIDER_ID + " characters.");
            }
            if (!v.matches("[a-z0-9-]+")) {
                return ValidationStatus.error("Use lower-case letters, digits and '-' only: the id is the part before ':' in provider:model.");
            }
            if (BUILT_IN_PROVIDERS.contains(v)) {
                return ValidationStatus.error("'" + v + "' is a built-in provider's id; choose another.");
            }
            if (taken.get().contains(v)) {
                return ValidationStatus.error("A provider named '" + v + "' already exists; choose another id.");
            }
            return ValidationStatus.ok();
        };
    }

    public static Rule<String> displayName() {
        return v -> {
            if (v == null || v.isBlank()) {
                return ValidationStatus.error("A display name is required, e.g. Local Ollama.");
            }
            if (v.length() > MAX_NAME) {
                return ValidationStatus.error("The name must be at most " + MAX_NAME + " characters.");
            }
            return ValidationStatus.ok();
        };
    }

    /**
     * A provider's base URL: https, or http for an ngrok internal endpoint ({@code *.internal});
     * the embedded gateway also takes http on loopback, since it runs beside the model server.
     */
    public static Rule<String> baseUrl(Supplier<GatewayMode> mode) {
        return v -> {
            if (v == null || v.isBlank()) {
                return ValidationStatus.error("A base URL is required, e.g. https://models.example.com.");
            }
            String s = v.strip();
            if (s.length() > MAX_BASE_URL) {
                return ValidationStatus.error("The base URL must be at most " + MAX_BASE_URL + " characters.");
            }
            URI uri;
            try {
                uri = new URI(s);
            } catch (URISyntaxException e) {
                return ValidationStatus.error("Not a valid URL: type it like https://models.example.com.");
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return ValidationStatus.error("Start the URL with https://.");
            }
            String host = uri.getHost();
            if (host == null || host.isBlank()) {
                return ValidationStatus.error("The URL needs a host name, e.g. https://models.example.com.");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return ValidationStatus.error("Use the base URL only, without ?query or #fragment.");
            }
            if (scheme.equals("http")) {
                boolean internal = host.toLowerCase(Locale.ROOT).endsWith(".internal");
                boolean loopbackAllowed = mode.get() == GatewayMode.EMBEDDED && ScanTarget.isLoopbackHost(host);
                if (!internal && !loopbackAllowed) {
                    return ValidationStatus.error(mode.get() == GatewayMode.EMBEDDED
                            ? "Use https://: http:// is allowed only on this machine (localhost, 127.0.0.1) or for ngrok internal endpoints (hosts ending in .internal)."
                            : "Use https://: http:// is allowed only for ngrok internal endpoints (hosts ending in .internal).");
                }
            }
            return ValidationStatus.ok();
        };
    }

    /** Empty (nothing extra to scan) or {@code host:port}. */
    public static Rule<String> customHostPort() {
        return v -> v == null || v.isBlank() || ScanTarget.parse(v).isPresent()
                ? ValidationStatus.ok()
                : ValidationStatus.error("Type a host and port, e.g. 192.168.1.20:11434.");
    }

    /** A model id to add by hand: 1–255 characters, no spaces, not listed yet. */
    public static Rule<String> newModelId(Supplier<? extends Collection<String>> listed) {
        return v -> {
            if (v == null || v.isBlank()) {
                return ValidationStatus.error("Type a model id, e.g. llama3.2.");
            }
            String s = v.strip();
            if (s.length() > MAX_MODEL_ID) {
                return ValidationStatus.error("A model id must be at most " + MAX_MODEL_ID + " characters.");
            }
            if (s.chars().anyMatch(Character::isWhitespace)) {
                return ValidationStatus.error("A model id has no spaces.");
            }
            if (listed.get().contains(s)) {
                return ValidationStatus.error("'" + s + "' is already in the list.");
            }
            return ValidationStatus.ok();
        };
    }

    /** Turns free text into a providerId candidate: lower-case, runs of anything else become '-'. */
    public static String slug(String text) {
        String s = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        s = s.replaceAll("^-+|-+$", "");
        return s.length() > 60 ? s.substring(0, 60).replaceAll("-+$", "") : s;
    }
}
