package org.timesmith.client;

/**
 * Events between two times: value {@code "<start>,<end>"}. A date-only start means its first
 * second and a date-only end its last; a trailing {@code Z} is dropped (times are UTC).
 */
public record DateRangeChip(String startTime, String endTime, String operator) implements Chip {

    public DateRangeChip {
        startTime = normalise(startTime, "T00:00:00");
        endTime = normalise(endTime, "T23:59:59");
        operator = Chip.checkOperator(operator);
    }

    public static DateRangeChip of(String startTime, String endTime) {
        return new DateRangeChip(startTime, endTime, "must");
    }

    private static String normalise(String time, String dayPart) {
        String text = time.strip();
        if (text.endsWith("Z")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return text + dayPart;
        }
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?")) {
            throw new IllegalArgumentException("A date range chip takes YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.fff] times, not "
                    + time);
        }
        return text;
    }

    @Override
    public String type() {
        return "datetime_range";
    }

    @Override
    public String field() {
        return "";
    }

    @Override
    public String value() {
        return startTime + "," + endTime;
    }
}
