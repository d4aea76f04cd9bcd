package dev.switchboard.discovery;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A host and port the scan looks at. */
public record ScanTarget(String host, int port) {
    public static final String LOOPBACK = "127.0.0.1";

    public ScanTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535");
        }
        host = host.trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
    }

    /** Loopback on the default port of every kind of server the scan knows. */
    public static List<ScanTarget> usualLocalServers() {
        return List.of(
                new ScanTarget(LOOPBACK, ServerKind.OLLAMA.defaultPort()),
                new ScanTarget(LOOPBACK, ServerKind.LM_STUDIO.defaultPort()),
                new ScanTarget(LOOPBACK, ServerKind.VLLM.defaultPort()),
                new ScanTarget(LOOPBACK, ServerKind.LLAMA_CPP.defaultPort()));
    }

    /**
     * Parses what a person types: {@code host:port}, {@code [::1]:8080}, or a URL such as
     * {@code http://192.168.1.20:11434/}. Empty when it is not a host and a port.
     */
    public static Optional<ScanTarget> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        String host;
        String portText;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                return Optional.empty();
            }
            host = s.substring(1, close);
            portText = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || s.indexOf(':') != colon) {
                return Optional.empty();
            }
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+") || !portText.matches("\\d{1,5}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new ScanTarget(host, port));
    }

    /** {@code http://host:port}, the root the server answers at (no path). */
    public String baseUrl() {
        return "http://" + hostForUrl() + ":" + port;
    }

    /** True for {@code localhost}, {@code 127.0.0.0/8} and {@code ::1}. */
    public boolean isLoopback() {
        return isLoopbackHost(host);
    }

    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return hostForUrl() + ":" + port;
    }
}
