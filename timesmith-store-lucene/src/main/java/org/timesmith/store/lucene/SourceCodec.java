package org.timesmith.store.lucene;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores an event's source as compact JSON bytes, the same shape OpenSearch returns as {@code _source}. */
final class SourceCodec {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final JsonMapper mapper = new JsonMapper();

    private static final ThreadLocal<JsonSourceWriter> WRITERS = ThreadLocal.withInitial(JsonSourceWriter::new);

    byte[] encode(Map<String, Object> source) {
        byte[] json = WRITERS.get().write(source);
        return json != null ? json : mapper.writeValueAsBytes(source);
    }

    Map<String, Object> decode(byte[] bytes, int offset, int length) {
        return mapper.readValue(bytes, offset, length, MAP);
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
