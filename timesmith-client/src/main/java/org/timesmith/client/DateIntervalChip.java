package org.timesmith.client;

/**
 * Events around a time: value {@code "<date> -<before><unit> +<after><unit>"}, unit one of
 * {@code s m h d}; the default window is five minutes either side.
 */
public record DateIntervalChip(String date, int before, int after, char unit, String operator) implements Chip {

    public DateIntervalChip {
        if ("smhd".indexOf(unit) < 0) {
            throw new IllegalArgumentException("A date interval unit is s, m, h or d, not " + unit);
        }
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("A date interval's before and after are not negative.");
        }
        date = date.strip().replace(' ', 'T');
        operator = Chip.checkOperator(operator);
    }

    public static DateIntervalChip of(String date, int before, int after, char unit) {
        return new DateIntervalChip(date, before, after, unit, "must");
    }

    /** Five minutes either side of {@code date}. */
    public static DateIntervalChip around(String date) {
        return of(date, 5, 5, 'm');
    }

    static DateIntervalChip parse(String value, String operator) {
        String[] parts = value.strip().split("\\s+");
        if (parts.length == 4) {
            parts = new String[] {parts[0] + "T" + parts[1], parts[2], parts[3]};
        }
        if (parts.length != 3 || parts[1].length() < 3 || parts[2].length() < 3) {
            throw new IllegalArgumentException("Not a date interval: " + value);
        }
        char unit = parts[1].charAt(parts[1].length() - 1);
        return new DateIntervalChip(parts[0], Integer.parseInt(parts[1].substring(1, parts[1].length() - 1)),
                Integer.parseInt(parts[2].substring(1, parts[2].length() - 1)), unit, operator);
    }

    @Override
    public String type() {
        return "datetime_interval";
    }

    @Override
    public String field() {
        return "";
    }

    @Override
    public String value() {
        return date + " -" + before + unit + " +" + after + unit;
    }
}
