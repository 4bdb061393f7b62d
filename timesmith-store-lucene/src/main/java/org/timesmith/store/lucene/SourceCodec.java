package org.timesmith.store.lucene;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Stores an event's source as compact JSON bytes, the same shape OpenSearch returns as {@code _source}. */
final class SourceCodec {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final JsonMapper mapper = new JsonMapper();
    /** Reads one value in the middle of a source (the rest of the object follows it). */
    private final ObjectReader valueReader = mapper.readerFor(Object.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final ThreadLocal<JsonSourceWriter> WRITERS = ThreadLocal.withInitial(JsonSourceWriter::new);

    byte[] encode(Map<String, Object> source) {
        byte[] json = WRITERS.get().write(source);
        return json != null ? json : mapper.writeValueAsBytes(source);
    }

    Map<String, Object> decode(byte[] bytes, int offset, int length) {
        return mapper.readValue(bytes, offset, length, MAP);
    }

    /**
     * Only the given top-level keys of the source (skipping the other values without building them):
     * for streams that return a few fields of every event.
     */
    Map<String, Object> decode(byte[] bytes, int offset, int length, Set<String> keys) {
        Map<String, Object> source = new LinkedHashMap<>();
        try (JsonParser parser = mapper.createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return decode(bytes, offset, length);
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (keys.contains(name)) {
                    source.put(name, valueReader.readValue(parser));
                } else {
                    parser.skipChildren();
                }
            }
        }
        return source;
    }

    /**
     * The top-level source keys {@link #project} may read for these fields: each field and each of
     * its dotted prefixes (a dotted name is a key of its own or a path into nested objects), and
     * the timestamp, which results are ordered by.
     */
    static Set<String> keysFor(List<String> fields) {
        Set<String> keys = new HashSet<>();
        keys.add(org.timesmith.core.event.Event.TIMESTAMP);
        for (String field : fields) {
            keys.add(field);
            for (int dot = field.indexOf('.'); dot > 0; dot = field.indexOf('.', dot + 1)) {
                keys.add(field.substring(0, dot));
            }
        }
        return keys;
    }

    /**
     * Keeps only the requested fields; a dotted name selects inside nested objects and keeps the
     * nesting, as OpenSearch's {@code _source} filtering does.
     */
    static Map<String, Object> project(Map<String, Object> source, List<String> fields) {
        if (fields.isEmpty()) {
            return source;
        }
        Map<String, Object> projected = new LinkedHashMap<>();
        for (String field : fields) {
            copyPath(source, projected, field);
        }
        return projected;
    }

    @SuppressWarnings("unchecked")
    private static void copyPath(Map<String, Object> from, Map<String, Object> to, String path) {
        if (from.containsKey(path)) {
            to.put(path, from.get(path));
            return;
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            String head = path.substring(0, dot);
            if (from.get(head) instanceof Map<?, ?> child) {
                Object existing = to.get(head);
                Map<String, Object> target = existing instanceof Map<?, ?> m
                        ? (Map<String, Object>) m : new LinkedHashMap<>();
                copyPath((Map<String, Object>) child, target, path.substring(dot + 1));
                if (!target.isEmpty()) {
                    to.put(head, target);
                }
                return;
            }
            dot = path.indexOf('.', dot + 1);
        }
    }
}
