package org.timesmith.cli;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.timesmith.core.search.StoredEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes search results one event at a time in one of the output formats of {@code search}, never
 * holding more than a bounded number of events.
 */
sealed interface ResultWriter extends AutoCloseable permits TableWriter, CsvResultWriter, JsonlResultWriter {

    JsonMapper JSON = JsonMapper.builder().build();

    void write(StoredEvent event);

    /** Writes what is still buffered. */
    @Override
    void close();

    /** The value of a source field as text: lists joined with ", ", objects as JSON, dotted paths into nested objects. */
    static String text(Map<String, Object> source, String field) {
        Object value = valueAt(source, field);
        return switch (value) {
            case null -> "";
            case String s -> s;
            case List<?> list -> list.stream().map(ResultWriter::scalarText).collect(Collectors.joining(", "));
            case Map<?, ?> map -> JSON.writeValueAsString(map);
            default -> String.valueOf(value);
        };
    }

    private static String scalarText(Object value) {
        return value instanceof Map<?, ?> || value instanceof List<?> ? JSON.writeValueAsString(value)
                : String.valueOf(value);
    }

    /** The field itself, or the value at its dotted path through nested objects. */
    static Object valueAt(Map<String, Object> source, String field) {
        if (source.containsKey(field)) {
            return source.get(field);
        }
        Object current = source;
        for (String part : field.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }
}
