package org.timesmith.server.annotation;

import static org.timesmith.server.access.Permission.READ;
import static org.timesmith.server.access.Permission.WRITE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.ActiveSketchPermission;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.access.SketchPermission;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.api.WireValues;
import org.timesmith.server.timeline.Timeline;
import org.timesmith.server.timeline.TimelineJson;
import org.timesmith.server.timeline.TimelineRepository;
import org.timesmith.server.timeline.TimelineService;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Event endpoints (§7): get one, add manual events, annotate, tag, untag and add attributes. The
 * annotation endpoints take either {@code events} (one or a list) or, for "all events matching a
 * query", {@code query}: an explore request body; that runs as a background task whose id is in
 * {@code meta.task_id}.
 */
@RestController
@RequestMapping("/api/v1/sketches/{sketchId}/event")
class EventController {

    public static final int MAX_EVENTS = 100_000;
    public static final int MAX_UNTAG = 500;
    public static final int MAX_ATTRIBUTES_PER_EVENT = 10;

    private final EventService service;
    private final BulkUpdateService bulk;
    private final TimelineRepository timelines;
    private final TimelineJson timelineJson;
    private final TimelineService timelineService;
    private final ObjectMapper json;
    private final FactAnnotator factAnnotator;

    EventController(EventService service, BulkUpdateService bulk, TimelineRepository timelines,
                    TimelineJson timelineJson, TimelineService timelineService, ObjectMapper json,
                    FactAnnotator factAnnotator) {
        this.service = service;
        this.bulk = bulk;
        this.timelines = timelines;
        this.timelineJson = timelineJson;
        this.timelineService = timelineService;
        this.json = json;
        this.factAnnotator = factAnnotator;
    }

    @GetMapping
    Map<String, Object> get(@RequestParam(name = "searchindex_id", required = false) String index,
                            @RequestParam(name = "event_id", required = false) String eventId,
                            @SketchPermission(READ) SketchAccess access) {
        if (eventId == null || eventId.isBlank()) {
            throw ApiException.badRequest("event_id is required.");
        }
        return service.get(access, index, eventId);
    }

