package dev.switchboard.gateway.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.Json;
import dev.switchboard.gateway.upstream.SseEvent;
import dev.switchboard.gateway.upstream.SseParser;
import dev.switchboard.gateway.upstream.StreamTranslator;
import dev.switchboard.gateway.upstream.SurfaceAdapter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What an attempt's 2xx answer becomes on its way to the client, chunk by chunk: a stream is passed on
 * in whole events (translated when the client speaks another surface), each checked to be JSON, and
 * checked to end as its surface ends one; a plain answer is held until complete and checked to be JSON.
 * {@link #malformed()} says why the answer must end with an error instead.
 */
final class AnswerShaper {
    static final int MAX_TRANSLATED_BODY = 64 << 20;

    private final SurfaceAdapter adapter;
    private final UsageScanner usage;
    private final SseParser parser;
    private final StreamTranslator translator;
    private final StreamEnd end = new StreamEnd();
    /** A plain answer so far. */
    private final Whole whole;
    /** A passed-through stream's bytes after its last whole event. */
    private final ByteArrayOutputStream held;
    /** Why the stream must end with an error event once what came before was written. */
    private String malformed;

    /** @param expectedLength the answer's Content-Length, or -1: a plain answer's buffer is sized by it */
    AnswerShaper(boolean sse, SurfaceAdapter adapter, UsageScanner usage, long expectedLength) {
        this.adapter = adapter;
        this.usage = usage;
        this.parser = sse ? new SseParser() : null;
        this.translator = sse && adapter != null ? adapter.newStreamTranslator() : null;
        this.whole = sse ? null : new Whole(expectedLength > 0 && expectedLength <= 1 << 20 ? (int) expectedLength : 256);
        this.held = sse && adapter == null ? new ByteArrayOutputStream(256) : null;
    }

    boolean isStream() {
        return parser != null;
    }

    String malformed() {
        return malformed;
    }

    /** What to write for this chunk (null: nothing whole yet); throws {@link BadAnswer} for an answer the client must not get. */
    ByteBuffer shape(ByteBuffer data, boolean last) {
        return parser != null ? transformStream(data, last) : transformPlain(data, last);
    }

    /** A stream chunk: the whole events it completes (translated if need be), or null for nothing yet. */
    private ByteBuffer transformStream(ByteBuffer data, boolean last) {
        List<SseEvent> events = parser.feed(data);
        int good = events.size();
        for (int i = 0; i < events.size(); i++) {
            if (!wellFormed(events.get(i).data())) {
                good = i;
                malformed = "an event's data is not JSON";
                break;
            }
            end.observe(events.get(i));
        }
        SseEvent tail = last && malformed == null ? parser.flush() : null;
        if (tail != null && wellFormed(tail.data())) {
            end.observe(tail);
        }
        if (last && malformed == null && !end.terminated(usage)) {
            // a close-delimited answer cut short ends "cleanly" at the HTTP level: it is no finish
            malformed = StreamEnd.UNTERMINATED;
        }
        if (translator == null) {
            for (int i = 0; i < good; i++) {
                usage.scanEvent(events.get(i).data());
            }
            int through = malformed != null ? (good == 0 ? -1 : parser.end(good - 1))
                    : last ? data.remaining() : parser.boundary();
            if (through < 0) {
                if (malformed == null) {
                    appendTo(held, data, data.remaining());
                }
                return null;
            }
            if (held.size() == 0 && through == data.remaining()) {
                return data;
            }
            appendTo(held, data, through);
            ByteBuffer out = ByteBuffer.wrap(held.toByteArray());
            held.reset();
            if (malformed == null) {
                appendTo(held, data.slice(data.position() + through, data.remaining() - through), data.remaining() - through);
            }
            return out;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < good; i++) {
            SseEvent e = events.get(i);
            usage.scanEvent(e.data());
            for (SseEvent o : translator.onEvent(e)) {
                sb.append(o.toWire());
            }
        }
        if (last && malformed == null) {
            if (tail != null) {
                for (SseEvent o : translator.onEvent(tail)) {
                    sb.append(o.toWire());
                }
            }
            for (SseEvent o : translator.finish()) {
                sb.append(o.toWire());
            }
        }
        if (sb.length() == 0 && !last) {
            return null;
        }
        return ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A plain answer: null until it is complete, then the answer to write (translated if need be). */
    private ByteBuffer transformPlain(ByteBuffer data, boolean last) {
        if (last && whole.size() == 0) {
            // The whole answer in one chunk: check it where it lies and pass it on as it is.
            if (adapter == null) {
                if (data.hasArray()) {
                    checkAnswer(data.array(), data.arrayOffset() + data.position(), data.remaining());
                } else {
                    checkAnswer(copyOf(data), 0, data.remaining());
                }
                return data;
            }
            return translated(data.hasArray()
                    ? readAnswer(data.array(), data.arrayOffset() + data.position(), data.remaining())
                    : readAnswer(copyOf(data), 0, data.remaining()));
        }
        if (data.hasRemaining()) {
            if (whole.size() + data.remaining() > MAX_TRANSLATED_BODY) {
                throw new BadAnswer("the provider's answer is over " + (MAX_TRANSLATED_BODY >> 20) + " MB");
            }
            appendTo(whole, data, data.remaining());
        }
        if (!last) {
            return null;
        }
        if (adapter == null) {
            checkAnswer(whole.bytes(), 0, whole.size());
            return ByteBuffer.wrap(whole.bytes(), 0, whole.size());
        }
        return translated(readAnswer(whole.bytes(), 0, whole.size()));
    }

    /** An answer passed on as it is: checked to be one JSON object and scanned for usage, no tree built. */
    private void checkAnswer(byte[] bytes, int offset, int length) {
        if (!usage.scanObject(bytes, offset, length)) {
            throw new BadAnswer("the provider's answer is not JSON");
        }
    }

    private JsonNode readAnswer(byte[] bytes, int offset, int length) {
        JsonNode answer;
        try {
            answer = Json.mapper().readTree(bytes, offset, length);
        } catch (java.io.IOException e) {
            throw new BadAnswer("the provider's answer is not JSON");
        }
        if (!(answer instanceof ObjectNode)) {
            throw new BadAnswer("the provider's answer is not JSON");
        }
        usage.scan(answer);
        return answer;
    }

    private ByteBuffer translated(JsonNode answer) {
        try {
            return ByteBuffer.wrap(Json.mapper().writeValueAsBytes(adapter.translateResponse((ObjectNode) answer)));
        } catch (RuntimeException | java.io.IOException e) {
            throw new BadAnswer("the provider's answer could not be translated (" + e.getMessage() + ")");
        }
    }

    /** A plain answer's bytes, read and written where they lie once it is complete (no copy). */
    private static final class Whole extends ByteArrayOutputStream {
        Whole(int size) {
            super(size);
        }

        byte[] bytes() {
            return buf;
        }
    }

    /** An answer the client must not get: the attempt fails (over) with this message. */
    static final class BadAnswer extends RuntimeException {
        BadAnswer(String message) {
            super(message, null, false, false);
        }
    }

    private static final com.fasterxml.jackson.core.JsonFactory JSON_FACTORY = Json.mapper().getFactory();

    /** Whether a stream event's data is a JSON object (or the {@code [DONE]} marker, or blank, as keep-alives are). */
    static boolean wellFormed(String data) {
        if (data.isBlank() || data.strip().equals("[DONE]")) {
            return true;
        }
        try (com.fasterxml.jackson.core.JsonParser p = JSON_FACTORY.createParser(data)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static byte[] copyOf(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.slice().get(out);
        return out;
    }

    private static void appendTo(ByteArrayOutputStream to, ByteBuffer from, int length) {
        if (length <= 0) {
            return;
        }
        if (from.hasArray()) {
            to.write(from.array(), from.arrayOffset() + from.position(), length);
        } else {
            byte[] b = new byte[length];
            from.slice().get(b);
            to.write(b, 0, length);
        }
    }
}
