package org.timesmith.server.explore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.WireValues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The per user and sketch search history of Timesketch's SearchHistory model: each explore search
 * becomes a node whose parent is the request's {@code parent} (a node id, e.g. the one the user
 * went back to) or else the user's latest search, so history branches; a search equal to its
 * parent (same query string and filter) is not recorded again, and {@code incognito} searches are
 * not recorded at all. Nodes are only ever read by the user who made them.
 */
@Service
public class SearchHistoryService {

    private static final int DEFAULT_LIMIT = 12;
    private static final int SQL_LIMIT = 100;
    /** How far the tree goes back from the latest search (Timesketch's HISTORY_NODE_LIMIT). */
    private static final int TREE_DEPTH = 10;

    private final SearchHistoryRepository history;
    private final ObjectMapper json;

    public SearchHistoryService(SearchHistoryRepository history, ObjectMapper json) {
        this.history = history;
        this.json = json;
    }

    /**
     * Records a completed first-page search and puts the node (without children) into the
     * response's {@code meta.search_node}, as Timesketch's explore answers.
     */
    public void record(ExploreQuery query, Map<String, Object> response) {
        JsonNode body = query.body() == null ? JsonNodeFactory.instance.objectNode() : query.body();
        SketchAccess access = query.access();
        long userId = access.user().id();
        Optional<SearchHistoryRepository.Node> previous = Optional.empty();
        // A parent that is not one of the user's nodes here (or not an id at all) is ignored: the
        // search itself has already succeeded and must not fail over its history.
        JsonNode parent = body.get("parent");
        boolean parentIsId = parent != null
                && (parent.isIntegralNumber() || parent.isString() && parent.asString().matches("\\d{1,18}"));
        if (parentIsId) {
            previous = history.byId(parent.isIntegralNumber() ? parent.longValue() : Long.parseLong(parent.asString()))
                    .filter(n -> n.sketchId() == access.sketchId() && n.userId() == userId);
        }
        if (previous.isEmpty()) {
            previous = history.latest(access.sketchId(), userId, 1).stream().findFirst();
        }
        Optional<SearchHistoryRepository.Node> node = previous;
        if (!WireValues.bool(body.get("incognito"))) {
            String queryString = WireValues.text(body, "query").orElse("");
            JsonNode filterNode = body.get("filter");
            String filter = filterNode == null || filterNode.isNull() ? "{}"
                    : filterNode.isString() ? filterNode.asString() : json.writeValueAsString(filterNode);
            boolean same = previous.filter(p -> p.queryString().equals(queryString) && p.queryFilter().equals(filter))
                    .isPresent();
            if (!same) {
                JsonNode dsl = body.get("dsl");
                Optional<String> dslText = dsl == null || dsl.isNull() ? Optional.empty()
                        : Optional.of(dsl.isString() ? dsl.asString() : json.writeValueAsString(dsl));
                Map<?, ?> meta = (Map<?, ?>) response.get("meta");
                long total = meta.get("es_total_count") instanceof Number n ? n.longValue() : 0;
                long took = meta.get("es_time") instanceof Number n ? n.longValue() : 0;
                node = Optional.of(history.add(previous.map(SearchHistoryRepository.Node::id), access.sketchId(),
                        userId, queryString, filter, dslText, total, took));
            }
        }
        if (node.isPresent() && response.get("meta") instanceof Map<?, ?> meta) {
            @SuppressWarnings("unchecked")
            Map<String, Object> writable = (Map<String, Object>) meta;
            writable.put("search_node", nodeJson(node.get()));
        }
    }

    /** The user's latest distinct searches in the sketch, newest first (at most {@code limit}, default 12). */
    public List<Map<String, Object>> recent(SketchAccess access, Optional<Integer> limit) {
        int wanted = limit.filter(l -> l > 0).orElse(DEFAULT_LIMIT);
        Set<String> seen = new HashSet<>();
        List<Map<String, Object>> result = new ArrayList<>();
        for (SearchHistoryRepository.Node node : history.latest(access.sketchId(), access.user().id(), SQL_LIMIT)) {
            if (result.size() >= wanted) {
                break;
            }
            if (seen.add(node.queryString())) {
                result.add(nodeJson(node));
            }
        }
        return result;
    }

    /** The history tree from up to ten steps above the latest search; empty object without history. */
    public Map<String, Object> tree(SketchAccess access, Map<String, Object> meta) {
        Optional<SearchHistoryRepository.Node> last = history.latest(access.sketchId(), access.user().id(), 1)
                .stream().findFirst();
        meta.put("last_node_id", last.map(SearchHistoryRepository.Node::id).orElse(null));
        if (last.isEmpty()) {
            return new LinkedHashMap<>();
        }
        SearchHistoryRepository.Node root = last.get();
        for (int i = 0; i < TREE_DEPTH && root.parentId().isPresent(); i++) {
            Optional<SearchHistoryRepository.Node> parent = history.byId(root.parentId().get());
            if (parent.isEmpty()) {
                break;
            }
            root = parent.get();
        }
        return subtree(root);
    }

    private Map<String, Object> subtree(SearchHistoryRepository.Node node) {
        Map<String, Object> json = nodeJson(node);
        @SuppressWarnings("unchecked")
        List<Object> children = (List<Object>) json.get("children");
        // Like Timesketch: every node below the root, one query per node.
        for (SearchHistoryRepository.Node child : history.children(node.id())) {
            children.add(subtree(child));
        }
        return json;
    }

    /** Timesketch's {@code build_node_dict}. */
    private static Map<String, Object> nodeJson(SearchHistoryRepository.Node node) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", node.id());
        json.put("description", node.description().orElse(null));
        json.put("query_result_count", node.resultCount());
        json.put("query_time", node.queryTime());
        json.put("labels", List.of());
        json.put("created_at", node.createdAt());
        json.put("parent", node.parentId().orElse(null));
        json.put("query_string", node.queryString());
        json.put("query_filter", node.queryFilter());
        json.put("query_dsl", node.queryDsl().orElse(null));
        json.put("scenario", null);
        json.put("facet", null);
        json.put("question", null);
        json.put("children", new ArrayList<>());
        return json;
    }
}
