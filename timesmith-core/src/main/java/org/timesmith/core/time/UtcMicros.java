package org.timesmith.core.time;

/**
 * Microseconds since 1970-01-01T00:00:00Z, the one time representation Timesmith stores, and its
 * text form: ISO-8601 in UTC with exactly six fractional digits and a {@code +00:00} suffix, e.g.
 * {@code 2021-03-04T05:06:07.123456+00:00}. Always six digits (Timesketch drops {@code .000000} for
 * whole seconds) so that the text sorts like the number and every event reads the same. Valid
 * values span the years 1 to 9999; the conversions are plain arithmetic on the proleptic Gregorian
 * calendar, without java.time objects, because they run once per imported event.
 */
public final class UtcMicros {

    /** 0001-01-01T00:00:00.000000+00:00. */
    public static final long MIN = -62_135_596_800_000_000L;
    /** 9999-12-31T23:59:59.999999+00:00. */
    public static final long MAX = 253_402_300_799_999_999L;

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int SECONDS_PER_DAY = 86_400;

    private UtcMicros() {
    }

    public static boolean inRange(long micros) {
        return micros >= MIN && micros <= MAX;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date; month 1–12. */
    public static long epochDay(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        int shiftedMonth = month > 2 ? month - 3 : month + 9;
        long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    public static boolean isLeapYear(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    public static int lengthOfMonth(long year, int month) {
        return switch (month) {
            case 2 -> isLeapYear(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The stored text form of {@code micros}, which must be {@link #inRange in range}. */
    public static String format(long micros) {
        if (!inRange(micros)) {
            throw new IllegalArgumentException(micros + " µs is outside the years 1–9999");
        }
        long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
        int fraction = (int) Math.floorMod(micros, MICROS_PER_SECOND);
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = Math.floorMod(seconds, SECONDS_PER_DAY);

        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

        char[] text = new char[32];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, month, 2);
        text[7] = '-';
        digits(text, 8, day, 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        text[19] = '.';
        digits(text, 20, fraction, 6);
        text[26] = '+';
        text[27] = '0';
        text[28] = '0';
        text[29] = ':';
        text[30] = '0';
        text[31] = '0';
        return new String(text);
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
