package org.timesmith.store.lucene;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.timesmith.core.event.Event;
import org.timesmith.core.event.Label;
import org.timesmith.core.search.EventUpdate;

/** Applies an {@link EventUpdate} to a decoded source document, the way Timesketch edits events. */
final class SourceUpdates {

    private SourceUpdates() {
    }

    static void apply(Map<String, Object> source, EventUpdate update) {
        switch (update) {
            case EventUpdate.AddLabel add -> {
                List<Object> labels = list(source, Event.LABEL);
                if (labels.stream().noneMatch(l -> sameLabel(l, add.label()))) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", add.label().name());
                    entry.put("sketch_id", add.label().sketchId());
                    entry.put("user_id", add.label().userId());
                    labels.add(entry);
                }
                source.put(Event.LABEL, labels);
            }
            case EventUpdate.RemoveLabel remove -> {
                List<Object> labels = list(source, Event.LABEL);
                labels.removeIf(l -> sameLabel(l, remove.label()));
                source.put(Event.LABEL, labels);
            }
            case EventUpdate.AddTags add -> {
                List<Object> tags = list(source, Event.TAG);
                for (String tag : add.tags()) {
                    if (!tags.contains(tag)) {
                        tags.add(tag);
                    }
                }
                source.put(Event.TAG, tags);
            }
            case EventUpdate.RemoveTags remove -> {
                List<Object> tags = list(source, Event.TAG);
                tags.removeAll(remove.tags());
                source.put(Event.TAG, tags);
            }
            case EventUpdate.SetAttributes set -> source.putAll(set.attributes());
        }
    }

    private static boolean sameLabel(Object entry, Label label) {
        return entry instanceof Map<?, ?> map && label.name().equals(map.get("name"))
                && map.get("sketch_id") instanceof Number sketch && sketch.longValue() == label.sketchId();
    }

    private static List<Object> list(Map<String, Object> source, String field) {
        Object value = source.get(field);
        List<Object> list = new ArrayList<>();
        if (value instanceof List<?> existing) {
            list.addAll(existing);
        } else if (value != null) {
            list.add(value);
        }
        return list;
    }
}
