package dev.switchboard.gateway.dataplane;

import dev.switchboard.gateway.upstream.SseEvent;

/**
 * Whether an upstream stream ended as streams end on its surface: Chat Completions' {@code [DONE]} or a
 * {@code finish_reason}, Messages' {@code message_stop} or a {@code stop_reason}, a Responses
 * {@code response.completed} (or {@code incomplete}/{@code failed}), or an error event on any of them. A
 * close-delimited answer cut mid-way, or one that just stops, ends cleanly at the HTTP level and must not
 * reach the client as a finished answer.
 */
final class StreamEnd {
    static final String UNTERMINATED = "the provider's stream ended without its final event (cut short)";

    private boolean seen;

    void observe(SseEvent e) {
        if (seen) {
            return;
        }
        String name = e.event() == null ? "" : e.event();
        String data = e.data().strip();
        seen = data.equals("[DONE]") || name.equals("message_stop") || name.equals("error")
                || name.equals("response.completed") || name.equals("response.incomplete")
                || name.equals("response.failed") || typed(data, "message_stop") || typed(data, "error")
                || typed(data, "response.completed") || typed(data, "response.incomplete")
                || typed(data, "response.failed") || data.startsWith("{\"error\"");
    }

    /** Whether the stream seen so far ended properly; {@code usage} knows whether a stop reason came. */
    boolean terminated(UsageScanner usage) {
        return seen || usage.stopReason != null;
    }

    private static boolean typed(String data, String type) {
        int at = data.indexOf("\"type\"");
        if (at < 0) {
            return false;
        }
        int colon = data.indexOf(':', at + 6);
        return colon > 0 && data.startsWith("\"" + type + "\"", skipSpace(data, colon + 1));
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
