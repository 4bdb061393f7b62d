package org.timesmith.server.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.WireValues;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Saved aggregations and aggregation groups (§13.3, §13.4): create, update, delete and running
 * them again; the wire forms of saved aggregations are {@link AggregationJson}'s. Callers have done the permission check; every lookup is by
 * sketch, so ids of another sketch (aggregations, views, group members) are not found.
 */
@Service
public class AggregationService {

    private static final int MAX_NAME = 255;
    private static final List<String> ORIENTATIONS = List.of("layer", "horizontal", "vertical");

    private final AggregationRepository repository;
    private final AggregationRunner runner;
    private final ObjectMapper json;

    AggregationService(AggregationRepository repository, AggregationRunner runner, ObjectMapper json) {
        this.repository = repository;
        this.runner = runner;
        this.json = json;
    }

    // ---- saved aggregations

    public List<SavedAggregation> list(SketchAccess access) {
        return repository.aggregations(access.sketchId());
    }

    public SavedAggregation get(SketchAccess access, long id) {
        return repository.aggregation(access.sketchId(), id)
                .orElseThrow(() -> ApiException.notFound("No aggregation with ID " + id + " in this sketch."));
    }

    public SavedAggregation create(SketchAccess access, AggregationFields fields) {
        return repository.create(access.sketchId(), access.user().id(), fields.viewId(), fields.name(),
                fields.description(), fields.aggType(), fields.parameters(), fields.chartType(), fields.labelString());
    }

    /** Replaces the fields of a saved aggregation of this sketch (as {@link #get} found it). */
    SavedAggregation update(SketchAccess access, SavedAggregation old, AggregationFields fields) {
        repository.update(new SavedAggregation(old.id(), old.sketchId(), old.userId(), fields.viewId(), old.groupId(),
                fields.name(), fields.description(), fields.aggType(), fields.parameters(), fields.chartType(),
                fields.labelString(), old.createdAt(), old.updatedAt()));
        return get(access, old.id());
    }

    public void delete(SketchAccess access, long id) {
        get(access, id);
        repository.delete(access.sketchId(), id);
    }

    /** Runs a saved aggregation again with its parameters, chart and saved search. */
    public AggregatorRun run(SketchAccess access, SavedAggregation aggregation) {
        return runner.run(access, aggregation.aggType(), read(aggregation.parameters(), "parameters"),
                Optional.of(aggregation.chartType()).filter(c -> !c.isBlank()), aggregation.viewId());
    }

    // ---- groups

    public List<AggregationGroup> groups(SketchAccess access) {
        return repository.groups(access.sketchId());
    }

    public AggregationGroup group(SketchAccess access, long id) {
        return repository.group(access.sketchId(), id)
                .orElseThrow(() -> ApiException.notFound("No aggregation group with ID " + id + " in this sketch."));
    }

    public List<SavedAggregation> members(AggregationGroup group) {
        return repository.members(group.sketchId(), group.id());
    }

    public AggregationGroup createGroup(SketchAccess access, JsonNode body) {
        JsonNode request = WireValues.object(body);
        List<Long> members = memberIds(access, request.get("aggregations"));
        AggregationGroup group = repository.createGroup(access.sketchId(), access.user().id(),
                name(request.get("name"), false), WireValues.text(request, "description").orElse(""),
                jsonText(request.get("parameters"), "parameters", "{}"), orientation(request.get("orientation")));
        repository.setMembers(access.sketchId(), group.id(), members);
        return group;
    }

    public AggregationGroup updateGroup(SketchAccess access, long id, JsonNode body) {
        AggregationGroup old = group(access, id);
        JsonNode request = WireValues.object(body);
        if (request.has("aggregations")) {
            repository.setMembers(access.sketchId(), id, memberIds(access, request.get("aggregations")));
        }
        repository.updateGroup(new AggregationGroup(old.id(), old.sketchId(), old.userId(),
                request.has("name") ? name(request.get("name"), false) : old.name(),
                request.has("description") ? WireValues.text(request, "description").orElse("") : old.description(),
                request.has("parameters") ? jsonText(request.get("parameters"), "parameters", "{}") : old.parameters(),
                request.has("orientation") ? orientation(request.get("orientation")) : old.orientation(),
                old.createdAt(), old.updatedAt()));
        return group(access, id);
    }

    public void deleteGroup(SketchAccess access, long id) {
        group(access, id);
        repository.deleteGroup(access.sketchId(), id);
    }

    // ---- request parsing (groups; saved aggregations: AggregationJson)

    /** Names may be empty for aggregations: the client saves a fresh run with {@code "name": ""}. */
    static String name(JsonNode node, boolean emptyAllowed) {
        String name = node == null || node.isNull() ? "" : node.asString("").trim();
        if (name.isEmpty() && !emptyAllowed) {
            throw ApiException.badRequest("A name is required.");
        }
        if (name.length() > MAX_NAME) {
            throw ApiException.badRequest("A name is at most " + MAX_NAME + " characters.");
        }
        return name;
    }

    private static String orientation(JsonNode node) {
        String orientation = node == null || node.isNull() ? "layer" : node.asString("").trim();
        if (orientation.isEmpty()) {
            orientation = "layer";
        }
        if (!ORIENTATIONS.contains(orientation)) {
            throw ApiException.badRequest("orientation must be layer, horizontal or vertical.");
        }
        return orientation;
    }

    private List<Long> memberIds(SketchAccess access, JsonNode node) {
        List<Long> ids = new ArrayList<>();
        for (String text : WireValues.stringList(json, node, "aggregations")) {
            long id = WireValues.id(text, "aggregations");
            if (repository.aggregation(access.sketchId(), id).isEmpty()) {
                throw ApiException.badRequest("No aggregation with ID " + id + " in this sketch.");
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** A JSON object given as an object or as a string holding one, stored as JSON text. */
    String jsonText(JsonNode node, String what, String empty) {
        if (node == null || node.isNull() || (node.isString() && node.asString().isBlank())) {
            return empty;
        }
        JsonNode value = node.isString() ? read(node.asString(), what) : node;
        if (!value.isObject()) {
            throw ApiException.badRequest(what + " must be a JSON object.");
        }
        return json.writeValueAsString(value);
    }

    private JsonNode read(String text, String what) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            throw ApiException.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
