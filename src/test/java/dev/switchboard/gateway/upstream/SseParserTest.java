package dev.switchboard.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    @Test
    void eventsSplitAnywhereComeOutWhole() {
        String wire = "event: message_start\ndata: {\"a\":\"é\"}\n\n: keep-alive\n\ndata: line1\r\ndata: line2\r\n\r\ndata: [DONE]\n\n";
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < bytes.length; split++) {
            SseParser parser = new SseParser();
            List<SseEvent> events = new ArrayList<>(parser.feed(java.util.Arrays.copyOfRange(bytes, 0, split)));
            events.addAll(parser.feed(java.util.Arrays.copyOfRange(bytes, split, bytes.length)));
            assertThat(events).as("split at %d", split).containsExactly(
                    SseEvent.named("message_start", "{\"a\":\"é\"}"),
                    SseEvent.data("line1\nline2"),
                    SseEvent.data("[DONE]"));
        }
    }

    @Test
    void boundariesAndEventEndsFallJustAfterEachBlankLine() {
        String wire = "data: {\"a\":1}\n\n: keep-alive\r\n\r\nevent: x\ndata: y\r\n\r\ndata: tail";
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < bytes.length; split++) {
            SseParser parser = new SseParser();
            // What a relay passing on whole blocks only would write: held bytes plus the fed bytes through the boundary.
            StringBuilder written = new StringBuilder();
            StringBuilder held = new StringBuilder();
            for (byte[] part : List.of(java.util.Arrays.copyOfRange(bytes, 0, split),
                    java.util.Arrays.copyOfRange(bytes, split, bytes.length))) {
                List<SseEvent> events = parser.feed(part);
                String text = new String(part, StandardCharsets.UTF_8);
                for (int i = 0; i < events.size(); i++) {
                    assertThat(text.charAt(parser.end(i) - 1)).as("split %d", split).isIn('\n', '\r');
                }
                int boundary = parser.boundary();
                if (boundary < 0) {
                    held.append(text);
                } else {
                    written.append(held).append(text, 0, boundary);
                    held.setLength(0);
                    held.append(text.substring(boundary));
                }
            }
            // A CRLF split between its two bytes ends the block at the CR; the LF follows with the next bytes.
            String whole = written.toString().endsWith("\r") ? written + "\n" : written.toString();
            assertThat(whole).as("split at %d", split).isIn(
                    "", "data: {\"a\":1}\n\n", "data: {\"a\":1}\n\n: keep-alive\r\n\r\n",
                    "data: {\"a\":1}\n\n: keep-alive\r\n\r\nevent: x\ndata: y\r\n\r\n");
            assertThat(written.toString() + held).isEqualTo(wire);
        }
    }

    @Test
    void anUnterminatedEventIsReturnedByFlush() {
        SseParser parser = new SseParser();
        assertThat(parser.feed("data: partial".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(parser.flush()).isEqualTo(SseEvent.data("partial"));
        assertThat(parser.flush()).isNull();
    }

    @Test
    void toWireRoundTrips() {
        SseEvent e = SseEvent.named("error", "a\nb");
        assertThat(e.toWire()).isEqualTo("event: error\ndata: a\ndata: b\n\n");
        assertThat(new SseParser().feed(e.toBytes())).containsExactly(e);
    }
}
