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
