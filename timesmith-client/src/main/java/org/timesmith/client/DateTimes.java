package org.timesmith.client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Optional;
import org.timesmith.core.time.UtcMicros;

/**
 * The date-time objects the importer accepts as field values ({@link Instant},
 * {@link OffsetDateTime}, {@link ZonedDateTime}, {@link LocalDateTime}, {@link Date},
 * {@link LocalDate}), turned into the UTC text the server stores. A time without a zone is taken
 * as UTC and a date as its midnight in UTC, the way the Timesketch importer treats naive times.
 */
final class DateTimes {

    private DateTimes() {
    }

    /** Microseconds since the epoch of a date-time object; empty when {@code value} is not one. */
    static Optional<Long> micros(Object value) {
        Instant instant = switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z -> z.toInstant();
            case LocalDateTime l -> l.toInstant(ZoneOffset.UTC);
            case LocalDate d -> d.atStartOfDay(ZoneOffset.UTC).toInstant();
            // java.sql.Date has no time of day (its toInstant() throws): its calendar date counts.
            case java.sql.Date d -> d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
            case Date d -> Instant.ofEpochMilli(d.getTime());
            case null, default -> null;
        };
        if (instant == null) {
            return Optional.empty();
        }
        return Optional.of(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                instant.getNano() / 1_000L));
    }

    /** The value itself, or for a date-time object its UTC ISO-8601 text with microseconds. */
    static Object toWire(Object value) {
        return micros(value).<Object>map(UtcMicros::format).orElse(value);
    }
}
