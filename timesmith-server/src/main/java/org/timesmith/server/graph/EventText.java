package org.timesmith.server.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a value of a Windows event the way it may have been stored: under an attribute an analyzer
 * wrote, under its EventData name (EVTX and JSON imports) or at its position in plaso's
 * {@code strings} list. Blank values and Windows' {@code "-"} placeholder count as absent.
 */
final class EventText {

    private EventText() {
    }

    /** The first present value among the named fields, then {@code strings[index]} (a negative index skips it). */
    static Optional<String> first(Map<String, Object> source, int stringsIndex, String... names) {
        for (String name : names) {
            Optional<String> value = text(source.get(name));
            if (value.isPresent()) {
                return value;
            }
        }
        if (stringsIndex >= 0 && source.get("strings") instanceof List<?> strings && stringsIndex < strings.size()) {
            return text(strings.get(stringsIndex));
        }
        return Optional.empty();
    }

    /** The Windows event id from {@code event_identifier} or {@code EventID}. */
    static OptionalLong eventId(Map<String, Object> source) {
        return first(source, -1, "event_identifier", "EventID").map(EventText::parseLong)
                .filter(OptionalLong::isPresent).orElse(OptionalLong.empty());
    }

    private static OptionalLong parseLong(String text) {
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<String> text(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? Optional.empty() : text(list.getFirst());
        }
        if (value == null || value instanceof Map<?, ?>) {
            return Optional.empty();
        }
        String text = value instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue()) : value.toString().trim();
        return text.isEmpty() || text.equals("-") ? Optional.empty() : Optional.of(text);
    }
}
