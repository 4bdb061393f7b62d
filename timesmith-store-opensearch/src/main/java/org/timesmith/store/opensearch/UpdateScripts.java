package org.timesmith.store.opensearch;

import org.timesmith.core.event.Event;
import org.timesmith.core.search.EventUpdate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Painless scripts applying an {@link EventUpdate} to a stored source, the same edits the embedded
 * store makes. An update that changes nothing (a label already there, a tag already absent) is a
 * no-op, so OpenSearch does not rewrite the document. Every script is idempotent, which lets a
 * conflicted update-by-query simply run again.
 */
final class UpdateScripts {

    private static final String AS_LIST = """
            def list(def source, String field) {
              def value = source[field];
              if (value == null) { return new ArrayList(); }
              if (value instanceof List) { return value; }
              def list = new ArrayList(); list.add(value); return list;
            }
            """;

    private static final String ADD_LABEL = AS_LIST + """
            def labels = list(ctx._source, params.field);
            for (def l : labels) {
              if (l instanceof Map && l.name == params.name && l.sketch_id != null
                  && ((Number) l.sketch_id).longValue() == ((Number) params.sketch_id).longValue()) {
                ctx.op = 'noop'; return;
              }
            }
            labels.add(['name': params.name, 'sketch_id': params.sketch_id, 'user_id': params.user_id]);
            ctx._source[params.field] = labels;
            """;

    private static final String REMOVE_LABEL = AS_LIST + """
            def labels = list(ctx._source, params.field);
            boolean removed = labels.removeIf(l -> l instanceof Map && l.name == params.name && l.sketch_id != null
                && ((Number) l.sketch_id).longValue() == ((Number) params.sketch_id).longValue());
            if (!removed) { ctx.op = 'noop'; return; }
            ctx._source[params.field] = labels;
            """;

    private static final String ADD_TAGS = AS_LIST + """
            def tags = list(ctx._source, params.field);
            boolean changed = false;
            for (def tag : params.tags) {
              if (!tags.contains(tag)) { tags.add(tag); changed = true; }
            }
            if (!changed) { ctx.op = 'noop'; return; }
            ctx._source[params.field] = tags;
            """;

    private static final String REMOVE_TAGS = AS_LIST + """
            def tags = list(ctx._source, params.field);
            if (!tags.removeAll(params.tags)) { ctx.op = 'noop'; return; }
            ctx._source[params.field] = tags;
            """;

    private static final String SET_ATTRIBUTES = "ctx._source.putAll(params.attributes);";

    private UpdateScripts() {
    }

    /** The {@code script} object for the update. */
    static ObjectNode script(EventUpdate update) {
        ObjectNode script = ClusterClient.JSON.createObjectNode().put("lang", "painless");
        ObjectNode params = script.putObject("params");
        String source = switch (update) {
            case EventUpdate.AddLabel add -> {
                label(params, add.label());
                yield ADD_LABEL;
            }
            case EventUpdate.RemoveLabel remove -> {
                label(params, remove.label());
                yield REMOVE_LABEL;
            }
            case EventUpdate.AddTags add -> {
                tags(params, add.tags());
                yield ADD_TAGS;
            }
            case EventUpdate.RemoveTags remove -> {
                tags(params, remove.tags());
                yield REMOVE_TAGS;
            }
            case EventUpdate.SetAttributes set -> {
                params.set("attributes", ClusterClient.JSON.valueToTree(set.attributes()));
                yield SET_ATTRIBUTES;
            }
        };
        script.put("source", source);
        return script;
    }

    private static void label(ObjectNode params, org.timesmith.core.event.Label label) {
        params.put("field", Event.LABEL).put("name", label.name()).put("sketch_id", label.sketchId())
                .put("user_id", label.userId());
    }

    private static void tags(ObjectNode params, java.util.List<String> tags) {
        params.put("field", Event.TAG);
        ArrayNode values = params.putArray("tags");
        tags.forEach(values::add);
    }
}
