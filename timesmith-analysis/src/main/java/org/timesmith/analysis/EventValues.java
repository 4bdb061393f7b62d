package org.timesmith.analysis;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reading typed values out of an event's source, where the same field arrives as a number from
 * one importer and as text from another (plaso gives {@code event_identifier} as a number, a CSV
 * import as {@code "4624"}); analyzers use these instead of casting, so a bad value is a skipped
 * event rather than a failed run.
 */
public final class EventValues {

    private EventValues() {
    }

    /** The value as trimmed, non-blank text. */
    public static Optional<String> text(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** The value as a whole number: a number, or text holding one (a trailing {@code .0} allowed). */
    public static OptionalLong number(Object value) {
        if (value instanceof Number n) {
            return OptionalLong.of(n.longValue());
        }
        Optional<String> text = text(value);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        String digits = text.get().endsWith(".0") ? text.get().substring(0, text.get().length() - 2) : text.get();
        try {
            return OptionalLong.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
