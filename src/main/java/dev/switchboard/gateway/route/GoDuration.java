package dev.switchboard.gateway.route;

import java.time.Duration;

/** Parses Go-style durations as the gateway config holds them: {@code 30s}, {@code 2m}, {@code 1h30m}, {@code 500ms}. */
final class GoDuration {
    private GoDuration() {
    }

    static Duration parse(String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String s = text.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        double nanos = 0;
        int i = 0;
        boolean any = false;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                return fallback;
            }
            double value = Double.parseDouble(s.substring(start, i));
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i)) || i < s.length() && s.charAt(i) == 'µ') {
                i++;
            }
            double scale;
            switch (s.substring(unitStart, i)) {
                case "ns" -> scale = 1;
                case "us", "µs" -> scale = 1e3;
                case "ms" -> scale = 1e6;
                case "s" -> scale = 1e9;
                case "m" -> scale = 60e9;
                case "h" -> scale = 3600e9;
                default -> {
                    return fallback;
                }
            }
            nanos += value * scale;
            any = true;
        }
        return any ? Duration.ofNanos((long) nanos) : fallback;
    }
}
