package dev.switchboard.viewmodel.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.TokenUsage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Where a reply's metrics show, each once: the newest reply's timings head its column (side by side when comparing
 * two models), the line under it keeps what the heading leaves out; an earlier reply keeps its timings under it.
 */
class ChatMetricsPlacementTest {
    private static final String QWEN = "my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M";

    private final ChatColumn column = new ChatColumn(Runnable::run, Runnable::run, provider -> "http://127.0.0.1:8000");

    private ChatTurn exchange(String question, ReplyMetrics metrics) {
        ChatTurn reply = ChatTurn.reply(QWEN);
        column.turns().addAll(ChatTurn.user(question), reply);
        reply.setText("An answer to " + question);
        reply.setMetrics(metrics);
        reply.setState(ChatTurn.State.DONE);
        return reply;
    }

    private static ReplyMetrics metrics(String requestId, String model) {
        return new ReplyMetrics(Duration.ofMillis(180), Duration.ofMillis(2180), new TokenUsage(1284, 400), requestId, 1, model);
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void theNewestRepliesTimingsHeadTheColumnAndTheLineUnderItKeepsOnlyTheTrace() {
        ChatTurn reply = exchange("How do I reverse a list?", metrics("rq_first", QWEN));

        assertThat(column.latestReplyProperty().get()).isSameAs(reply);
        String heading = reply.headlineProperty().get();
        String under = reply.replyLineProperty().get();
        assertThat(heading).isEqualTo("first token 180 ms · 200.0 tok/s · total 2.18 s · 1284 in / 400 out");
        assertThat(under).isEqualTo("1 attempt · rq_first");
        for (String part : new String[] {"first token", "tok/s", "total", "1284 in / 400 out", "rq_first", "1 attempt"}) {
            assertThat(count(heading + " | " + under, part)).as(part).isEqualTo(1);
        }
        assertThat(heading + under).as("the model is the reply's own heading").doesNotContain(QWEN);
    }

    @Test
    void anEarlierReplyKeepsItsTimingsUnderItOnceANewerOneHeadsTheColumn() {
        ChatTurn first = exchange("How do I reverse a list?", metrics("rq_first", QWEN));
        ChatTurn second = exchange("And a linked list?", metrics("rq_second", "my-workstation-vllm:llama-3.1-70b-instruct-awq-int4"));

        assertThat(column.latestReplyProperty().get()).isSameAs(second);
        assertThat(first.latestProperty().get()).isFalse();
        assertThat(first.replyLineProperty().get())
                .isEqualTo("first token 180 ms · 200.0 tok/s · total 2.18 s · 1284 in / 400 out · 1 attempt · rq_first");
        assertThat(second.replyLineProperty().get()).as("another model than the one asked answered: it is named")
                .isEqualTo("my-workstation-vllm:llama-3.1-70b-instruct-awq-int4 · 1 attempt · rq_second");

        column.turns().removeAll(column.turns().subList(2, 4));
        assertThat(column.latestReplyProperty().get()).isSameAs(first);
        assertThat(first.replyLineProperty().get()).isEqualTo("1 attempt · rq_first");
        column.turns().clear();
        assertThat(column.latestReplyProperty().get()).isNull();
    }

    @Test
    void whileAnsweringTheHeadingSaysSoAndAStoppedReplySaysItWasStopped() {
        ChatTurn reply = ChatTurn.reply(QWEN);
        column.turns().addAll(ChatTurn.user("Write a long story"), reply);
        reply.setMetricsLine("answering: " + QWEN + " …");
        assertThat(reply.headlineProperty().get()).isEqualTo("answering: " + QWEN + " …");
        assertThat(reply.replyLineProperty().get()).isEmpty();

        reply.setMetrics(new ReplyMetrics(Duration.ofMillis(90), Duration.ofMillis(1090), null, "rq_stop", 1, QWEN));
        reply.setState(ChatTurn.State.STOPPED);
        assertThat(reply.headlineProperty().get()).isEqualTo("stopped · first token 90 ms · total 1.09 s");
        assertThat(reply.replyLineProperty().get()).isEqualTo("1 attempt · rq_stop");

        exchange("Shorter, please", metrics("rq_next", QWEN));
        assertThat(reply.replyLineProperty().get()).isEqualTo("stopped · first token 90 ms · total 1.09 s · 1 attempt · rq_stop");
    }
}
