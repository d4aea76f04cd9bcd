package dev.switchboard.viewmodel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A moment as a table shows it: {@code 3 Dec 17:27} this year, {@code 3 Dec 2025} before, so it fits a narrow column. */
public final class ShortDate {
    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private ShortDate() {
    }

    /** {@code none} when there is no moment (never used, not known). */
    public static String of(Instant instant, ZoneId zone, String none) {
        if (instant == null) {
            return none;
        }
        ZonedDateTime at = instant.atZone(zone);
        return (at.getYear() == ZonedDateTime.now(zone).getYear() ? THIS_YEAR : OTHER_YEAR).format(at);
    }
}
