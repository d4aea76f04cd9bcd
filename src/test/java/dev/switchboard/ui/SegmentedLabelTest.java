package dev.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentedLabelTest {
    @Test
    void aModelIdBreaksAfterItsColonAndHyphensOnly() {
        assertThat(SegmentedLabel.pieces("A · my-workstation-vllm:qwen2.5-coder-32b-instruct-q4_K_M"))
                .containsExactly("A · ", "my-", "workstation-", "vllm:", "qwen2.5-", "coder-", "32b-", "instruct-",
                        "q4_K_M");
    }

    @Test
    void aMetricsLineBreaksBetweenItsPartsNeverInsideANumber() {
        assertThat(SegmentedLabel.pieces("first token 334 ms · 14829.4 tok/s · total 1.20 s · 1284 in / 2317 out"))
                .containsExactly("first token 334 ms · ", "14829.4 tok/s · ", "total 1.20 s · ", "1284 in / 2317 out");
    }

    @Test
    void aPathBreaksAfterItsSeparatorsAndThePiecesJoinBackToIt() {
        String path = "/home/ana/team-infra/gateway.yaml";
        assertThat(SegmentedLabel.pieces(path, "·:-/\\")).containsExactly("/", "home/", "ana/", "team-", "infra/",
                "gateway.yaml");
        assertThat(String.join("", SegmentedLabel.pieces(path))).isEqualTo(path);
        assertThat(SegmentedLabel.pieces("")).isEmpty();
    }
}