    @PostMapping("/create")
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body,
                                               @ActiveSketchPermission(WRITE) SketchAccess access) {
        JsonNode request = orEmpty(body);
        Map<String, Object> attributes = new LinkedHashMap<>();
        request.path("attributes").properties().forEach(e -> attributes.put(e.getKey(),
                e.getValue().isValueNode() ? e.getValue().asString() : json.treeToValue(e.getValue(), Object.class)));
        Timeline timeline = service.addManualEvent(access, WireValues.text(request, "date_string").orElse(null),
                WireValues.text(request, "timestamp_desc").orElse(null), WireValues.text(request, "message").orElse(null),
                WireValues.stringList(json, request.get("tag"), "tag"), attributes);
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(Map.of(), timelineJson.timeline(timeline)));
    }

    /** §3.8 step 6: {@code {"searchindex_id": N, "timeline_id": M}}; the reference server answers the body 200. */
    @PostMapping("/add_timeline_id")
    ResponseEntity<Integer> addTimelineId(@RequestBody(required = false) JsonNode body,
                                          @ActiveSketchPermission(WRITE) SketchAccess access) {
        JsonNode request = orEmpty(body);
        timelineService.assignTimelineId(access, WireValues.id(request.get("searchindex_id"), "searchindex_id"),
                WireValues.id(request.get("timeline_id"), "timeline_id"));
        return ResponseEntity.ok(200);
    }

    @PostMapping("/annotate")
    ResponseEntity<Map<String, Object>> annotate(@RequestBody(required = false) JsonNode body,
                                                 @ActiveSketchPermission(WRITE) SketchAccess access) {
        JsonNode request = orEmpty(body);
        String annotation = WireValues.text(request, "annotation").orElse(null);
        String type = WireValues.text(request, "annotation_type").orElse("");
        if (annotation == null || annotation.isBlank()) {
            throw ApiException.badRequest("annotation is required.");
        }
        boolean remove = WireValues.bool(request.get("remove"));
        if (type.equals("label") && annotation.contains("__ts_fact")) {
            // A fact of a DFIQ conclusion (§7.1): the label __ts_fact_<conclusion_id> and a link to the conclusion.
            if (isBulk(request)) {
                throw ApiException.badRequest("Facts cannot be added to all events matching a query.");
            }
            JsonNode conclusionId = request.get("conclusion_id");
            List<Map<String, Object>> facts = factAnnotator.annotateFacts(access, conclusionId == null || conclusionId.isNull()
                    ? java.util.Optional.empty() : java.util.Optional.of(WireValues.id(conclusionId, "conclusion_id")),
                    refs(request.get("events"), MAX_EVENTS), remove);
            return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.nested(Map.of(), facts));
        }
        if (isBulk(request)) {
            if (!type.equals("label")) {
                throw ApiException.badRequest("Only labels can be applied to all events matching a query.");
            }
            return bulk(access, request, change(remove ? "remove_label" : "add_label", List.of(annotation)));
        }
        List<EventService.EventRef> refs = refs(request.get("events"), MAX_EVENTS);
        List<Map<String, Object>> items = switch (type) {
            case "comment" -> service.comment(access, refs, annotation);
            case "label" -> service.label(access, refs, annotation, remove);
            default -> throw ApiException.badRequest("annotation_type must be comment or label.");
        };
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.nested(Map.of(), items));
    }

    /**
     * Timesketch's annotate PUT: {@code {"annotation": {"id": commentId, "comment": "new text"},
     * "annotation_type": "comment", "events": [{"_index", "_id"}]}}; only comments can be edited,
     * only by their author. Answers the changed comments as a nested list.
     */
    @PutMapping("/annotate")
    Map<String, Object> editAnnotation(@RequestBody(required = false) JsonNode body,
                                       @ActiveSketchPermission(WRITE) SketchAccess access) {
        JsonNode request = orEmpty(body);
        String type = WireValues.text(request, "annotation_type").orElse("");
        if (!type.contains("comment")) {
            throw ApiException.badRequest("Annotation type needs to be a comment, not " + type + ".");
        }
        JsonNode annotation = request.path("annotation");
        if (annotation.isString()) {
            try {
                annotation = json.readTree(annotation.asString());
            } catch (JacksonException e) {
                throw ApiException.badRequest("annotation is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (!annotation.isObject()) {
            throw ApiException.badRequest("annotation must be an object with id and comment.");
        }
        long commentId = WireValues.id(annotation.get("id"), "annotation.id");
        String text = WireValues.text(annotation, "comment").orElse(null);
        return Envelope.nested(Map.of(), service.updateComment(access, refs(request.get("events"), MAX_EVENTS),
                commentId, text));
    }

    /**
     * Timesketch's annotate DELETE with query parameters {@code annotation_type=comment},
     * {@code annotation_id}, {@code event_id} and {@code searchindex_id} (the index name); only
     * the comment's author may delete it. Answers the body {@code 200}, as Timesketch does.
     */
    @DeleteMapping("/annotate")
    int deleteAnnotation(@RequestParam(name = "annotation_type", defaultValue = "") String type,
                         @RequestParam(name = "annotation_id", required = false) String annotationId,
                         @RequestParam(name = "event_id", required = false) String eventId,
                         @RequestParam(name = "searchindex_id", required = false) String index,
                         @ActiveSketchPermission(WRITE) SketchAccess access) {
        if (!type.contains("comment")) {
            throw ApiException.badRequest("Annotation type needs to be a comment, not " + type + ".");
        }
        if (eventId == null || eventId.isBlank()) {
            throw ApiException.badRequest("event_id is required.");
        }
        long commentId = WireValues.id(annotationId, "annotation_id");
        service.deleteComment(access, index, eventId, commentId);
        return 200;
    }

    @PostMapping("/tagging")
    ResponseEntity<Map<String, Object>> tag(@RequestBody(required = false) JsonNode body,
                                            @ActiveSketchPermission(WRITE) SketchAccess access) {
        JsonNode request = orEmpty(body);
        List<String> tags = WireValues.stringList(json, request.get("tag_string"), "tag_string");
        if (isBulk(request)) {
            return bulk(access, request, change("add_tags", tags));
        }
        return ResponseEntity.ok(Envelope.metaOnly(service.tag(access, refs(request.get("events"), MAX_EVENTS), tags, true)));
    }

    @PostMapping("/untag")
    ResponseEntity<?> untag(@RequestBody(required = false) JsonNode body,
                            @ActiveSketchPermission(WRITE) SketchAccess access) {
        JsonNode request = orEmpty(body);
        List<String> tags = WireValues.stringList(json, request.get("tags_to_remove"), "tags_to_remove");
        if (tags.size() > MAX_UNTAG) {
            throw ApiException.badRequest("At most " + MAX_UNTAG + " tags can be removed per request.");
        }
        if (isBulk(request)) {
            return bulk(access, request, change("remove_tags", tags));
        }
        service.tag(access, refs(request.get("events"), MAX_UNTAG), tags, false);
        return ResponseEntity.ok(200);
    }

    @PostMapping("/attributes")
    ResponseEntity<Map<String, Object>> attributes(@RequestBody(required = false) JsonNode body,
                                                   @ActiveSketchPermission(WRITE) SketchAccess access) {
        JsonNode request = orEmpty(body);
        if (isBulk(request)) {
            ObjectNode change = change("set_attributes", List.of());
            change.set("attributes", request.path("attributes"));
            return bulk(access, request, change);
        }
        JsonNode events = request.get("events");
        List<EventService.EventRef> refs = refs(events, MAX_EVENTS);
        List<Map<String, Object>> attributes = new ArrayList<>();
        for (JsonNode event : events.isArray() ? events : JsonNodeFactory.instance.arrayNode().add(events)) {
            Map<String, Object> perEvent = new LinkedHashMap<>();
            JsonNode list = event.path("attributes");
            if (list.size() > MAX_ATTRIBUTES_PER_EVENT) {
                throw ApiException.badRequest("At most " + MAX_ATTRIBUTES_PER_EVENT + " attributes per event.");
            }
            for (JsonNode attribute : list) {
                String name = attribute.path("attr_name").asString("");
                JsonNode value = attribute.path("attr_value");
                perEvent.put(name, value.isValueNode() ? value.asString() : json.treeToValue(value, Object.class));
            }
            attributes.add(perEvent);
        }
        return ResponseEntity.ok(Envelope.metaOnly(service.attributes(access, refs, attributes)));
    }

    private ResponseEntity<Map<String, Object>> bulk(SketchAccess access, JsonNode request, ObjectNode change) {
        String taskId = bulk.submit(access, request.get("query"), change);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("task_id", taskId);
        meta.put("bulk", true);
        return ResponseEntity.ok(Envelope.metaOnly(meta));
    }

    private ObjectNode change(String kind, List<String> values) {
        ObjectNode change = json.createObjectNode();
        change.put("kind", kind);
        values.forEach(change.putArray("values")::add);
        return change;
    }

    private static boolean isBulk(JsonNode request) {
        return request.has("query") && !request.has("events");
    }

    /** Event references: one object or a list, {@code _id} plus {@code _index} or {@code searchindex_id}. */
    private List<EventService.EventRef> refs(JsonNode events, int max) {
        if (events == null || events.isNull()) {
            throw ApiException.badRequest("events is required.");
        }
        List<JsonNode> items = new ArrayList<>();
        if (events.isArray()) {
            events.forEach(items::add);
        } else if (events.isObject()) {
            items.add(events);
        } else {
            throw ApiException.badRequest("events must be an object or a list of objects.");
        }
        if (items.isEmpty()) {
            throw ApiException.badRequest("events is empty.");
        }
        if (items.size() > max) {
            throw ApiException.badRequest("At most " + max + " events per request; annotate by query for more.");
        }
        List<EventService.EventRef> refs = new ArrayList<>();
        for (JsonNode item : items) {
            String index = item.path("_index").asString("");
            if (index.isEmpty() && item.has("searchindex_id")) {
                index = timelines.index(WireValues.id(item.get("searchindex_id"), "searchindex_id"))
                        .map(i -> i.indexName()).orElse("-");
            }
            refs.add(new EventService.EventRef(index, item.path("_id").asString("")));
        }
        return refs;
    }

    private static JsonNode orEmpty(JsonNode body) {
        return body == null ? JsonNodeFactory.instance.objectNode() : body;
    }
}
