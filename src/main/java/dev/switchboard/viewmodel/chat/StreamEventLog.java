package dev.switchboard.viewmodel.chat;

import dev.switchboard.client.StreamEvent;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * The raw events of one streamed reply, as the inspector's Response tab shows them: the first and the last
 * {@code keep} events in full, and how many in between were left out. A 2,000-token reply is ~300 KB of
 * events; laying that out in a text area held the FX thread for a quarter of a second when the stream ended.
 * Appended from the stream's thread.
 */
final class StreamEventLog {
    private final int keep;
    private final StringBuilder head = new StringBuilder();
    private final ArrayDeque<String> tail = new ArrayDeque<>();
    private int headCount;
    private long leftOut;
    private long leftOutChars;

    StreamEventLog(int keep) {
        this.keep = keep;
    }

    synchronized void add(StreamEvent event) {
        String entry = "event: " + event.name() + "  (+" + event.sinceStart().toMillis() + " ms)\ndata: " + event.data() + "\n\n";
        if (headCount < keep) {
            head.append(entry);
            headCount++;
            return;
        }
        tail.addLast(entry);
        if (tail.size() > keep) {
            String dropped = tail.removeFirst();
            leftOut++;
            leftOutChars += dropped.length();
        }
    }

    synchronized String text() {
        StringBuilder out = new StringBuilder(head);
        if (leftOut > 0) {
            out.append(String.format(Locale.ROOT, "… %,d events (%,d KB) not shown …%n%n", leftOut, (leftOutChars + 1023) / 1024));
        }
        tail.forEach(out::append);
        return out.toString();
    }
}
