package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationsTest {
    @Test
    void parsesGoStyleDurations() {
        assertThat(GoDurations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(GoDurations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(GoDurations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(GoDurations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(GoDurations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(GoDurations.parse("10us")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDurations.parse("10µs")).isEqualTo(Duration.ofNanos(10_000));
        assertThat(GoDurations.parse("5ns")).isEqualTo(Duration.ofNanos(5));
        assertThat(GoDurations.parse("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
        assertThat(GoDurations.parse("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void rejectsWhatGoRejects() {
        for (String bad : new String[]{"", "30", "s", "1.2.3s", "5d", "1 m", "-1s", "+1s", "1m30", ".s"}) {
            assertThatThrownBy(() -> GoDurations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aTimeoutIsAboveZeroAndAtMostADay() {
        assertThat(GoDurations.timeoutProblem("1m30s")).isEmpty();
        assertThat(GoDurations.timeoutProblem("24h")).isEmpty();
        assertThat(GoDurations.timeoutProblem("0")).hasValueSatisfying(p -> assertThat(p).contains("longer than zero"));
        assertThat(GoDurations.timeoutProblem("0s")).hasValueSatisfying(p -> assertThat(p).contains("longer than zero"));
        assertThat(GoDurations.timeoutProblem("-5s")).hasValueSatisfying(p -> assertThat(p).contains("longer than zero"));
        assertThat(GoDurations.timeoutProblem("25h")).hasValueSatisfying(p -> assertThat(p).contains("at most 24h"));
        assertThat(GoDurations.timeoutProblem("5d")).hasValueSatisfying(p -> assertThat(p).contains("unknown unit 'd'"));
        assertThat(GoDurations.timeoutProblem("")).hasValueSatisfying(p -> assertThat(p).contains("required"));
        assertThat(GoDurations.parseOr("soon", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }
}
