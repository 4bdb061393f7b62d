package org.timesmith.client;

import java.util.Map;

/** Identifies one stored event for annotation: its {@code _id} and the {@code _index} it lives in. */
public record EventRef(String id, String index) {

    /** The reference of a search result row (a map with {@code _id} and {@code _index}). */
    public static EventRef of(Map<String, Object> row) {
        Object id = row.get("_id");
        Object index = row.get("_index");
        if (id == null || index == null) {
            throw new IllegalArgumentException("A result row needs _id and _index to refer to an event: " + row.keySet());
        }
        return new EventRef(id.toString(), index.toString());
    }

    Map<String, Object> wire() {
        return Map.of("_id", id, "_index", index, "_type", "generic_event");
    }
}
