package org.timesmith.client;

/** Events whose {@code field} has exactly the value {@code value}; {@link #exclude()} inverts it. */
public record TermChip(String field, String value, String operator) implements Chip {

    public TermChip {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("A term chip needs a field.");
        }
        operator = Chip.checkOperator(operator);
    }

    public static TermChip of(String field, String value) {
        return new TermChip(field, value, "must");
    }

    public TermChip exclude() {
        return new TermChip(field, value, "must_not");
    }

    @Override
    public String type() {
        return "term";
    }
}
