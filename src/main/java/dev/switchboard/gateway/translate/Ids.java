package dev.switchboard.gateway.translate;

/**
 * Answer ids across surfaces: the upstream id minus its surface prefix, under the client surface's prefix,
 * so {@code chatcmpl-abc} reads as {@code msg_abc} to a Messages client and {@code resp_abc} to a Responses client.
 */
final class Ids {
    private static final String[] PREFIXES = {"chatcmpl-", "resp_", "msg_"};

    private Ids() {
    }

    static String core(String id) {
        String core = id == null ? "" : id;
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String prefix : PREFIXES) {
                if (core.startsWith(prefix) && core.length() > prefix.length()) {
                    core = core.substring(prefix.length());
                    stripped = true;
                }
            }
        }
        return core.isEmpty() ? "translated" : core;
    }

    static String messages(String upstreamId) {
        return "msg_" + core(upstreamId);
    }

    static String chat(String upstreamId) {
        return "chatcmpl-" + core(upstreamId);
    }

    static String responses(String upstreamId) {
        return "resp_" + core(upstreamId);
    }
}
