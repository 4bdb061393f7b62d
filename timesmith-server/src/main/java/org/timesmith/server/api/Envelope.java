package org.timesmith.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Timesketch response envelope {@code {"meta": {...}, "objects": [...]}} in its three shapes:
 * one model ({@code objects: [m]}), a nested list of models ({@code objects: [[m1, m2]]}, or
 * {@code []} when empty) and the flat lists of hand-built endpoints.
 */
public final class Envelope {

    private Envelope() {
    }

    public static Map<String, Object> single(Map<String, ?> meta, Object model) {
        return of(meta, List.of(model));
    }

    public static Map<String, Object> nested(Map<String, ?> meta, List<?> models) {
        return of(meta, models.isEmpty() ? List.of() : List.of(models));
    }

    public static Map<String, Object> flat(Map<String, ?> meta, List<?> objects) {
        return of(meta, objects);
    }

    public static Map<String, Object> metaOnly(Map<String, ?> meta) {
        return of(meta, List.of());
    }

    private static Map<String, Object> of(Map<String, ?> meta, Object objects) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meta", meta);
        body.put("objects", objects);
        return body;
    }
}
