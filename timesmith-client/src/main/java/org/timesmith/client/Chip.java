package org.timesmith.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A search chip, the UI's "+ time filter" / "+ label filter" elements: each serialises to exactly
 * the five keys {@code field}, {@code type}, {@code operator}, {@code active}, {@code value} (API
 * doc §10.3). {@code operator} is {@code must} (include), {@code must_not} (exclude) or
 * {@code should}.
 */
public sealed interface Chip permits DateRangeChip, DateIntervalChip, TermChip, LabelChip {

    String type();

    String field();

    String value();

    String operator();

    default Map<String, Object> chip() {
        Map<String, Object> chip = new LinkedHashMap<>();
        chip.put("field", field());
        chip.put("type", type());
        chip.put("operator", operator());
        chip.put("active", true);
        chip.put("value", value());
        return chip;
    }

    /** A chip of a known type from its wire form; unknown types are dropped as the Python client does. */
    static Optional<Chip> parse(Map<String, Object> chip) {
        String type = String.valueOf(chip.getOrDefault("type", ""));
        String value = String.valueOf(chip.getOrDefault("value", ""));
        String operator = "must_not".equals(chip.get("operator")) ? "must_not" : "must";
        return switch (type) {
            case "datetime_range" -> {
                String[] sides = value.split(",", 2);
                yield Optional.of(new DateRangeChip(sides[0], sides.length > 1 ? sides[1] : "", operator));
            }
            case "datetime_interval" -> Optional.of(DateIntervalChip.parse(value, operator));
            case "term" -> Optional.of(new TermChip(String.valueOf(chip.getOrDefault("field", "")), value, operator));
            case "label" -> Optional.of(new LabelChip(value, operator));
            default -> Optional.empty();
        };
    }

    static String checkOperator(String operator) {
        return switch (operator) {
            case "must", "must_not", "should" -> operator;
            default -> throw new IllegalArgumentException("A chip operator is must, must_not or should, not " + operator);
        };
    }
}
