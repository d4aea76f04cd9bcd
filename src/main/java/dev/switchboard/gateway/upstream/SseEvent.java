package dev.switchboard.gateway.upstream;

import java.nio.charset.StandardCharsets;

/**
 * One server-sent event: an optional {@code event:} name and its {@code data:} payload
 * (multi-line data joined with {@code \n}). {@code event} is null when the event had no name.
 */
public record SseEvent(String event, String data) {

    public static SseEvent data(String data) {
        return new SseEvent(null, data);
    }

    public static SseEvent named(String event, String data) {
        return new SseEvent(event, data);
    }

    /** The event as it goes on the wire, ending with the blank line that terminates it. */
    public String toWire() {
        StringBuilder sb = new StringBuilder(data.length() + 32);
        if (event != null) {
            sb.append("event: ").append(event).append('\n');
        }
        int start = 0;
        while (true) {
            int nl = data.indexOf('\n', start);
            if (nl < 0) {
                sb.append("data: ").append(data, start, data.length()).append('\n');
                break;
            }
            sb.append("data: ").append(data, start, nl).append('\n');
            start = nl + 1;
        }
        return sb.append('\n').toString();
    }

    public byte[] toBytes() {
        return toWire().getBytes(StandardCharsets.UTF_8);
    }
}
