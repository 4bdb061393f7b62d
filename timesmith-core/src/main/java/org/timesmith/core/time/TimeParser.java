package org.timesmith.core.time;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the date-time values found in timelines into microseconds since the epoch, UTC
 * ({@link UtcMicros}). Immutable and thread-safe.
 *
 * <p>Accepted forms, tried in this order:
 * <ol>
 *   <li><b>Epoch numbers</b> (a {@link Number}, or a string of digits with an optional sign and
 *       decimal fraction): the unit is recognised by magnitude as Timesketch does — absolute value
 *       above 10<sup>17</sup> nanoseconds, above 10<sup>14</sup> microseconds, above
 *       10<sup>11</sup> milliseconds, otherwise seconds. Fractions are kept to the microsecond;
 *       finer digits are truncated towards the past (floor).</li>
 *   <li><b>ISO-8601</b>, parsed by hand because it is by far the most common form:
 *       {@code YYYY-MM-DD}, optionally followed by {@code T} or a space and {@code hh:mm[:ss[.f]]}
 *       with 1–9 fractional digits ({@code ,} works as the decimal mark too), then optionally a zone:
 *       {@code Z}, {@code ±hh:mm}, {@code ±hhmm}, {@code ±hh}, or a space and a zone name
 *       ({@code UTC}, {@code GMT}, {@code Europe/Amsterdam}, {@code EST5EDT}, the short ids of
 *       {@link ZoneId#SHORT_IDS} such as {@code EST}, the summer-time abbreviations {@code EDT CDT MDT
 *       PDT AKDT CEST EEST WEST}) or a space and an offset. Sub-microsecond
 *       digits are truncated, never rounded, so an instant never moves into the next microsecond.</li>
 *   <li><b>RFC 1123</b> ({@code Tue, 3 Jun 2008 11:05:30 GMT}) and ISO forms with a bracketed region
 *       ({@code 2020-01-01T10:00:00+01:00[Europe/Paris]}) through {@link DateTimeFormatter}.</li>
 * </ol>
 *
 * <p>A value without a zone (naive) is read in the parser's default zone. In a region zone a local
 * time that falls in a DST gap is moved forward by the length of the gap, and one that falls in an
 * overlap takes the earlier offset (the first occurrence), as {@link ZonedDateTime#ofLocal} does.
 * A date without a time is midnight in its zone.
 *
 * <p>A leap second {@code 23:59:60} (any {@code :60} second) is accepted and mapped to the last
 * microsecond of the preceding second ({@code 23:59:59.999999}): it keeps the event on the right
 * day and in order before the next second, which is the best a POSIX-style time scale can do.
 *
 * <p>Results must lie in the years 1–9999 ({@link UtcMicros#MIN}..{@link UtcMicros#MAX}); unlike
 * Timesketch, which drops years before 1700, 1601 (the FILETIME epoch) is an ordinary date here.
 * Anything else throws {@link UnparseableTimeException} naming the value and the reason.
 */
public final class TimeParser {

    private static final double NANOS_ABOVE = 1e17;
    private static final double MICROS_ABOVE = 1e14;
    private static final double MILLIS_ABOVE = 1e11;
    private static final long NANOS_ABOVE_LONG = 100_000_000_000_000_000L;
    private static final long MICROS_ABOVE_LONG = 100_000_000_000_000L;
    private static final long MILLIS_ABOVE_LONG = 100_000_000_000L;
    private static final BigDecimal[] TO_MICROS = {
            BigDecimal.valueOf(1, 3), BigDecimal.ONE, BigDecimal.valueOf(1000), BigDecimal.valueOf(1_000_000)};
    /**
     * Daylight-saving abbreviations that logs print and {@link ZoneId} does not know, each with its
     * one unambiguous offset in seconds (ambiguous ones such as BST or IST are left out on purpose).
     */
    private static final Map<String, Integer> SUMMER_TIME_ABBREVIATIONS = Map.of(
            "EDT", -4 * 3600, "CDT", -5 * 3600, "MDT", -6 * 3600, "PDT", -7 * 3600, "AKDT", -8 * 3600,
            "CEST", 2 * 3600, "EEST", 3 * 3600, "WEST", 3600);
    /** Marks "not in the hand-parsed ISO form"; never a valid result because it is out of range. */
    private static final long NOT_ISO = Long.MIN_VALUE;

    private final ZoneId defaultZone;
    /** Offset of {@link #defaultZone} in seconds when it never changes; null for zones with rules. */
    private final Integer fixedDefaultOffset;

    public TimeParser(ZoneId defaultZone) {
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
        this.fixedDefaultOffset = defaultZone.getRules().isFixedOffset()
                ? defaultZone.getRules().getOffset(Instant.EPOCH).getTotalSeconds()
                : null;
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    /** Microseconds of a JSON/CSV value: a {@link Number} (epoch) or a {@link CharSequence}. */
    public long parse(Object value) {
        return switch (value) {
            case null -> throw new UnparseableTimeException("null", "the value is empty");
            case CharSequence text -> parse(text.toString());
            case Long number -> epochNumber(number);
            case Integer number -> epochNumber(number.longValue());
            case Short number -> epochNumber(number.longValue());
            case Byte number -> epochNumber(number.longValue());
            case Double number -> epochNumber(number, number.doubleValue());
            case Float number -> epochNumber(number, number.doubleValue());
            case BigDecimal number -> epochNumber(number, number);
            case Number number -> epochNumber(number, parseDecimal(number, number.toString()));
            default -> throw new UnparseableTimeException(value, "a " + value.getClass().getSimpleName()
                    + " is neither a number nor text");
        };
    }

    /** Microseconds of a textual date-time in any of the accepted forms. */
    public long parse(String value) {
        String text = trim(value);
        if (text.isEmpty()) {
            throw new UnparseableTimeException(value, "the value is empty");
        }
        if (isEpochNumber(text)) {
            return text.length() <= 18 && text.indexOf('.') < 0
                    ? epochNumber(Long.parseLong(text))
                    : epochNumber(value, parseDecimal(value, text));
        }
        long micros = parseIso(value, text);
        if (micros == NOT_ISO) {
            micros = parseWithFormatters(value, text);
        }
        return checkRange(value, micros);
    }

    /** Epoch number of unknown unit to microseconds, by magnitude (see the class comment). */
    public static long epochNumber(long value) {
        long magnitude = value == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(value);
        long micros;
        if (magnitude > NANOS_ABOVE_LONG) {
            micros = Math.floorDiv(value, 1000);
        } else if (magnitude > MICROS_ABOVE_LONG) {
            micros = value;
        } else if (magnitude > MILLIS_ABOVE_LONG) {
            micros = value * 1000;
        } else {
            micros = value * 1_000_000;
        }
        return checkRange(value, micros);
    }

    private static long epochNumber(Object original, double value) {
        if (!Double.isFinite(value)) {
            throw new UnparseableTimeException(original, "not a finite number");
        }
        return epochNumber(original, new BigDecimal(Double.toString(value)));
    }

    private static long epochNumber(Object original, BigDecimal value) {
        double magnitude = Math.abs(value.doubleValue());
        int unit = magnitude > NANOS_ABOVE ? 0 : magnitude > MICROS_ABOVE ? 1 : magnitude > MILLIS_ABOVE ? 2 : 3;
        BigDecimal micros = value.multiply(TO_MICROS[unit]).setScale(0, RoundingMode.FLOOR);
        if (micros.compareTo(BigDecimal.valueOf(UtcMicros.MIN)) < 0
                || micros.compareTo(BigDecimal.valueOf(UtcMicros.MAX)) > 0) {
            throw new UnparseableTimeException(original, "outside the years 1–9999");
        }
        return micros.longValueExact();
    }

    private static BigDecimal parseDecimal(Object original, String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new UnparseableTimeException(original, "not a number");
        }
    }

    private static long checkRange(Object original, long micros) {
        if (!UtcMicros.inRange(micros)) {
            throw new UnparseableTimeException(original, "outside the years 1–9999");
        }
        return micros;
    }

    private static String trim(String value) {
        int length = value.length();
        if (length > 0 && (value.charAt(0) <= ' ' || value.charAt(length - 1) <= ' ')) {
            return value.strip();
        }
        return value;
    }

    /** An optional sign, digits, optionally a point and more digits; at least one digit. */
    private static boolean isEpochNumber(String text) {
        int i = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
        boolean digit = false;
        boolean point = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    /**
     * The hand-rolled ISO-8601 path. Returns {@link #NOT_ISO} when the text does not have the shape,
     * so the formatter fallbacks get a chance; throws when it has the shape but impossible values.
     */
    private long parseIso(Object original, String text) {
        int length = text.length();
        if (length < 10 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(length - 1) == ']') {
            return NOT_ISO;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return NOT_ISO;
        }
        int hour = 0;
        int minute = 0;
        int second = 0;
        int micro = 0;
        int at = 10;
        if (length > 10 && isTimeAt(text, 11) && (text.charAt(10) == 'T' || text.charAt(10) == 't'
                || text.charAt(10) == ' ')) {
            hour = number(text, 11, 2);
            minute = number(text, 14, 2);
            at = 16;
            if (at < length && text.charAt(at) == ':') {
                second = number(text, at + 1, 2);
                if (second < 0) {
                    return NOT_ISO;
                }
                at += 3;
                if (at < length && (text.charAt(at) == '.' || text.charAt(at) == ',')) {
                    int start = ++at;
                    while (at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                        int digit = text.charAt(at) - '0';
                        if (at - start < 6) {
                            micro = micro * 10 + digit;
                        }
                        at++;
                    }
                    int digits = at - start;
                    if (digits == 0) {
                        return NOT_ISO;
                    }
                    if (digits > 9) {
                        throw new UnparseableTimeException(original, "more than 9 fractional digits");
                    }
                    for (int i = digits; i < 6; i++) {
                        micro *= 10;
                    }
                }
            }
        }
        if (month < 1 || month > 12) {
            throw new UnparseableTimeException(original, "month " + month + " does not exist");
        }
        if (day < 1 || day > UtcMicros.lengthOfMonth(year, month)) {
            throw new UnparseableTimeException(original, "day " + day + " does not exist in "
                    + year + "-" + (month < 10 ? "0" : "") + month);
        }
        if (hour > 23 || minute > 59 || second > 60) {
            throw new UnparseableTimeException(original, "time of day out of range");
        }
        if (second == 60) {
            second = 59;
            micro = 999_999;
        }
        long localSeconds = UtcMicros.epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;

        long offsetSeconds;
        if (at == length) {
            offsetSeconds = offsetInDefaultZone(year, month, day, hour, minute, second);
        } else {
            char c = text.charAt(at);
            if (c == 'Z' || c == 'z') {
                if (at + 1 != length) {
                    return NOT_ISO;
                }
                offsetSeconds = 0;
            } else if (c == '+' || c == '-') {
                offsetSeconds = offset(original, text, at);
            } else if (c == ' ') {
                String zone = text.substring(at + 1).strip();
                if (zone.startsWith("+") || zone.startsWith("-")) {
                    offsetSeconds = offset(original, zone, 0);
                } else {
                    offsetSeconds = offsetInNamedZone(original, zone, year, month, day, hour, minute, second);
                }
            } else {
                return NOT_ISO;
            }
        }
        return (localSeconds - offsetSeconds) * 1_000_000L + micro;
    }

    private static boolean isTimeAt(String text, int at) {
        return text.length() >= at + 5 && text.charAt(at + 2) == ':' && number(text, at, 2) >= 0
                && number(text, at + 3, 2) >= 0;
    }

    /** The value of {@code count} ASCII digits at {@code at}, or -1. */
    private static int number(String text, int at, int count) {
        if (at + count > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** {@code ±hh}, {@code ±hhmm} or {@code ±hh:mm} from {@code at} to the end of the text. */
    private static int offset(Object original, String text, int at) {
        int sign = text.charAt(at) == '-' ? -1 : 1;
        int rest = text.length() - at - 1;
        int hours = number(text, at + 1, 2);
        int minutes;
        if (rest == 2) {
            minutes = 0;
        } else if (rest == 4) {
            minutes = number(text, at + 3, 2);
        } else if (rest == 5 && text.charAt(at + 3) == ':') {
            minutes = number(text, at + 4, 2);
        } else {
            throw new UnparseableTimeException(original, "the zone offset must be ±hh, ±hhmm or ±hh:mm");
        }
        if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
            throw new UnparseableTimeException(original, "the zone offset is out of range");
        }
        return sign * (hours * 3600 + minutes * 60);
    }

    private long offsetInDefaultZone(int year, int month, int day, int hour, int minute, int second) {
        if (fixedDefaultOffset != null) {
            return fixedDefaultOffset;
        }
        return offsetInZone(defaultZone, year, month, day, hour, minute, second);
    }

    private static long offsetInNamedZone(Object original, String name, int year, int month, int day, int hour,
                                          int minute, int second) {
        if (name.equalsIgnoreCase("UTC") || name.equalsIgnoreCase("GMT") || name.equalsIgnoreCase("UT")
                || name.equalsIgnoreCase("Z")) {
            return 0;
        }
        Integer summerOffset = SUMMER_TIME_ABBREVIATIONS.get(name);
        if (summerOffset != null) {
            return summerOffset;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(name, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            throw new UnparseableTimeException(original, "unknown time zone " + UnparseableTimeException.quote(name));
        }
        return offsetInZone(zone, year, month, day, hour, minute, second);
    }

    /** Offset of a local time in a zone: DST gaps move forward, overlaps take the earlier offset. */
    private static long offsetInZone(ZoneId zone, int year, int month, int day, int hour, int minute, int second) {
        LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
        return local.toEpochSecond(ZoneOffset.UTC) - ZonedDateTime.ofLocal(local, zone, null).toEpochSecond();
    }

    private long parseWithFormatters(Object original, String text) {
        try {
            OffsetDateTime rfc = OffsetDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            return toMicros(rfc.toEpochSecond(), rfc.getNano());
        } catch (DateTimeException notRfc) {
            // fall through to the next form
        }
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                    LocalDateTime::from);
            ZonedDateTime zoned = parsed instanceof ZonedDateTime z ? z
                    : ZonedDateTime.ofLocal((LocalDateTime) parsed, defaultZone, null);
            return toMicros(zoned.toEpochSecond(), zoned.getNano());
        } catch (DateTimeException notIso) {
            throw new UnparseableTimeException(original,
                    "expected ISO-8601, RFC 1123 or an epoch number");
        }
    }

    private static long toMicros(long epochSecond, int nano) {
        return epochSecond * 1_000_000L + nano / 1000;
    }
}
