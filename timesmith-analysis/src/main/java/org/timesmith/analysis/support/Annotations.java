package org.timesmith.analysis.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.timesmith.analysis.AnalysisContext;
import org.timesmith.analysis.EventRef;
import org.timesmith.core.search.StoredEvent;

/**
 * The tags, attributes and emojis one run gives each event, gathered while the events stream past
 * and handed to the context at the end in as few calls as possible: events with the same tags are
 * tagged together, events with the same attributes get them together. Emojis are merged with the
 * ones the event already had (read from {@link Emojis#FIELD}), so several rules, or several
 * analyzers, add to the list instead of replacing it. Not thread-safe: one pass at a time.
 * Memory grows with the events annotated, never with the events read.
 */
public final class Annotations {

    /** What one event gets. */
    private static final class Marks {
        final Set<String> tags = new TreeSet<>();
        final Map<String, Object> attributes = new TreeMap<>();
        Set<String> emojis;
    }

    private final Map<EventRef, Marks> byEvent = new LinkedHashMap<>();

    private Marks of(EventRef event) {
        return byEvent.computeIfAbsent(event, e -> new Marks());
    }

    public void tag(EventRef event, Collection<String> tags) {
        if (!tags.isEmpty()) {
            of(event).tags.addAll(tags);
        }
    }

    public void attribute(EventRef event, String name, Object value) {
        of(event).attributes.put(name, value);
    }

    public void attributes(EventRef event, Map<String, ?> attributes) {
        of(event).attributes.putAll(attributes);
    }

    /** The value this run gives the event's attribute so far, if any (so later rules see earlier ones). */
    public java.util.Optional<Object> pending(EventRef event, String name) {
        Marks marks = byEvent.get(event);
        return marks == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(marks.attributes.get(name));
    }

    /** Adds emoji codes to those the event has; the event must have been read with {@link Emojis#FIELD}. */
    public void emojis(StoredEvent event, Collection<String> codes) {
        emojis(EventRef.of(event), event.source().get(Emojis.FIELD), codes);
    }

    /** Adds emoji codes to those the event has ({@code existing}: its {@link Emojis#FIELD} value as read). */
    public void emojis(EventRef event, Object existing, Collection<String> codes) {
        if (codes.isEmpty()) {
            return;
        }
        Marks marks = of(event);
        if (marks.emojis == null) {
            marks.emojis = new LinkedHashSet<>();
            if (existing instanceof Collection<?> list) {
                list.forEach(e -> marks.emojis.add(String.valueOf(e)));
            }
        }
        marks.emojis.addAll(codes);
    }

    /** How many events get something. */
    public int events() {
        return byEvent.size();
    }

    public boolean isEmpty() {
        return byEvent.isEmpty();
    }

    /** Hands everything to the context (buffered there until the run succeeds) and forgets it. */
    public void commit(AnalysisContext context) {
        Map<List<String>, List<EventRef>> byTags = new LinkedHashMap<>();
        Map<Map<String, Object>, List<EventRef>> byAttributes = new LinkedHashMap<>();
        byEvent.forEach((event, marks) -> {
            if (!marks.tags.isEmpty()) {
                byTags.computeIfAbsent(List.copyOf(marks.tags), t -> new ArrayList<>()).add(event);
            }
            Map<String, Object> attributes = new TreeMap<>(marks.attributes);
            if (marks.emojis != null) {
                attributes.put(Emojis.FIELD, List.copyOf(marks.emojis));
            }
            if (!attributes.isEmpty()) {
                byAttributes.computeIfAbsent(attributes, a -> new ArrayList<>()).add(event);
            }
        });
        byTags.forEach((tags, events) -> context.tag(events, tags));
        byAttributes.forEach((attributes, events) -> context.addAttributes(events, attributes));
        byEvent.clear();
    }
}
