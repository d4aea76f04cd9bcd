package dev.switchboard.gateway;

import java.time.Duration;
import java.util.Locale;

/**
 * Go-style duration strings as the gateway config uses them: {@code 30s}, {@code 2m},
 * {@code 1m30s}, {@code 1.5h}, {@code 250ms}. Units {@code ns us µs ms s m h}; no sign.
 */
public final class GoDurations {
    private GoDurations() {
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
