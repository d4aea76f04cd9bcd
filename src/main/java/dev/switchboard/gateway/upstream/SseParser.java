package dev.switchboard.gateway.upstream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An incremental server-sent-events parser: feed it bytes as they arrive (events may be split
 * anywhere, even inside a UTF-8 character) and it returns each event once its blank line is seen.
 * Comments ({@code :...}) and {@code id:}/{@code retry:} fields are ignored.
 */
public final class SseParser {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean lastWasCr;
    private String event;
    private StringBuilder data;

    /** Parses the buffer's remaining bytes without moving its position. */
    public List<SseEvent> feed(ByteBuffer buffer) {
        List<SseEvent> out = null;
        ByteBuffer b = buffer.slice();
        while (b.hasRemaining()) {
            byte c = b.get();
            if (c == '\n' && lastWasCr) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = c == '\r';
            if (c == '\n' || c == '\r') {
                SseEvent done = endLine();
                if (done != null) {
                    if (out == null) {
                        out = new ArrayList<>(2);
                    }
                    out.add(done);
                }
            } else {
                line.write(c);
            }
        }
        return out == null ? List.of() : out;
    }

    public List<SseEvent> feed(byte[] bytes) {
        return feed(ByteBuffer.wrap(bytes));
    }

    /** The event still open when the stream ended without its blank line, if any. */
    public SseEvent flush() {
        if (line.size() > 0) {
            endLine();
        }
        return dispatch();
    }

    private SseEvent endLine() {
        if (line.size() == 0) {
            return dispatch();
        }
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.startsWith(":")) {
            return null;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("event")) {
            event = value;
        } else if (field.equals("data")) {
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
        return null;
    }

    private SseEvent dispatch() {
        if (data == null) {
            event = null;
            return null;
        }
        SseEvent e = new SseEvent(event, data.toString());
        event = null;
        data = null;
        return e;
    }
}
