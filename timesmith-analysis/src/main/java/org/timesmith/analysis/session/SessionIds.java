package org.timesmith.analysis.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.timesmith.analysis.AttributeBatch;
import org.timesmith.analysis.EventRef;
import org.timesmith.core.search.StoredEvent;

/**
 * Timesketch's {@code session_id} attribute: one object per event holding a value per session type
 * (for example {@code {"all_events": 3, "web_activity": 1}}). Setting an attribute replaces the
 * whole object, so a sessionizer must keep the types other sessionizers wrote; this is that merge.
 */
final class SessionIds {

    static final String FIELD = "session_id";
    /** What a sessionizer reads of each event: the time, and the session ids already there. */
    static final List<String> FIELDS = List.of("timestamp", FIELD);

    private SessionIds() {
    }

    /** The event's {@code session_id} with {@code type} set to {@code value}, other types kept. */
    static Map<String, Object> with(StoredEvent event, String type, Object value) {
        Map<String, Object> merged = new TreeMap<>();
        if (event.source().get(FIELD) instanceof Map<?, ?> existing) {
            existing.forEach((k, v) -> merged.put(String.valueOf(k), v));
        }
        merged.put(type, value);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put(FIELD, merged);
        return attributes;
    }

    /** Queues the event's merged session id in the batch. */
    static void annotate(AttributeBatch batch, StoredEvent event, String type, Object value) {
        batch.add(EventRef.of(event), with(event, type, value));
    }

    /** The saved search listing every event of the session type. */
    static String query(String type) {
        return FIELD + "." + type + ":*";
    }
}
