package dev.switchboard.viewmodel.accesskeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccessKeyLineDiffTest {
    @Test
    void marksAddedAndRemovedLinesAroundCommonOnes() {
        List<LineDiff.Line> diff = LineDiff.of("a\nb\nc", "a\nc\nd");
        assertThat(diff).extracting(LineDiff.Line::render).containsExactly("  a", "- b", "  c", "+ d");
        assertThat(LineDiff.hasChanges(diff)).isTrue();
        assertThat(LineDiff.hasChanges(LineDiff.of("x\ny", "x\ny"))).isFalse();
        assertThat(LineDiff.of("", "x")).extracting(LineDiff.Line::kind).containsExactly(LineDiff.Kind.ADDED);
    }
}
