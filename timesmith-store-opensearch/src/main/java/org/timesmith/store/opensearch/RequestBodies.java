package org.timesmith.store.opensearch;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.Filter;
import org.timesmith.core.search.SearchAfter;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.search.SortOrder;
import org.timesmith.core.store.EventStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a {@link SearchRequest} into OpenSearch query, sort and source-filter JSON. The query
 * string goes to {@code query_string} with default operator AND over all fields, the DSL query is
 * passed on as it is once it is checked to stay within the subset every store supports, and the
 * filters become bool clauses (exclusions {@code must_not}).
 */
final class RequestBodies {

    /** The DSL clauses every store supports (the contract kit's subset). */
    static final Set<String> SUPPORTED_DSL = Set.of("bool", "term", "terms", "match", "match_phrase",
            "query_string", "range", "exists", "prefix", "wildcard", "ids", "match_all");
    private static final Set<String> BOOL_CLAUSES = Set.of("must", "filter", "should", "must_not");

    private RequestBodies() {
    }

    private static ObjectNode object() {
        return ClusterClient.JSON.createObjectNode();
    }

    static ObjectNode queryString(String query) {
        ObjectNode node = object();
        node.putObject("query_string").put("query", query).put("default_operator", "AND");
        return node;
    }

    /**
     * The request's query string, DSL and filters, ANDed. {@code exactField} maps a field to the one
     * holding its exact values (the {@code .keyword} subfield of text).
     */
    static ObjectNode query(SearchRequest request, Function<String, String> exactField) {
        ObjectNode bool = object();
        ArrayNode filter = bool.putArray("filter");
        ArrayNode mustNot = bool.putArray("must_not");
        request.query().filter(q -> !q.isBlank() && !q.strip().equals("*"))
                .ifPresent(q -> filter.add(queryString(q)));
        request.dsl().ifPresent(dsl -> {
            checkDsl(dsl);
            filter.add(dsl);
        });
        for (Filter f : request.filters()) {
            (f.exclude() ? mustNot : filter).add(filterQuery(f, exactField));
        }
        ObjectNode query = object();
        query.set("bool", bool);
        return query;
    }

    /** Whether any filter needs {@code exactField} (and so the indices' mappings). */
    static boolean needsMappings(SearchRequest request) {
        return request.filters().stream().anyMatch(f -> f instanceof Filter.Term);
    }

    private static ObjectNode filterQuery(Filter filter, Function<String, String> exactField) {
        ObjectNode node = object();
        switch (filter) {
            case Filter.Timelines t -> {
                ArrayNode values = node.putObject("terms").putArray(Event.TIMELINE_ID);
                t.timelineIds().stream().sorted().forEach(values::add);
            }
            case Filter.Term t -> {
                String exact = exactField.apply(t.field());
                if (!exact.equals(t.field()) && t.value().length() > EventStore.KEYWORD_MAX_CHARS) {
                    // too long for the keyword: the value as a phrase of the text finds its event
                    node.putObject("match_phrase").put(t.field(), t.value());
                } else {
                    node.putObject("term").put(exact, t.value());
                }
            }
            case Filter.Label l -> {
                ObjectNode nested = node.putObject("nested");
                nested.put("path", Event.LABEL).put("ignore_unmapped", true);
                ArrayNode must = nested.putObject("query").putObject("bool").putArray("filter");
                must.addObject().putObject("term").put(Event.LABEL + ".name.keyword", l.name());
                must.addObject().putObject("term").put(Event.LABEL + ".sketch_id", l.sketchId());
            }
            case Filter.TimeRange r -> node.putObject("range").putObject(Event.TIMESTAMP)
                    .put("gte", r.startMicros()).put("lte", r.endMicros());
            case Filter.Query q -> {
                return q.queryString().isBlank() ? matchAll() : queryString(q.queryString());
            }
        }
        return node;
    }

    static ObjectNode matchAll() {
        ObjectNode node = object();
        node.putObject("match_all");
        return node;
    }

    /** Rejects clauses outside the supported subset, naming the first one found. */
    static void checkDsl(JsonNode query) {
        if (!query.isObject() || query.size() != 1) {
            throw new IllegalArgumentException("query DSL: a query is an object with exactly one clause, got " + query);
        }
        Map.Entry<String, JsonNode> clause = query.properties().iterator().next();
        String name = clause.getKey();
        if (!SUPPORTED_DSL.contains(name)) {
            throw new IllegalArgumentException("query DSL: unsupported clause '" + name + "' (supported: "
                    + SUPPORTED_DSL.stream().sorted().toList() + ")");
        }
        if (name.equals("bool")) {
            for (Map.Entry<String, JsonNode> part : clause.getValue().properties()) {
                if (!BOOL_CLAUSES.contains(part.getKey())) {
                    continue;
                }
                if (part.getValue().isArray()) {
                    part.getValue().forEach(RequestBodies::checkDsl);
                } else {
                    checkDsl(part.getValue());
                }
            }
        }
    }

    /** Time order, then the event id ascending in both directions, as every store sorts. */
    static ArrayNode sort(SortOrder order) {
        ArrayNode sort = ClusterClient.JSON.createArrayNode();
        sort.addObject().putObject(Event.TIMESTAMP).put("order", order == SortOrder.ASC ? "asc" : "desc")
                .put("unmapped_type", "long");
        sort.addObject().putObject(IndexMapping.EVENT_ID).put("order", "asc").put("unmapped_type", "keyword");
        return sort;
    }

    static ArrayNode searchAfter(SearchAfter after) {
        ArrayNode values = ClusterClient.JSON.createArrayNode();
        values.add(after.timestamp()).add(after.id());
        return values;
    }

    /** Source filtering: the requested fields (or all), never the internal id field. */
    static ObjectNode source(java.util.List<String> fields) {
        ObjectNode source = object();
        if (!fields.isEmpty()) {
            ArrayNode includes = source.putArray("includes");
            fields.forEach(includes::add);
        }
        source.putArray("excludes").add(IndexMapping.EVENT_ID);
        return source;
    }
}
