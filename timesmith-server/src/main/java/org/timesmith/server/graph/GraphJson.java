package org.timesmith.server.graph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Times;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wire forms of graphs: the saved-graph body (checked, so what is stored always reads back), the
 * saved-graph model in both of Timesketch's shapes (networkx's {@code cytoscape_data} dict by default,
 * the stored element list with {@code format=cytoscape}) and the model of a plugin run. Times are ISO
 * strings, which the official client parses with dateutil.
 */
@Component
class GraphJson {

    private final UserRepository users;
    private final ObjectMapper json;
    private final Times times;

    GraphJson(UserRepository users, ObjectMapper json, Times times) {
        this.users = users;
        this.json = json;
        this.times = times;
    }

    /** The fields of a create ({@code old} empty) or of an update, where absent fields keep their value. */
    GraphFields fields(JsonNode rawBody, Optional<SavedGraph> old) {
        JsonNode body = WireValues.object(rawBody);
        String name = WireValues.text(body, "name").map(String::strip).filter(n -> !n.isEmpty())
                .or(() -> old.map(SavedGraph::name))
                .orElseThrow(() -> ApiException.badRequest("A graph needs a name."));
        if (name.length() > 255) {
            throw ApiException.badRequest("The graph name is longer than 255 characters.");
        }
        String description = WireValues.text(body, "description").or(() -> old.map(SavedGraph::description)).orElse("");
        String config = config(body.get("graph_config")).or(() -> old.map(SavedGraph::graphConfig)).orElse("");
        JsonNode elements = body.get("elements");
        if (elements == null || elements.isNull()) {
            SavedGraph kept = old.orElseThrow(() -> ApiException.badRequest("A graph needs its elements (a list)."));
            return new GraphFields(name, description, config, kept.graphElements(), kept.numNodes(), kept.numEdges());
        }
        int[] counts = checkElements(elements);
        return new GraphFields(name, description, config, json.writeValueAsString(elements), counts[0], counts[1]);
    }

    /** The saved graph; {@code cytoscape} keeps the stored element list, otherwise networkx's dict (both as JSON text). */
    Map<String, Object> model(SavedGraph graph, boolean cytoscape) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", graph.id());
        model.put("name", graph.name());
        model.put("description", graph.description());
        model.put("user", users.byId(graph.userId()).map(User::toJson).orElseGet(LinkedHashMap::new));
        model.put("sketch_id", graph.sketchId());
        model.put("graph_config", graph.graphConfig());
        model.put("graph_elements", cytoscape ? graph.graphElements() : json.writeValueAsString(networkx(graph.graphElements())));
        model.put("num_nodes", graph.numNodes());
        model.put("num_edges", graph.numEdges());
        model.put("label_string", "");
        model.put("created_at", graph.createdAt());
        model.put("updated_at", graph.updatedAt());
        return model;
    }

    /** Timesketch's graph-cache model for a plugin run (computed now, not cached). */
    Map<String, Object> runModel(GraphRunner.Run run, JsonNode config) {
        String now = times.now();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("graph_plugin", run.plugin().name());
        model.put("graph_config", config == null || config.isNull() ? "" : json.writeValueAsString(config));
        model.put("graph_elements", json.writeValueAsString(run.graph().cytoscape()));
        model.put("num_nodes", run.graph().nodeCount());
        model.put("num_edges", run.graph().edgeCount());
        model.put("created_at", now);
        model.put("updated_at", now);
        return model;
    }

    private Map<String, Object> networkx(String elementsText) {
        ArrayNode nodes = json.createArrayNode();
        ArrayNode edges = json.createArrayNode();
        for (JsonNode element : json.readTree(elementsText)) {
            ObjectNode entry = json.createObjectNode().set("data", element.get("data"));
            (element.get("group").asString().equals("nodes") ? nodes : edges).add(entry);
        }
        return GraphBuilder.networkx(nodes, edges);
    }

    /** The config as stored JSON text: an object is written out, a string must itself be JSON. */
    private Optional<String> config(JsonNode config) {
        if (config == null || config.isNull()) {
            return Optional.empty();
        }
        if (config.isObject()) {
            return Optional.of(json.writeValueAsString(config));
        }
        if (config.isString()) {
            String text = config.asString();
            if (text.isBlank()) {
                return Optional.of("");
            }
            try {
                if (json.readTree(text).isObject()) {
                    return Optional.of(text);
                }
            } catch (JacksonException e) {
                // reported below
            }
        }
        throw ApiException.badRequest("graph_config must be a JSON object (or a string holding one).");
    }

    /** Checks the cytoscape element list; returns the node and edge counts. */
    private static int[] checkElements(JsonNode elements) {
        if (!elements.isArray()) {
            throw ApiException.badRequest("elements must be a list of cytoscape elements.");
        }
        int[] counts = new int[2];
        for (JsonNode element : elements) {
            String group = element.path("group").asString("");
            if (!element.path("data").isObject() || !(group.equals("nodes") || group.equals("edges"))) {
                throw ApiException.badRequest("Each element needs a group (nodes or edges) and a data object.");
            }
            counts[group.equals("nodes") ? 0 : 1]++;
        }
        return counts;
    }
}
