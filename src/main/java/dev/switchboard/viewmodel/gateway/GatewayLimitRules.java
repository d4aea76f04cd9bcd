package dev.switchboard.viewmodel.gateway;

import dev.switchboard.api.GoDurations;
import dev.switchboard.viewmodel.validation.Rule;
import dev.switchboard.viewmodel.validation.ValidationStatus;
import java.time.Duration;
import javafx.beans.value.ObservableStringValue;

/** The gateway's own rules for its timeouts and token caps, as the console checks them while typing. */
final class GatewayLimitRules {
    private GatewayLimitRules() {
    }

    /** A Go duration above zero and at most 24h, checked by the same code the gateway runs ({@link GoDurations}). */
    static Rule<String> timeout(String what) {
        return v -> GoDurations.timeoutProblem(v == null ? "" : v.strip())
                .map(problem -> ValidationStatus.error(what + " " + problem))
                .orElse(ValidationStatus.ok());
    }

    /** Not longer than {@code total} (when that one is a valid duration: otherwise its own field says what is wrong). */
    static Rule<String> notLongerThan(ObservableStringValue total) {
        return v -> {
            Duration limit = GoDurations.parseOr(total.get().strip(), null);
            Duration mine = GoDurations.parseOr(v.strip(), null);
            if (limit == null || mine == null || mine.compareTo(limit) <= 0) {
                return ValidationStatus.ok();
            }
            return ValidationStatus.error("The per-request timeout (" + v.strip()
                    + ") may not be longer than the total timeout (" + total.get().strip() + ").");
        };
    }

    /** Empty for no cap, else a whole number of at least 1. */
    static Rule<String> tokenCap(String what) {
        return v -> v == null || v.isBlank() || tokenCapValue(v) != null ? ValidationStatus.ok()
                : ValidationStatus.error(what + " must be a whole number of at least 1, e.g. 4096; leave it empty for no cap.");
    }

    /** The cap typed, or null when the text is empty or not a positive whole number. */
    static Long tokenCapValue(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9') || s.length() > 18) {
            return null;
        }
        long value = Long.parseLong(s);
        return value >= 1 ? value : null;
    }
}
