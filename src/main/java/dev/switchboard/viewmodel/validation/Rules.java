package dev.switchboard.viewmodel.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Rules shared by the forms. Messages say what is wrong and what is expected. */
public final class Rules {
    private Rules() {
    }

    public static Rule<String> required(String what) {
        return v -> v == null || v.isBlank() ? ValidationStatus.error(what + " is required.") : ValidationStatus.ok();
    }

    public static Rule<String> maxLength(String what, int max) {
        return v -> v != null && v.length() > max
                ? ValidationStatus.error(what + " must be at most " + max + " characters.")
                : ValidationStatus.ok();
    }

    /** An absolute http:// or https:// URL with a host, e.g. {@code https://api.ngrok.ai}. */
    public static Rule<String> httpUrl(String what) {
        return v -> {
            if (v == null || v.isBlank()) {
                return ValidationStatus.error(what + " is required, e.g. https://api.example.com.");
            }
            String s = v.strip();
            URI uri;
            try {
                uri = new URI(s);
            } catch (URISyntaxException e) {
                return ValidationStatus.error("Not a valid URL. Use a web address such as https://api.example.com.");
            }
            String scheme = uri.getScheme();
            if (scheme == null) {
                return ValidationStatus.error("Not a valid URL: start with https:// or http://.");
            }
            String lower = scheme.toLowerCase(Locale.ROOT);
            if (!lower.equals("http") && !lower.equals("https")) {
                return ValidationStatus.error("Only http:// and https:// URLs are supported, not " + scheme + "://.");
            }
            if (uri.getHost() == null || uri.getHost().isBlank()) {
                return ValidationStatus.error("The URL needs a host name, e.g. https://api.example.com.");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return ValidationStatus.error("Use the base URL only, without ?query or #fragment.");
            }
            return ValidationStatus.ok();
        };
    }
}
