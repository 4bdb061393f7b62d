package org.timesmith.server.explore;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.timesmith.server.api.ApiException;

/**
 * Reads the date-times of datetime chips (§10.3): {@code YYYY-MM-DDTHH:MM:SS[.fff]}, optionally with
 * {@code Z} or an offset, a space instead of {@code T}, or a bare date; naive values are UTC.
 */
public final class ChipTimes {

    private ChipTimes() {
    }

    /** Microseconds since the epoch of the start of the given time (or of the day for a bare date). */
    public static long start(String text) {
        return micros(text, false);
    }

    /**
     * Microseconds since the epoch of the end of the given time: a value without a fraction covers its
     * whole second, a bare date its whole day, so "…T23:59:59" includes 23:59:59.5.
     */
    public static long end(String text) {
        return micros(text, true);
    }

    /** {@code 5m}, {@code 2h}, {@code 1d}, {@code 30s} in microseconds. */
    public static long duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() < 2) {
            throw ApiException.badRequest("Invalid interval " + text + "; use a number and s, m, h or d.");
        }
        long amount;
        try {
            amount = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid interval " + text + "; use a number and s, m, h or d.");
        }
        long unit = switch (t.charAt(t.length() - 1)) {
            case 's' -> 1_000_000L;
            case 'm' -> 60_000_000L;
            case 'h' -> 3_600_000_000L;
            case 'd' -> 86_400_000_000L;
            default -> throw ApiException.badRequest("Invalid interval " + text + "; use s, m, h or d.");
        };
        return amount * unit;
    }

    private static long micros(String raw, boolean end) {
        String text = raw.trim().replace(' ', 'T');
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                long start = date.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() * 1000;
                return end ? start + 86_400_000_000L - 1 : start;
            }
            OffsetDateTime time;
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                time = OffsetDateTime.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) + "+00:00" : text);
            } else {
                time = LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
            }
            long seconds = time.toEpochSecond();
            long micros = seconds * 1_000_000L + time.getNano() / 1000;
            boolean wholeSecond = time.getNano() == 0 && !text.contains(".");
            return end && wholeSecond ? micros + 999_999 : micros;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Invalid date-time " + raw + " in a datetime chip.");
        }
    }

}
