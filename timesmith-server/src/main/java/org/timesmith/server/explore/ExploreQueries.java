package org.timesmith.server.explore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.store.EventStore;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineRepository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The filters of explore (§10): turns the Timesketch request body (query string, DSL, filter with
 * chips, indices, fields, order, size, scroll) into an {@link ExploreQuery}: one store request
 * limited to the sketch's ready timelines. Search, counts, exports, aggregations, stories and bulk
 * annotation all parse their requests here, so they all see the same matches.
 */
@Service
public class ExploreQueries {

    public static final int MAX_PAGE = 10_000;
    private static final int DEFAULT_PAGE = 40;

    private final TimelineRepository timelines;
    private final EventStore store;
    private final ObjectMapper json;
    private final ScrollContexts scrolls;

    ExploreQueries(TimelineRepository timelines, EventStore store, ObjectMapper json, ScrollContexts scrolls) {
        this.timelines = timelines;
        this.store = store;
        this.json = json;
        this.scrolls = scrolls;
    }

    /** The sketch's searchable (ready) timelines by index name; indices missing from the store are left out. */
    public Map<String, List<Timeline>> searchableTimelines(long sketchId) {
        Map<String, List<Timeline>> byIndex = new LinkedHashMap<>();
        Map<String, Boolean> exists = new HashMap<>();
        for (TimelineRepository.IndexedTimeline indexed : timelines.timelinesWithIndex(sketchId, Timeline.READY)) {
            if (exists.computeIfAbsent(indexed.indexName(), store::indexExists)) {
                byIndex.computeIfAbsent(indexed.indexName(), k -> new ArrayList<>()).add(indexed.timeline());
            }
        }
        return byIndex;
    }

    /**
     * The {@code __ts_timeline_id} values the timelines show, each mapped to the timeline showing it:
     * a timeline's own id, and for a timeline added for a shared index the ids its events carry.
     */
    public Map<Long, Long> shownAs(Map<String, List<Timeline>> selected) {
        List<Long> ids = selected.values().stream().flatMap(List::stream).map(Timeline::id).toList();
        Map<Long, Long> shownAs = new LinkedHashMap<>();
        // Own ids first, so an event stamped with a selected timeline's id is always shown as that timeline.
        ids.forEach(id -> shownAs.put(id, id));
        timelines.eventTimelineIds(ids).forEach((timeline, shown) -> shown.forEach(id -> shownAs.putIfAbsent(id, timeline)));
        return shownAs;
    }

    /** Parses an explore body; 400 for anything malformed or when no timeline of the sketch is selected. */
    public ExploreQuery parse(SketchAccess access, JsonNode rawBody) {
        JsonNode body = rawBody == null ? JsonNodeFactory.instance.objectNode() : rawBody;
        JsonNode filter = body.get("filter");
        if (filter != null && filter.isString()) {
            filter = readJson(filter.asString(), "filter");
        }
        if (filter == null || filter.isNull()) {
            filter = JsonNodeFactory.instance.objectNode();
        }
        if (!filter.isObject()) {
            throw ApiException.badRequest("filter must be a JSON object.");
        }
        Map<String, List<Timeline>> selected = select(access, filter.get("indices"));
        Map<Long, Long> shownAs = shownAs(selected);
        SearchRequest.Builder request = SearchRequest.builder().indices(List.copyOf(selected.keySet()))
                .filter(new Filter.Timelines(shownAs.keySet(), false));
        WireValues.text(body, "query").filter(q -> !q.isBlank()).ifPresent(request::query);
        List<JsonNode> dslParts = new ArrayList<>();
        dsl(access, body.get("dsl"), request, dslParts);
        Chips.apply(access.sketchId(), filter.get("chips"), request, dslParts);
        if (dslParts.size() == 1) {
            request.dsl(dslParts.get(0));
        } else if (dslParts.size() > 1) {
            ObjectNode bool = JsonNodeFactory.instance.objectNode();
            dslParts.forEach(bool.putObject("bool").putArray("must")::add);
            request.dsl(bool);
        }
        String order = WireValues.text(filter, "order").orElse("asc").toLowerCase(Locale.ROOT);
        if (!order.equals("asc") && !order.equals("desc")) {
            throw ApiException.badRequest("filter.order must be asc or desc.");
        }
        request.order(order.equals("desc") ? SortOrder.DESC : SortOrder.ASC);
        int size = filter.has("size") ? (int) WireValues.id(filter.get("size"), "filter.size") : DEFAULT_PAGE;
        if (size < 0 || size > MAX_PAGE) {
            throw ApiException.badRequest("filter.size must be between 0 and " + MAX_PAGE + "; scroll for more.");
        }
        request.size(size);
        int from = filter.has("from") ? (int) WireValues.id(filter.get("from"), "filter.from") : 0;
        if (from < 0) {
            throw ApiException.badRequest("filter.from must not be negative.");
        }
        Optional<String> scrollId = WireValues.text(body, "scroll_id").filter(s -> !s.isBlank());
        if (scrollId.isPresent()) {
            ScrollContexts.Position position = scrolls.position(scrollId.get(), access.user().id(), access.sketchId());
            request.from(0);
            position.after().ifPresentOrElse(request::after, () -> request.size(0));
        } else {
            request.from(from);
        }
        List<String> fields = fields(body, filter);
        return new ExploreQuery(access, selected, shownAs, request.build(), fields, WireValues.bool(body.get("count")),
                !body.has("enable_scroll") || WireValues.bool(body.get("enable_scroll")), scrollId,
                WireValues.text(body, "file_name").filter(n -> !n.isBlank()), body);
    }

