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
 *
 * <p>It also says where, in the bytes last fed, each returned event ended ({@link #end(int)}) and where
 * the last block (event, comment or blank line) ended ({@link #boundary()}), so a relay can pass on whole
 * events only.
 */
public final class SseParser {
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private boolean lastWasCr;
    private String event;
    private StringBuilder data;
    private int[] ends = new int[4];
    private int boundary = -1;

    /** Parses the buffer's remaining bytes without moving its position. */
    public List<SseEvent> feed(ByteBuffer buffer) {
        List<SseEvent> out = null;
        ByteBuffer b = buffer.slice();
        boundary = -1;
        while (b.hasRemaining()) {
            byte c = b.get();
            if (c == '\n' && lastWasCr) {
                lastWasCr = false;
                // The LF of a CRLF that ended a block belongs to that block.
                if (boundary == b.position() - 1) {
                    boundary = b.position();
                    if (out != null && ends[out.size() - 1] == boundary - 1) {
                        ends[out.size() - 1] = boundary;
                    }
                }
                continue;
            }
            lastWasCr = c == '\r';
            if (c == '\n' || c == '\r') {
                boolean blank = line.size() == 0;
                SseEvent done = endLine();
                if (blank) {
                    boundary = b.position();
                }
                if (done != null) {
                    if (out == null) {
                        out = new ArrayList<>(2);
                    }
                    if (out.size() == ends.length) {
                        ends = java.util.Arrays.copyOf(ends, ends.length * 2);
                    }
                    ends[out.size()] = b.position();
                    out.add(done);
                }
            } else {
                line.write(c);
            }
        }
        return out == null ? List.of() : out;
    }

    /** Where the {@code i}th event returned by the last {@link #feed} ended: the offset just after its blank line. */
    public int end(int i) {
        return ends[i];
    }

    /** The offset just after the last blank line in the bytes last fed, or -1 if they held none. */
    public int boundary() {
        return boundary;
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
