package dev.switchboard.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Go-style duration strings as the gateway config uses them: {@code 30s}, {@code 2m},
 * {@code 1m30s}, {@code 1.5h}, {@code 250ms}. Units {@code ns us µs ms s m h}; no sign.
 * The gateway checks its timeouts with {@link #timeoutProblem}, and so does the console as you type.
 */
public final class GoDurations {
    /** The longest timeout the gateway accepts. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    /** The longest timeout text the gateway accepts. */
    public static final int MAX_TIMEOUT_LENGTH = 64;

    private GoDurations() {
    }

    /** Parses {@code text}, or returns {@code fallback} when it is empty or not a duration. */
    public static Duration parseOr(String text, Duration fallback) {
        try {
            return text == null || text.isBlank() ? fallback : parse(text.strip());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /**
     * Why {@code text} is not a usable gateway timeout (a sentence fragment to follow the field's name,
     * e.g. "must be longer than zero, e.g. 30s."), or empty when it is one: a duration above zero, at most 24h.
     */
    public static Optional<String> timeoutProblem(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("is required; give a duration such as 30s, 2m or 1m30s.");
        }
        if (text.length() > MAX_TIMEOUT_LENGTH) {
            return Optional.of("must be at most " + MAX_TIMEOUT_LENGTH + " characters.");
        }
        if (text.startsWith("-")) {
            return Optional.of("must be longer than zero, e.g. 30s.");
        }
        Duration d;
        try {
            d = parse(text);
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a duration (" + e.getMessage() + "); write it like 30s, 2m or 1m30s.");
        }
        if (d.isZero() || d.isNegative()) {
            return Optional.of("must be longer than zero, e.g. 30s.");
        }
        if (d.compareTo(MAX_TIMEOUT) > 0) {
            return Optional.of("must be at most 24h.");
        }
        return Optional.empty();
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} with a readable reason when it is not a duration. */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        int i = 0;
        int n = text.length();
        java.math.BigDecimal totalNanos = java.math.BigDecimal.ZERO;
        while (i < n) {
            int start = i;
            while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                i++;
            }
            String number = text.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw new IllegalArgumentException("expected a number at position " + (start + 1));
            }
            int unitStart = i;
            while (i < n && !Character.isDigit(text.charAt(i)) && text.charAt(i) != '.') {
                i++;
            }
            String unit = text.substring(unitStart, i);
            long nanosPerUnit = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "" -> throw new IllegalArgumentException("missing unit after " + number
                        + " (use ns, us, ms, s, m or h)");
                default -> throw new IllegalArgumentException("unknown unit '" + unit.toLowerCase(Locale.ROOT)
                        + "' (use ns, us, ms, s, m or h)");
            };
            totalNanos = totalNanos.add(new java.math.BigDecimal(number).multiply(
                    java.math.BigDecimal.valueOf(nanosPerUnit)));
        }
        if (totalNanos.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("duration too long");
        }
        return Duration.ofNanos(totalNanos.longValue());
    }
}
