package dev.switchboard.gateway.control;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The {@code startTime}/{@code endTime} query parameters of the usage endpoints: RFC 3339, years 1–9999. */
final class UsageTimes {
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private UsageTimes() {
    }

    static Instant required(ControlCall call, String name) {
        Instant t = optional(call, name);
        if (t == null) {
            throw ApiException.badParameter(name, name + " is required: give an RFC 3339 time such as "
                    + "2026-11-25T00:00:00Z (only events at or after it are returned).");
        }
        return t;
    }

    /** The time, or null when the parameter is absent or empty. */
    static Instant optional(ControlCall call, String name) {
        String v = call.query().get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        Instant t;
        try {
            t = Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                t = OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiException.badParameter(name, name + " must be an RFC 3339 time such as 2026-11-25T13:00:00Z"
                        + " (got '" + Resource.shorten(v) + "').");
            }
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw ApiException.badParameter(name, name + " must be between the years 1 and 9999 (got '"
                    + Resource.shorten(v) + "').");
        }
        return t;
    }
}
