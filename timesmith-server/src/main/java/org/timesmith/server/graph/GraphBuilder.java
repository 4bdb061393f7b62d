package org.timesmith.server.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.timesmith.core.search.StoredEvent;
import org.timesmith.server.api.Times;

/**
 * The nodes and edges one plugin run accumulates, capped so a run's memory and the browser's drawing
 * stay bounded whatever the sketch holds. An edge is one (source, target, label) triple; each event on
 * it adds to its count and its first and last time, and up to {@link #MAX_EVENTS_PER_EDGE} event ids
 * per index are kept (as Timesketch does) so the UI can show the events behind it. Once a cap is hit,
 * events that would need a new node or edge are left out and counted.
 */
final class GraphBuilder {

    /** Event ids kept per edge (Timesketch's {@code MAX_EVENTS_PER_EDGE}). */
    static final int MAX_EVENTS_PER_EDGE = 500;

    /** One end of an edge: its type ({@code user}, {@code computer} …), its label and extra attributes. */
    record Endpoint(String type, String label, Map<String, Object> attributes) {
        Endpoint(String type, String label) {
            this(type, label, Map.of());
        }
    }

    /** A node's wire data and how many linked events touched it (mutable: only this builder sees it). */
    private static final class Node {
        final Map<String, Object> data = new LinkedHashMap<>();
        long events;
    }

    /** An edge's wire data, its count, first and last time and the event ids kept (mutable, builder-private). */
    private static final class Edge {
        final Map<String, Object> data = new LinkedHashMap<>();
        final Map<String, List<String>> eventIds = new LinkedHashMap<>();
        final String kind;
        long count;
        long kept;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        Edge(String kind) {
            this.kind = kind;
        }
    }

    private final int maxNodes;
    private final int maxEdges;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Edge> edges = new LinkedHashMap<>();
    private final Map<String, Integer> keysPerPair = new HashMap<>();
    private long leftOut;

    GraphBuilder(int maxNodes, int maxEdges) {
        this.maxNodes = maxNodes;
        this.maxEdges = maxEdges;
    }

    /**
     * Records that the event links {@code source} to {@code target} with {@code label}; returns false
     * (and counts the link as left out) when that would need a node or edge beyond the caps.
     */
    boolean link(StoredEvent event, Endpoint source, Endpoint target, String label) {
        String sourceId = nodeId(source);
        String targetId = nodeId(target);
        String edgeId = md5(sourceId + targetId + label.toLowerCase());
        int newNodes = (nodes.containsKey(sourceId) ? 0 : 1) + (nodes.containsKey(targetId) || sourceId.equals(targetId) ? 0 : 1);
        boolean newEdge = !edges.containsKey(edgeId);
        if (nodes.size() + newNodes > maxNodes || (newEdge && edges.size() >= maxEdges)) {
            leftOut++;
            return false;
        }
        Node from = node(sourceId, source);
        Node to = node(targetId, target);
        from.events++;
        if (to != from) {
            to.events++;
        }
        Edge edge = edges.computeIfAbsent(edgeId, id -> newEdge(id, sourceId, targetId, label));
        edge.count++;
        edge.first = Math.min(edge.first, event.timestamp());
        edge.last = Math.max(edge.last, event.timestamp());
        if (edge.kept < MAX_EVENTS_PER_EDGE) {
            edge.eventIds.computeIfAbsent(event.index(), k -> new ArrayList<>()).add(event.id());
            edge.kept++;
        }
        return true;
    }

    int nodeCount() {
        return nodes.size();
    }

    int edgeCount() {
        return edges.size();
    }

    /** Links left out because a cap was reached. */
    long leftOut() {
        return leftOut;
    }

    boolean capped() {
        return leftOut > 0;
    }

    /** The graph as networkx's {@code cytoscape_data} writes it, which the official client reads back. */
    Map<String, Object> cytoscape() {
        List<Map<String, Object>> nodeList = new ArrayList<>();
        nodes.values().forEach(n -> {
            Map<String, Object> data = new LinkedHashMap<>(n.data);
            data.put("events", n.events);
            nodeList.add(Map.of("data", data));
        });
        List<Map<String, Object>> edgeList = new ArrayList<>();
        edges.values().forEach(e -> {
            Map<String, Object> data = new LinkedHashMap<>(e.data);
            data.put("label", e.kind + " (" + e.count + ")");
            data.put("count", e.count);
            data.put("first_seen", Times.format(micros(e.first)));
            data.put("last_seen", Times.format(micros(e.last)));
            data.put("events", e.eventIds);
            edgeList.add(Map.of("data", data));
        });
        return networkx(nodeList, edgeList);
    }

    /** Networkx's {@code cytoscape_data} dict of a directed multigraph with these node and edge entries. */
    static Map<String, Object> networkx(Object nodes, Object edges) {
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("data", List.of());
        graph.put("directed", true);
        graph.put("multigraph", true);
        graph.put("elements", Map.of("nodes", nodes, "edges", edges));
        return graph;
    }

    private Node node(String id, Endpoint endpoint) {
        return nodes.computeIfAbsent(id, k -> {
            Node node = new Node();
            node.data.putAll(endpoint.attributes());
            node.data.put("id", id);
            node.data.put("value", id);
            node.data.put("name", id);
            node.data.put("label", endpoint.label());
            node.data.put("type", endpoint.type());
            return node;
        });
    }

    private Edge newEdge(String id, String sourceId, String targetId, String label) {
        Edge edge = new Edge(label);
        edge.data.put("id", id);
        edge.data.put("source", sourceId);
        edge.data.put("target", targetId);
        edge.data.put("key", keysPerPair.merge(sourceId + ">" + targetId, 1, Integer::sum) - 1);
        edge.data.put("kind", label);
        return edge;
    }

    private static String nodeId(Endpoint endpoint) {
        return md5(endpoint.type() + "\u0000" + endpoint.label());
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(
                    MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }
}
