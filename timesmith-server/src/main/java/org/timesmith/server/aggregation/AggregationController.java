package org.timesmith.server.aggregation;

import static org.timesmith.server.access.Permission.READ;
import static org.timesmith.server.access.Permission.WRITE;

import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.ActiveSketchPermission;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.access.SketchPermission;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.api.WireValues;
import tools.jackson.databind.JsonNode;

/**
 * The sketch's aggregation endpoints (§13): run an aggregator or a raw DSL aggregation, and
 * create, list, get, update and delete saved aggregations and aggregation groups.
 */
@RestController
@RequestMapping("/api/v1/sketches/{sketchId}/aggregation")
class AggregationController {

    private final AggregationRunner runner;
    private final AggregationService service;
    private final AggregationJson aggregationJson;

    AggregationController(AggregationRunner runner, AggregationService service, AggregationJson aggregationJson) {
        this.runner = runner;
        this.service = service;
        this.aggregationJson = aggregationJson;
    }

    @PostMapping("/explore")
    Map<String, Object> explore(@RequestBody(required = false) JsonNode body,
                                @ActiveSketchPermission(READ) SketchAccess access) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.");
        }
        if (body.hasNonNull("aggregation_dsl")) {
            return runner.runDsl(access, body.get("aggregation_dsl"));
        }
        String name = WireValues.text(body, "aggregator_name").filter(n -> !n.isBlank())
                .orElseThrow(() -> ApiException.badRequest("aggregator_name or aggregation_dsl is required."));
        JsonNode viewNode = body.get("view_id");
        Optional<Long> viewId = viewNode == null || viewNode.isNull() || viewNode.asString("").isBlank()
                ? Optional.empty() : Optional.of(WireValues.id(viewNode, "view_id"));
        return runner.response(runner.run(access, name, body.get("aggregator_parameters"),
                WireValues.text(body, "chart_type"), viewId));
    }

    @GetMapping
    Map<String, Object> list(@SketchPermission(READ) SketchAccess access) {
        return Envelope.nested(Map.of("sketch_id", access.sketchId()),
                service.list(access).stream().map(aggregationJson::model).toList());
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body,
                                               @ActiveSketchPermission(WRITE) SketchAccess access) {
        return created(aggregationJson.model(service.create(access, aggregationJson.fields(access, body))));
    }

    @GetMapping("/{aggregationId}")
    Map<String, Object> get(@PathVariable("aggregationId") long id, @SketchPermission(READ) SketchAccess access) {
        return Envelope.single(Map.of("sketch_id", access.sketchId()), aggregationJson.model(service.get(access, id)));
    }

    @PostMapping("/{aggregationId}")
    ResponseEntity<Map<String, Object>> update(@PathVariable("aggregationId") long id,
                                               @RequestBody(required = false) JsonNode body,
                                               @ActiveSketchPermission(WRITE) SketchAccess access) {
        SavedAggregation old = service.get(access, id);
        return created(aggregationJson.model(service.update(access, old, aggregationJson.fields(access, body, old))));
    }

    @DeleteMapping("/{aggregationId}")
    int delete(@PathVariable("aggregationId") long id, @ActiveSketchPermission(WRITE) SketchAccess access) {
        service.delete(access, id);
        return 200;
    }

    @GetMapping("/group")
    Map<String, Object> groups(@SketchPermission(READ) SketchAccess access) {
        return Envelope.flat(Map.of("command", "list_groups"),
                service.groups(access).stream().map(aggregationJson::groupSummary).toList());
    }

    @PostMapping("/group")
    ResponseEntity<Map<String, Object>> createGroup(@RequestBody(required = false) JsonNode body,
                                                    @ActiveSketchPermission(WRITE) SketchAccess access) {
        return created(aggregationJson.groupSummary(service.createGroup(access, aggregationJson.groupFields(body))));
    }

    @GetMapping("/group/{groupId}")
    Map<String, Object> group(@PathVariable("groupId") long id, @SketchPermission(READ) SketchAccess access) {
        return aggregationJson.runGroup(access, service.group(access, id));
    }

    @PostMapping("/group/{groupId}")
    ResponseEntity<Map<String, Object>> updateGroup(@PathVariable("groupId") long id,
                                                    @RequestBody(required = false) JsonNode body,
                                                    @ActiveSketchPermission(WRITE) SketchAccess access) {
        AggregationGroup old = service.group(access, id);
        return created(aggregationJson.groupSummary(service.updateGroup(access, old,
                aggregationJson.groupFields(body, old))));
    }

    @DeleteMapping("/group/{groupId}")
    int deleteGroup(@PathVariable("groupId") long id, @ActiveSketchPermission(WRITE) SketchAccess access) {
        service.deleteGroup(access, id);
        return 200;
    }

    private static ResponseEntity<Map<String, Object>> created(Map<String, Object> model) {
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(Map.of(), model));
    }
}
