package dev.switchboard.gateway.translate;

import dev.switchboard.gateway.upstream.SseEvent;
import java.util.ArrayList;
import java.util.List;

/** Reads recorded SSE text (as on the wire) into events, and writes events back. */
final class SseText {
    private SseText() {
    }

    static List<SseEvent> parse(String text) {
        List<SseEvent> events = new ArrayList<>();
        String event = null;
        StringBuilder data = null;
        for (String line : (text.replace("\r\n", "\n") + "\n\n").split("\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(SseEvent.named(event, data.toString()));
                }
                event = null;
                data = null;
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return events;
    }

    static String write(List<SseEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (SseEvent e : events) {
            sb.append(e.toWire());
        }
        return sb.toString();
    }
}
