package org.timesmith.server.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Aggregation;
import org.timesmith.core.search.AggregationResult;
import org.timesmith.core.search.EventUpdate;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchAfter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SearchResult;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.core.store.BulkWriter;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;
import org.timesmith.core.store.StoreException;
import tools.jackson.databind.JsonNode;

/**
 * A small event store kept in memory, for server tests until the Lucene store is in the build.
 * Query strings: whitespace-separated terms ANDed, {@code field:value} or a bare word matched
 * case-insensitively as a substring, {@code *} matches all. DSL: bool, term, match, match_phrase,
 * range, match_all, query_string.
 */
public final class InMemoryEventStore implements EventStore {

    private final Map<String, Map<String, Map<String, Object>>> indices = new HashMap<>();

    @Override
    public synchronized void createIndex(String index) {
        indices.computeIfAbsent(index, k -> new LinkedHashMap<>());
    }

    @Override
    public synchronized boolean indexExists(String index) {
        return indices.containsKey(index);
    }

    @Override
    public synchronized void deleteIndex(String index) {
        indices.remove(index);
    }

    @Override
    public BulkWriter bulkWriter(String index) {
        createIndex(index);
        return new BulkWriter() {
            private long written;

            @Override
            public void add(Event event) {
                synchronized (InMemoryEventStore.this) {
                    docs(index).put(event.id(), new LinkedHashMap<>(event.source()));
                }
                written++;
            }

            @Override
            public void flush() {
            }

            @Override
            public long written() {
                return written;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public synchronized Optional<StoredEvent> get(String index, String eventId) {
        Map<String, Object> source = docs(index).get(eventId);
        return source == null ? Optional.empty() : Optional.of(new StoredEvent(index, eventId, new LinkedHashMap<>(source)));
    }

    @Override
    public synchronized SearchResult search(SearchRequest request) {
        List<StoredEvent> all = matches(request);
        int start = request.from();
        if (request.after().isPresent()) {
            SearchAfter after = request.after().get();
            Comparator<StoredEvent> order = order(request.order());
            StoredEvent marker = new StoredEvent("", after.id(), Map.of("timestamp", after.timestamp()));
            start = 0;
            while (start < all.size() && order.compare(all.get(start), marker) <= 0) {
                start++;
            }
        }
        int end = Math.min(all.size(), start + request.size());
        List<StoredEvent> page = new ArrayList<>();
        for (int i = start; i < end; i++) {
            page.add(project(all.get(i), request.fields()));
        }
        Optional<SearchAfter> next = end < all.size() && !page.isEmpty()
                ? Optional.of(new SearchAfter(all.get(end - 1).timestamp(), all.get(end - 1).id())) : Optional.empty();
        return new SearchResult(all.size(), page, next, 1);
    }

    @Override
    public synchronized long count(SearchRequest request) {
        return matches(request).size();
    }

    @Override
    public synchronized EventStream stream(SearchRequest request) {
        Iterator<StoredEvent> it = matches(request).stream().map(e -> project(e, request.fields())).toList().iterator();
        return new EventStream() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public StoredEvent next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public synchronized AggregationResult aggregate(SearchRequest request, Aggregation aggregation) {
        List<StoredEvent> all = matches(request);
        return switch (aggregation) {
            case Aggregation.Terms terms -> {
                Map<String, Long> counts = new HashMap<>();
                for (StoredEvent e : all) {
                    Object value = e.source().get(terms.field());
                    List<?> values = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
                    values.forEach(v -> counts.merge(String.valueOf(v), 1L, Long::sum));
                }
                List<AggregationResult.TermBucket> buckets = counts.entrySet().stream()
                        .map(en -> new AggregationResult.TermBucket(en.getKey(), en.getValue()))
                        .sorted(Comparator.comparingLong(AggregationResult.TermBucket::count).reversed()
                                .thenComparing(AggregationResult.TermBucket::key)).toList();
                List<AggregationResult.TermBucket> top = buckets.subList(0, Math.min(terms.size(), buckets.size()));
                long other = buckets.stream().skip(top.size()).mapToLong(AggregationResult.TermBucket::count).sum();
                yield new AggregationResult.Terms(List.copyOf(top), other);
            }
            case Aggregation.DateHistogram histogram -> {
                long interval = histogram.intervalMicros().orElse(86_400_000_000L);
                TreeMap<Long, Long> counts = new TreeMap<>();
                for (StoredEvent e : all) {
                    counts.merge(Math.floorDiv(e.timestamp(), interval) * interval, 1L, Long::sum);
                }
                List<AggregationResult.TimeBucket> buckets = new ArrayList<>();
                if (!counts.isEmpty()) {
                    for (long t = counts.firstKey(); t <= counts.lastKey(); t += interval) {
                        buckets.add(new AggregationResult.TimeBucket(t, counts.getOrDefault(t, 0L)));
                    }
                }
                yield new AggregationResult.DateHistogram(interval, buckets);
            }
            case Aggregation.FilteredCounts filtered -> {
                Map<String, Long> counts = new LinkedHashMap<>();
                filtered.queries().forEach((name, q) ->
                        counts.put(name, all.stream().filter(e -> queryString(q).test(e.source())).count()));
                yield new AggregationResult.FilteredCounts(counts);
            }
        };
    }

    @Override
    public synchronized long update(String index, Collection<String> eventIds, EventUpdate update) {
        long n = 0;
        for (String id : eventIds) {
            Map<String, Object> source = docs(index).get(id);
            if (source != null) {
                apply(source, update);
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized long updateByQuery(SearchRequest request, EventUpdate update) {
        List<StoredEvent> all = matches(request);
        all.forEach(e -> apply(docs(e.index()).get(e.id()), update));
        return all.size();
    }

    @Override
    public synchronized long deleteTimeline(String index, long timelineId) {
        Map<String, Map<String, Object>> docs = docs(index);
        int before = docs.size();
        docs.values().removeIf(s -> s.get(Event.TIMELINE_ID) instanceof Number n && n.longValue() == timelineId);
        return before - docs.size();
    }

    @Override
    public void refresh(String index) {
    }

    @Override
    public synchronized SortedSet<String> fieldNames(Collection<String> names) {
        SortedSet<String> fields = new TreeSet<>();
        for (String index : names) {
            docs(index).values().forEach(s -> collect("", s, fields));
        }
        return fields;
    }

    @Override
    public void close() {
    }

    private static void collect(String prefix, Map<?, ?> map, SortedSet<String> fields) {
        map.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested && !Event.LABEL.equals(k)) {
                collect(prefix + k + ".", nested, fields);
            } else {
                fields.add(prefix + k);
            }
        });
    }

    private Map<String, Map<String, Object>> docs(String index) {
        Map<String, Map<String, Object>> docs = indices.get(index);
        if (docs == null) {
            throw new StoreException("no such index: " + index);
        }
        return docs;
    }

    private List<StoredEvent> matches(SearchRequest request) {
        Predicate<Map<String, Object>> match = request.query().map(InMemoryEventStore::queryString).orElse(s -> true);
        if (request.dsl().isPresent()) {
            match = match.and(dsl(request.dsl().get()));
        }
        for (Filter filter : request.filters()) {
            Predicate<Map<String, Object>> p = filter(filter);
            match = match.and(filter.exclude() ? p.negate() : p);
        }
        List<StoredEvent> result = new ArrayList<>();
        for (String index : request.indices()) {
            for (Map.Entry<String, Map<String, Object>> doc : docs(index).entrySet()) {
                if (match.test(doc.getValue())) {
                    result.add(new StoredEvent(index, doc.getKey(), doc.getValue()));
                }
            }
        }
        result.sort(order(request.order()));
        return result;
    }

    private static Comparator<StoredEvent> order(SortOrder order) {
        Comparator<StoredEvent> byTime = Comparator.comparingLong(StoredEvent::timestamp);
        if (order == SortOrder.DESC) {
            byTime = byTime.reversed();
        }
        return byTime.thenComparing(StoredEvent::id);
    }

    private static StoredEvent project(StoredEvent event, List<String> fields) {
        Map<String, Object> copy = new LinkedHashMap<>();
        event.source().forEach((k, v) -> {
            if (fields.isEmpty() || fields.contains(k)) {
                copy.put(k, v instanceof List<?> list ? new ArrayList<>(list) : v);
            }
        });
        return new StoredEvent(event.index(), event.id(), copy);
    }

    private static Predicate<Map<String, Object>> filter(Filter filter) {
        return switch (filter) {
            case Filter.Timelines t -> s -> s.get(Event.TIMELINE_ID) instanceof Number n && t.timelineIds().contains(n.longValue());
            case Filter.Term t -> s -> values(s.get(t.field())).stream().anyMatch(v -> v.equals(t.value()));
            case Filter.Label l -> s -> labels(s).stream().anyMatch(m -> l.name().equals(m.get("name"))
                    && m.get("sketch_id") instanceof Number n && n.longValue() == l.sketchId());
            case Filter.TimeRange r -> s -> {
                long t = ((Number) s.get(Event.TIMESTAMP)).longValue();
                return t >= r.startMicros() && t <= r.endMicros();
            };
            case Filter.Query q -> queryString(q.queryString());
        };
    }

    private static Predicate<Map<String, Object>> queryString(String query) {
        Predicate<Map<String, Object>> all = s -> true;
        for (String token : query.trim().split("\\s+")) {
            if (token.isEmpty() || token.equals("*") || token.equals("AND")) {
                continue;
            }
            int colon = token.indexOf(':');
            if (colon > 0) {
                String field = token.substring(0, colon);
                String value = unquote(token.substring(colon + 1)).toLowerCase(Locale.ROOT);
                all = all.and(s -> values(s.get(field)).stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(value)));
            } else {
                String value = unquote(token).toLowerCase(Locale.ROOT);
                all = all.and(s -> s.values().stream().flatMap(v -> values(v).stream())
                        .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(value)));
            }
        }
        return all;
    }

    private static Predicate<Map<String, Object>> dsl(JsonNode node) {
        if (node.has("bool")) {
            JsonNode bool = node.get("bool");
            Predicate<Map<String, Object>> p = s -> true;
            for (String clause : List.of("must", "filter")) {
                for (JsonNode q : list(bool.get(clause))) {
                    p = p.and(dsl(q));
                }
            }
            for (JsonNode q : list(bool.get("must_not"))) {
                p = p.and(dsl(q).negate());
            }
            List<JsonNode> should = list(bool.get("should"));
            if (!should.isEmpty()) {
                Predicate<Map<String, Object>> any = s -> false;
                for (JsonNode q : should) {
                    any = any.or(dsl(q));
                }
                p = p.and(any);
            }
            return p;
        }
        if (node.has("match_all")) {
            return s -> true;
        }
        if (node.has("query_string")) {
            return queryString(node.get("query_string").get("query").asString());
        }
        for (String kind : List.of("term", "match", "match_phrase")) {
            if (node.has(kind)) {
                Map.Entry<String, JsonNode> entry = node.get(kind).properties().iterator().next();
                JsonNode valueNode = entry.getValue().isObject()
                        ? entry.getValue().has("value") ? entry.getValue().get("value") : entry.getValue().get("query")
                        : entry.getValue();
                String field = entry.getKey().replace(".keyword", "");
                String value = valueNode.asString();
                return kind.equals("term") ? s -> values(s.get(field)).contains(value)
                        : s -> values(s.get(field)).stream().anyMatch(v -> v.toLowerCase(Locale.ROOT)
                        .contains(value.toLowerCase(Locale.ROOT)));
            }
        }
        if (node.has("range")) {
            Map.Entry<String, JsonNode> entry = node.get("range").properties().iterator().next();
            JsonNode bounds = entry.getValue();
            String field = entry.getKey();
            return s -> {
                Object raw = s.get(field);
                if (!(raw instanceof Number n)) {
                    return false;
                }
                long v = n.longValue();
                return (!bounds.has("gte") || v >= bounds.get("gte").asLong())
                        && (!bounds.has("lte") || v <= bounds.get("lte").asLong())
                        && (!bounds.has("gt") || v > bounds.get("gt").asLong())
                        && (!bounds.has("lt") || v < bounds.get("lt").asLong());
            };
        }
        throw new StoreException("unsupported query DSL: " + node);
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node == null) {
            return list;
        }
        if (node.isArray()) {
            node.forEach(list::add);
        } else {
            list.add(node);
        }
        return list;
    }

    private static String unquote(String text) {
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }

    private static List<String> values(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> labels(Map<String, Object> source) {
        Object labels = source.get(Event.LABEL);
        return labels instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Object> source, EventUpdate update) {
        switch (update) {
            case EventUpdate.AddLabel add -> {
                List<Map<String, Object>> labels = new ArrayList<>(labels(source));
                boolean present = labels.stream().anyMatch(m -> add.label().name().equals(m.get("name"))
                        && ((Number) m.get("sketch_id")).longValue() == add.label().sketchId());
                if (!present) {
                    Map<String, Object> label = new LinkedHashMap<>();
                    label.put("name", add.label().name());
                    label.put("sketch_id", add.label().sketchId());
                    label.put("user_id", add.label().userId());
                    labels.add(label);
                }
                source.put(Event.LABEL, labels);
            }
            case EventUpdate.RemoveLabel remove -> {
                List<Map<String, Object>> labels = new ArrayList<>(labels(source));
                labels.removeIf(m -> remove.label().name().equals(m.get("name"))
                        && ((Number) m.get("sketch_id")).longValue() == remove.label().sketchId());
                source.put(Event.LABEL, labels);
            }
            case EventUpdate.AddTags add -> {
                List<Object> tags = source.get(Event.TAG) instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
                add.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
                source.put(Event.TAG, tags);
            }
            case EventUpdate.RemoveTags remove -> {
                List<Object> tags = source.get(Event.TAG) instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
                tags.removeAll(remove.tags());
                source.put(Event.TAG, tags);
            }
            case EventUpdate.SetAttributes set -> source.putAll((Map<String, Object>) (Map<?, ?>) set.attributes());
        }
    }
}
