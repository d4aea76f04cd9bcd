package dev.switchboard.viewmodel.logs;

import java.time.Duration;

/** The time ranges offered. */
public enum TimeRange {
    LAST_15_MINUTES("Last 15 minutes", Duration.ofMinutes(15)),
    LAST_HOUR("Last hour", Duration.ofHours(1)),
    LAST_24_HOURS("Last 24 hours", Duration.ofHours(24)),
    LAST_7_DAYS("Last 7 days", Duration.ofDays(7));

    private final String label;
    private final Duration span;

    TimeRange(String label, Duration span) {
        this.label = label;
        this.span = span;
    }

    public Duration span() {
        return span;
    }

    @Override
    public String toString() {
        return label;
    }
}
