package org.timesmith.server.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.timesmith.core.reader.EventReader;
import org.timesmith.core.reader.ReadItem;
import org.timesmith.core.reader.SourceRecord;
import org.timesmith.server.api.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The upload form's {@code headersMapping} (§11.2, §12.1): a JSON list of
 * {@code {"target": …, "source": [..] | null, "default_value": …}} applied to every record before
 * normalisation. One source renames a column to the target; several sources combine into one text
 * {@code "a: 1 | b: 2"}; no source fills the target with {@code default_value} where the record has
 * none. {@link #parse} refuses anything ambiguous with a 400 naming the entry, so a mapping problem
 * is reported to the uploader instead of failing the import later.
 */
public record HeadersMapping(List<Entry> entries) {

    /** One mapping: where the target column's value comes from. */
    public record Entry(String target, List<String> sources, Optional<String> defaultValue) {
    }

    public static final HeadersMapping NONE = new HeadersMapping(List.of());

    public HeadersMapping {
        entries = List.copyOf(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Parses the form value; blank means no mapping. */
    public static HeadersMapping parse(String text, ObjectMapper json) {
        if (text == null || text.isBlank() || text.strip().equals("null")) {
            return NONE;
        }
        JsonNode list;
        try {
            list = json.readTree(text);
        } catch (JacksonException e) {
            throw ApiException.badRequest("headersMapping is not valid JSON: " + e.getOriginalMessage());
        }
        if (!list.isArray()) {
            throw ApiException.badRequest("headersMapping must be a JSON list of {target, source, default_value}.");
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String where = "headersMapping[" + i + "]";
            if (!item.isObject()) {
                throw ApiException.badRequest(where + " must be an object with target, source and default_value.");
            }
            String target = item.path("target").isString() ? item.get("target").asString().strip() : "";
            if (target.isEmpty()) {
                throw ApiException.badRequest(where + ": target must be a non-empty column name.");
            }
            if (!targets.add(target)) {
                throw ApiException.badRequest(where + ": the target " + target + " is mapped twice.");
            }
            List<String> sources = new ArrayList<>();
            JsonNode source = item.get("source");
            if (source != null && !source.isNull()) {
                if (!source.isArray()) {
                    throw ApiException.badRequest(where + ": source must be a list of column names or null.");
                }
                for (JsonNode name : source) {
                    if (!name.isString() || name.asString().isBlank()) {
                        throw ApiException.badRequest(where + ": source must hold non-empty column names.");
                    }
                    sources.add(name.asString());
                }
            }
            JsonNode value = item.get("default_value");
            Optional<String> defaultValue = value == null || value.isNull() ? Optional.empty()
                    : Optional.of(value.isString() ? value.asString() : value.toString());
            if (sources.isEmpty() && defaultValue.isEmpty()) {
                throw ApiException.badRequest(where + ": " + target
                        + " needs a source column or a default_value.");
            }
            entries.add(new Entry(target, sources, defaultValue));
        }
        return new HeadersMapping(entries);
    }

    /** The source columns the mapping reads. */
    public Set<String> sourceColumns() {
        Set<String> columns = new HashSet<>();
        entries.forEach(e -> columns.addAll(e.sources()));
        return columns;
    }

    /** The columns a record has after the mapping, given the columns it had. */
    public Set<String> columnsAfter(Set<String> columns) {
        Set<String> after = new HashSet<>(columns);
        for (Entry entry : entries) {
            if (entry.sources().size() == 1) {
                after.remove(entry.sources().getFirst());
            }
            after.add(entry.target());
        }
        return after;
    }

    /** The record's fields with the mapping applied (a new map; the input is left as it was). */
    public Map<String, Object> apply(Map<String, Object> fields) {
        if (entries.isEmpty()) {
            return fields;
        }
        Map<String, Object> mapped = new LinkedHashMap<>(fields);
        for (Entry entry : entries) {
            if (entry.sources().size() == 1) {
                String source = entry.sources().getFirst();
                if (fields.containsKey(source)) {
                    mapped.remove(source);
                    mapped.put(entry.target(), fields.get(source));
                    continue;
                }
            } else if (entry.sources().size() > 1) {
                StringJoiner combined = new StringJoiner(" | ");
                for (String source : entry.sources()) {
                    if (fields.get(source) != null) {
                        combined.add(source + ": " + fields.get(source));
                    }
                }
                if (combined.length() > 0) {
                    mapped.put(entry.target(), combined.toString());
                    continue;
                }
            }
            if (entry.defaultValue().isPresent() && isBlank(mapped.get(entry.target()))) {
                mapped.put(entry.target(), entry.defaultValue().get());
            }
        }
        return mapped;
    }

    /** The reader's records with the mapping applied; rejections pass unchanged. */
    public EventReader wrap(EventReader reader) {
        if (entries.isEmpty()) {
            return reader;
        }
        return new EventReader() {
            @Override
            public boolean hasNext() {
                return reader.hasNext();
            }

            @Override
            public ReadItem next() {
                ReadItem item = reader.next();
                return item instanceof SourceRecord r ? new SourceRecord(r.recordNumber(), r.line(), apply(r.fields()))
                        : item;
            }

            @Override
            public long bytesRead() {
                return reader.bytesRead();
            }

            @Override
            public long invalidCharactersReplaced() {
                return reader.invalidCharactersReplaced();
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    private static boolean isBlank(Object value) {
        return value == null || (value instanceof String s && s.isBlank());
    }

    /** The mapping as JSON text, as stored with the data source. */
    public String toJson() {
        if (entries.isEmpty()) {
            return "";
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Entry entry : entries) {
            ObjectNode item = list.addObject();
            item.put("target", entry.target());
            if (entry.sources().isEmpty()) {
                item.putNull("source");
            } else {
                entry.sources().forEach(item.putArray("source")::add);
            }
            entry.defaultValue().ifPresentOrElse(v -> item.put("default_value", v), () -> item.putNull("default_value"));
        }
        return list.toString();
    }
}
