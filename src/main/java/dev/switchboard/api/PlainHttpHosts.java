package dev.switchboard.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts a gateway takes a plain {@code http://} provider base URL for: ngrok internal endpoints
 * ({@code *.internal}) and loopback addresses. The gateway enforces it; a file about to be imported is checked
 * by it too, so that a plan never passes what the gateway then refuses.
 */
public final class PlainHttpHosts {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private PlainHttpHosts() {
    }

    /** Whether {@code host} (as {@link java.net.URI#getHost()} gives it) ends in .internal or is a loopback address. */
    public static boolean isInternalOrLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".internal") || h.equals("localhost")) {
            return true;
        }
        if (IPV4_LOOPBACK.matcher(h).matches()) {
            for (String part : h.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            try {
                // a literal: no name lookup happens
                return InetAddress.getByName(h.substring(1, h.length() - 1)).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
