package org.timesmith.cli;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * Parses the {@code --from}/{@code --to} values of {@code search}: a date ({@code 2024-03-12}) or a
 * date-time with {@code T} or a space, optional fraction and optional offset ({@code Z},
 * {@code +01:00}). Values without an offset are in the given zone. A bare date means the start of
 * that day for {@code --from} and its last microsecond for {@code --to}, so both ends are inclusive.
 */
final class TimeArgument {

    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private TimeArgument() {
    }

    /** Microseconds since the epoch of the start of {@code value}. */
    static long start(String value, ZoneId zone) {
        return parse(value, zone, false);
    }

    /** Microseconds since the epoch of the end of {@code value} (a bare date covers the whole day). */
    static long end(String value, ZoneId zone) {
        return parse(value, zone, true);
    }

    private static long parse(String value, ZoneId zone, boolean end) {
        TemporalAccessor parsed;
        try {
            parsed = FORMAT.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a date or date-time"
                    + " (use e.g. 2024-03-12, 2024-03-12T08:30:00 or 2024-03-12 08:30:00+01:00)");
        }
        LocalDate date = LocalDate.from(parsed);
        ZonedDateTime time;
        try {
            if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
                LocalDateTime local = LocalDateTime.of(date, java.time.LocalTime.from(parsed));
                ZoneId effective = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                        ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : zone;
                time = local.atZone(effective);
            } else {
                time = end ? date.plusDays(1).atStartOfDay(zone).minus(1, ChronoUnit.MICROS) : date.atStartOfDay(zone);
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + value + "': " + e.getMessage());
        }
        return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, time.toInstant());
    }
}
