package org.timesmith.core.search;

import java.util.Map;

/** An event as a search returns it: the index it lives in, its id and its (possibly trimmed) source. */
public record StoredEvent(String index, String id, Map<String, Object> source) {

    public long timestamp() {
        Object value = source.get("timestamp");
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
