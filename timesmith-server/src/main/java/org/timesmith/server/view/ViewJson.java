package org.timesmith.server.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The saved search on the wire (§5): the fields of a create or update body (name required, filter
 * without {@code from} and with default fields, DSL stored JSON-encoded), the view model with the
 * filter completed as Timesketch's {@code View.validate_filter} does, the short entry of the sketch
 * resource, and the explore body that re-runs a saved search (for aggregations, stories and the
 * sketch export).
 */
@Component
public class ViewJson {

    /** Timesketch's default return fields of a saved search. */
    private static final List<String> DEFAULT_FIELDS = List.of("datetime", "timestamp_desc", "message");
    private static final int MAX_NAME = 255;

    private final UserRepository users;
    private final ObjectMapper json;

    ViewJson(UserRepository users, ObjectMapper json) {
        this.users = users;
        this.json = json;
    }

    /** The fields of a new saved search; 400 for a body that is not an object or a bad field. */
    public ViewFields fields(JsonNode body) {
        JsonNode request = WireValues.object(body);
        String name = name(request.get("name"));
        String dsl = dsl(request.get("dsl"));
        return new ViewFields(name, WireValues.text(request, "description").orElse(""),
                WireValues.text(request, "query").orElse(""), filter(request.get("filter")), dsl,
                WireValues.labelString(json, request.get("labels")));
    }

    /** The fields of a saved search after an update: those the body carries, the others as they were. */
    ViewFields fields(JsonNode body, SavedView old) {
        JsonNode request = WireValues.object(body);
        String name = request.has("name") ? name(request.get("name")) : old.name();
        String dsl = request.has("dsl") ? dsl(request.get("dsl")) : old.queryDsl();
        String query = request.has("query") ? WireValues.text(request, "query").orElse("") : old.queryString();
        String description = request.has("description")
                ? WireValues.text(request, "description").orElse("") : old.description();
        String filter = request.has("filter") ? filter(request.get("filter")) : old.queryFilter();
        String labels = request.has("labels") ? WireValues.labelString(json, request.get("labels")) : old.labelString();
        return new ViewFields(name, description, query, filter, dsl, labels);
    }

    /** The view model of §5.2. */
    public Map<String, Object> model(SavedView view) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", view.id());
        model.put("name", view.name());
        model.put("description", view.description());
        model.put("user", users.byId(view.userId()).map(User::toJson).orElseGet(LinkedHashMap::new));
        model.put("query_string", view.queryString());
        model.put("query_filter", json.writeValueAsString(completeFilter(view)));
        model.put("query_dsl", view.queryDsl());
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("id", null);
        model.put("searchtemplate", template);
        model.put("label_string", view.labelString());
        model.put("sketch_id", view.sketchId());
        model.put("created_at", view.createdAt());
        model.put("updated_at", view.updatedAt());
        return model;
    }

    /** The short entry in the sketch resource's {@code meta.views}. */
    Map<String, Object> summary(SavedView view) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", view.id());
        entry.put("name", view.name());
        entry.put("description", view.description());
        entry.put("query", view.queryString());
        entry.put("filter", view.queryFilter());
        entry.put("user", users.byId(view.userId()).map(User::username).orElse(""));
        entry.put("created_at", view.createdAt());
        entry.put("updated_at", view.updatedAt());
        return entry;
    }

    /** The explore body ({@code query}, {@code filter}, {@code dsl}) that runs the saved search again. */
    public ObjectNode exploreBody(SavedView view) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("query", view.queryString());
        body.set("filter", completeFilter(view));
        JsonNode dsl = read(view.queryDsl(), "query_dsl");
        body.set("dsl", dsl.isObject() ? dsl : null);
        return body;
    }

    private ObjectNode completeFilter(SavedView view) {
        JsonNode stored = read(view.queryFilter(), "query_filter");
        ObjectNode filter = stored.isObject() ? (ObjectNode) stored.deepCopy() : JsonNodeFactory.instance.objectNode();
        if (!filter.has("from")) {
            filter.put("from", 0);
        }
        if (!filter.has("size")) {
            filter.put("size", 40);
        }
        if (!filter.has("terminate_after")) {
            filter.put("terminate_after", 40);
        }
        if (!filter.has("indices")) {
            filter.putArray("indices");
        }
        if (!filter.has("exclude")) {
            filter.putArray("exclude");
        }
        if (!filter.has("order")) {
            filter.put("order", "asc");
        }
        if (!filter.has("chips")) {
            filter.putArray("chips");
        }
        return filter;
    }

    private static String name(JsonNode node) {
        String name = node == null || node.isNull() ? "" : node.asString("").trim();
        if (name.isEmpty()) {
            throw ApiException.badRequest("A saved search needs a name.");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.badRequest("The name of a saved search is at most " + MAX_NAME + " characters.");
        }
        return name;
    }

    /** The filter as stored: a JSON object without {@code from}, with default return fields. */
    private String filter(JsonNode node) {
        JsonNode filter = node;
        if (node != null && node.isString()) {
            filter = node.asString().isBlank() ? null : read(node.asString(), "filter");
        }
        if (filter == null || filter.isNull()) {
            filter = JsonNodeFactory.instance.objectNode();
        }
        if (!filter.isObject()) {
            throw ApiException.badRequest("filter must be a JSON object.");
        }
        ObjectNode copy = (ObjectNode) filter.deepCopy();
        copy.remove("from");
        JsonNode chips = copy.get("chips");
        if (chips != null && !chips.isNull() && !chips.isArray()) {
            throw ApiException.badRequest("filter.chips must be a list.");
        }
        if (!copy.has("fields") || !copy.get("fields").isArray() || copy.get("fields").isEmpty()) {
            var fields = copy.putArray("fields");
            DEFAULT_FIELDS.forEach(f -> fields.addObject().put("field", f));
        }
        return json.writeValueAsString(copy);
    }

    /** The DSL JSON-encoded as Timesketch stores it: an object's JSON, or {@code ""} for none. */
    private String dsl(JsonNode node) {
        if (node == null || node.isNull()) {
            return ViewService.NO_DSL;
        }
        JsonNode dsl = node;
        if (node.isString()) {
            String text = node.asString().trim();
            if (text.isEmpty() || text.equals(ViewService.NO_DSL)) {
                return ViewService.NO_DSL;
            }
            dsl = read(text, "dsl");
        }
        if (!dsl.isObject()) {
            throw ApiException.badRequest("dsl must be a JSON object.");
        }
        return dsl.isEmpty() ? ViewService.NO_DSL : json.writeValueAsString(dsl);
    }

    private JsonNode read(String text, String what) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw ApiException.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
