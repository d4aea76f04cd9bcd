package dev.switchboard.transfer;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Providers whose base URL only this machine can reach ({@code http://127.0.0.1:11434}, {@code localhost}),
 * and their rewrite to an ngrok internal endpoint ({@code https://my-ollama.internal}) for a gateway elsewhere.
 */
public final class LocalProviders {
    /** A rewritten provider, and the command that makes its internal URL reach the local server. */
    public record Rewrite(String providerId, String localUrl, String internalUrl) {
        /** {@code ngrok http 11434 --url https://my-ollama.internal}. */
        public String ngrokCommand() {
            URI local = URI.create(localUrl);
            int port = local.getPort() > 0 ? local.getPort() : "https".equalsIgnoreCase(local.getScheme()) ? 443 : 80;
            String host = local.getHost();
            String upstream = host == null || isLoopback(host) ? String.valueOf(port) : host + ":" + port;
            return "ngrok http " + upstream + " --url " + internalUrl;
        }
    }

    /** The result of applying {@code --internal} mappings to a file. */
    public record Result(ConfigFile file, List<Rewrite> rewrites, List<String> unmapped) {
    }

    private LocalProviders() {
    }

    public static boolean isLocal(String baseUrl) {
        try {
            String host = URI.create(baseUrl).getHost();
            return host != null && isLoopback(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") || h.equals("[::1]")
                || h.equals("::1") || h.equals("0.0.0.0");
    }

    /** The internal URL suggested for a provider: {@code https://<providerId>.internal}. */
    public static String suggestedInternalUrl(String providerId) {
        return "https://" + providerId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-") + ".internal";
    }

    /**
     * Parses {@code NAME=URL} (as given to {@code --internal}); NAME is a providerId.
     *
     * @throws IllegalArgumentException with what is wrong
     */
    public static Map.Entry<String, String> parseMapping(String mapping) {
        int eq = mapping.indexOf('=');
        if (eq <= 0 || eq == mapping.length() - 1) {
            throw new IllegalArgumentException("--internal needs NAME=URL, e.g. my-ollama=https://my-ollama.internal,"
                    + " got '" + mapping + "'");
        }
        String url = mapping.substring(eq + 1).strip();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--internal " + mapping + ": '" + url + "' is not a URL");
        }
        if (uri.getHost() == null || !uri.getHost().endsWith(".internal")
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("--internal " + mapping + ": the URL must be an ngrok internal endpoint"
                    + " such as https://" + mapping.substring(0, eq) + ".internal");
        }
        return Map.entry(mapping.substring(0, eq).strip(), url);
    }

    /**
     * Rewrites the base URL of each local provider named in {@code internalUrls} (providerId → URL), keeping
     * the local URL's path; lists the local providers that have no mapping.
     */
    public static Result rewrite(ConfigFile file, Map<String, String> internalUrls) {
        Map<String, String> left = new LinkedHashMap<>(internalUrls);
        List<ProviderEntry> providers = new ArrayList<>();
        List<Rewrite> rewrites = new ArrayList<>();
        List<String> unmapped = new ArrayList<>();
        for (ProviderEntry p : file.providers()) {
            String internal = left.remove(p.providerId());
            if (!isLocal(p.baseUrl())) {
                if (internal != null) {
                    throw new IllegalArgumentException("--internal " + p.providerId() + ": that provider's base URL ("
                            + p.baseUrl() + ") is not a local one");
                }
                providers.add(p);
            } else if (internal == null) {
                unmapped.add(p.providerId());
                providers.add(p);
            } else {
                String path = URI.create(p.baseUrl()).getRawPath();
                String target = stripSlash(internal) + (path == null || path.equals("/") ? "" : path);
                rewrites.add(new Rewrite(p.providerId(), p.baseUrl(), stripSlash(internal)));
                providers.add(p.withBaseUrl(target));
            }
        }
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("--internal names no provider: " + String.join(", ", left.keySet()));
        }
        return new Result(new ConfigFile(file.version(), file.gateway(), providers, file.providerKeys(),
                file.accessKeyConfigurations()), rewrites, unmapped);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
