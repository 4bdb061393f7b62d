package org.timesmith.server.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.timesmith.core.event.Event;
import org.timesmith.core.search.SearchRequest;
import org.timesmith.core.store.EventStore;
import org.timesmith.core.store.EventStream;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.explore.ExploreQueries;
import org.timesmith.server.timeline.Timeline;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs a graph plugin over a sketch (the {@code graph/} route): one stream over the chosen ready
 * timelines (all of them by default), with only the plugin's fields, into a capped
 * {@link GraphBuilder}. The caps default to {@code timesmith.graph.max-nodes} / {@code max-edges} and a
 * request may lower or raise them up to {@link #HARD_MAX_NODES} / {@link #HARD_MAX_EDGES}.
 */
@Component
class GraphRunner {

    static final int HARD_MAX_NODES = 20_000;
    static final int HARD_MAX_EDGES = 50_000;

    /** A finished run: the graph and how many events it read. */
    record Run(GraphPlugin plugin, GraphBuilder graph, long eventsRead) {

        /** What the UI shows when the graph was capped, or empty. */
        String message() {
            if (!graph.capped()) {
                return "";
            }
            return "The graph was capped at " + graph.nodeCount() + " nodes and " + graph.edgeCount() + " edges: "
                    + graph.leftOut() + " links of " + eventsRead + " events were left out. Choose fewer timelines or"
                    + " raise max_nodes / max_edges.";
        }
    }

    private final EventStore store;
    private final ExploreQueries queries;
    private final int defaultNodes;
    private final int defaultEdges;

    GraphRunner(EventStore store, ExploreQueries queries,
                @Value("${timesmith.graph.max-nodes:2000}") int defaultNodes,
                @Value("${timesmith.graph.max-edges:5000}") int defaultEdges) {
        this.store = store;
        this.queries = queries;
        this.defaultNodes = defaultNodes;
        this.defaultEdges = defaultEdges;
    }

    Run run(SketchAccess access, GraphPlugin plugin, JsonNode body) {
        GraphBuilder graph = new GraphBuilder(limit(body, "max_nodes", defaultNodes, HARD_MAX_NODES),
                limit(body, "max_edges", defaultEdges, HARD_MAX_EDGES));
        List<Long> timelineIds = timelineIds(body.get("timeline_ids"));
        Set<Long> known = queries.searchableTimelines(access.sketchId()).values().stream().flatMap(List::stream)
                .map(Timeline::id).collect(Collectors.toSet());
        List<Long> unknown = timelineIds.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("No ready timeline with ID " + unknown + " in this sketch.");
        }
        if (known.isEmpty()) {
            return new Run(plugin, graph, 0);
        }
        ObjectNode search = JsonNodeFactory.instance.objectNode().put("query", plugin.query());
        ObjectNode filter = search.putObject("filter");
        if (timelineIds.isEmpty()) {
            filter.put("indices", "_all");
        } else {
            timelineIds.forEach(filter.putArray("indices")::add);
        }
        List<String> fields = new ArrayList<>(plugin.fields());
        fields.add(Event.TIMESTAMP);
        SearchRequest request = queries.parse(access, search).unpaged().toBuilder().fields(fields).build();
        long read = 0;
        try (EventStream events = store.stream(request)) {
            while (events.hasNext()) {
                plugin.add(events.next(), graph);
                read++;
            }
        }
        return new Run(plugin, graph, read);
    }

    /** The run's meta: what was read and whether the graph was capped. */
    static Map<String, Object> meta(SketchAccess access, Run run) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("sketch_id", access.sketchId());
        meta.put("plugin", run.plugin().name());
        meta.put("events_read", run.eventsRead());
        meta.put("capped", run.graph().capped());
        meta.put("left_out", run.graph().leftOut());
        meta.put("message", run.message());
        return meta;
    }

    private static List<Long> timelineIds(JsonNode ids) {
        if (ids == null || ids.isNull()) {
            return List.of();
        }
        if (!ids.isArray()) {
            throw ApiException.badRequest("Timeline IDs if supplied need to be a list.");
        }
        List<Long> list = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isIntegralNumber()) {
                throw ApiException.badRequest("Timeline IDs needs to be a list of integers.");
            }
            list.add(id.longValue());
        }
        return list;
    }

    private static int limit(JsonNode body, String field, int fallback, int hardMax) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Math.min(fallback, hardMax);
        }
        if (!value.isIntegralNumber() || value.longValue() < 1 || value.longValue() > hardMax) {
            throw ApiException.badRequest(field + " must be a whole number from 1 to " + hardMax + ".");
        }
        return value.intValue();
    }
}
