package dev.switchboard.viewmodel.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the inspector's Response tab holds for a long stream. */
class ChatStreamEventLogTest {
    @Test
    void aLongStreamsInspectorLogKeepsItsFirstAndLastEventsAndCountsTheRest() {
        StreamEventLog log = new StreamEventLog(3);
        for (int i = 0; i < 10; i++) {
            log.add(new dev.switchboard.client.StreamEvent("message", "{\"n\":" + i + "}", "t" + i, Duration.ofMillis(i)));
        }
        String shown = log.text();
        assertThat(shown).contains("{\"n\":0}", "{\"n\":2}", "… 4 events (1 KB) not shown …", "{\"n\":7}", "{\"n\":9}")
                .doesNotContain("{\"n\":3}", "{\"n\":6}");
        assertThat(shown.indexOf("{\"n\":2}")).isLessThan(shown.indexOf("not shown")).isLessThan(shown.indexOf("{\"n\":7}"));
    }
}