    private Map<String, List<Timeline>> select(SketchAccess access, JsonNode indices) {
        Map<String, List<Timeline>> searchable = searchableTimelines(access.sketchId());
        boolean all = indices == null || indices.isNull()
                || (indices.isString() && indices.asString().equals("_all"))
                || (indices.isArray() && (indices.isEmpty() || containsAll(indices)));
        Map<String, List<Timeline>> selected = new LinkedHashMap<>();
        if (all) {
            selected.putAll(searchable);
        } else {
            List<JsonNode> items = new ArrayList<>();
            if (indices.isArray()) {
                indices.forEach(items::add);
            } else {
                items.add(indices);
            }
            for (JsonNode item : items) {
                String text = item.asString().trim();
                searchable.forEach((index, list) -> {
                    for (Timeline t : list) {
                        boolean match = text.equals(String.valueOf(t.id())) || text.equalsIgnoreCase(t.name())
                                || text.equals(index);
                        if (match) {
                            List<Timeline> chosen = selected.computeIfAbsent(index, k -> new ArrayList<>());
                            if (!chosen.contains(t)) {
                                chosen.add(t);
                            }
                        }
                    }
                });
            }
        }
        if (selected.isEmpty()) {
            throw ApiException.badRequest("No valid search indices were found to perform the search on.");
        }
        return selected;
    }

    private static boolean containsAll(JsonNode array) {
        for (JsonNode item : array) {
            if ("_all".equals(item.asString())) {
                return true;
            }
        }
        return false;
    }

    /** The DSL: a JSON object or a string holding one; Timesketch's label search becomes a label filter. */
    private void dsl(SketchAccess access, JsonNode node, SearchRequest.Builder request, List<JsonNode> parts) {
        if (node == null || node.isNull()) {
            return;
        }
        JsonNode dsl = node;
        if (node.isString()) {
            String text = node.asString().trim();
            if (text.isEmpty() || text.equals("\"\"")) {
                return;
            }
            dsl = readJson(text, "dsl");
        }
        if (!dsl.isObject()) {
            throw ApiException.badRequest("dsl must be a JSON object.");
        }
        JsonNode query = dsl.has("query") ? dsl.get("query") : dsl;
        Optional<String> label = labelSearch(query, access.sketchId());
        if (label.isPresent()) {
            request.filter(new Filter.Label(access.sketchId(), label.get(), false));
            return;
        }
        if (!query.isEmpty()) {
            parts.add(query);
        }
    }

    /** The nested {@code timesketch_label} query of {@code Sketch.search_by_label}, for this sketch. */
    private static Optional<String> labelSearch(JsonNode query, long sketchId) {
        JsonNode nested = query.get("nested");
        if (nested == null || !Event.LABEL.equals(nested.path("path").asString(""))) {
            return Optional.empty();
        }
        String name = null;
        boolean sameSketch = false;
        for (JsonNode clause : nested.path("query").path("bool").path("must")) {
            JsonNode term = clause.path("term");
            if (term.has(Event.LABEL + ".name")) {
                name = term.get(Event.LABEL + ".name").asString();
            }
            if (term.has(Event.LABEL + ".sketch_id")) {
                sameSketch = term.get(Event.LABEL + ".sketch_id").asLong() == sketchId;
            }
        }
        return name != null && sameSketch ? Optional.of(name) : Optional.empty();
    }

    private List<String> fields(JsonNode body, JsonNode filter) {
        List<String> fields = new ArrayList<>();
        Optional<String> top = WireValues.text(body, "fields").filter(f -> !f.isBlank());
        if (top.isPresent()) {
            for (String field : top.get().split(",")) {
                if (!field.isBlank() && !fields.contains(field.trim())) {
                    fields.add(field.trim());
                }
            }
        } else if (filter.has("fields") && filter.get("fields").isArray()) {
            for (JsonNode field : filter.get("fields")) {
                String name = field.isObject() ? field.path("field").asString("") : field.asString();
                if (!name.isBlank() && !fields.contains(name)) {
                    fields.add(name);
                }
            }
        }
        // "*" is every field, whatever else the list names (the client sends "*,datetime").
        return fields.contains("*") ? List.of() : fields;
    }

    private JsonNode readJson(String text, String what) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw ApiException.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
