package ua.itdesk.bot.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Whole days {@code from}..{@code to} (both included) in a time zone. */
record StatsPeriod(LocalDate from, LocalDate to, ZoneId zone) {

    StatsPeriod {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to before from");
        }
    }

    /** The last {@code days} days up to and including today. */
    static StatsPeriod lastDays(int days, LocalDate today, ZoneId zone) {
        return new StatsPeriod(today.minusDays(days - 1L), today, zone);
    }

    Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
