package org.timesmith.server.timeline;

import static org.timesmith.server.access.Permission.READ;
import static org.timesmith.server.access.Permission.WRITE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
import tools.jackson.databind.ObjectMapper;

/**
 * Timelines of a sketch (§4), manually registered data sources (§3.8 step 7), and the read-only
 * routes around them: the sketch's event count, a timeline's field names and the data sources.
 */
@RestController
@RequestMapping("/api/v1/sketches/{sketchId}")
class TimelineController {

    private static final Pattern COLOR = Pattern.compile("[0-9a-fA-F]{6}");

    private final TimelineRepository repository;
    private final TimelineService service;
    private final TimelineJson timelineJson;
    private final SearchIndexAccess indexAccess;
    private final ObjectMapper json;

    TimelineController(TimelineRepository repository, TimelineService service, TimelineJson timelineJson,
                       SearchIndexAccess indexAccess, ObjectMapper json) {
        this.repository = repository;
        this.service = service;
        this.timelineJson = timelineJson;
        this.indexAccess = indexAccess;
        this.json = json;
    }

    @GetMapping("/timelines")
    Map<String, Object> list(@SketchPermission(READ) SketchAccess access) {
        return Envelope.nested(Map.of(), repository.timelines(access.sketchId()).stream()
                .map(timelineJson::timeline).toList());
    }

    @PostMapping("/timelines")
    ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) JsonNode body,
                                               @ActiveSketchPermission(WRITE) SketchAccess access) {
        long indexId = WireValues.id(body == null ? null : body.get("timeline"), "timeline");
        SearchIndex index = indexAccess.requireUsable(access.user(), indexId);
        String name = WireValues.text(body, "timeline_name").filter(n -> !n.isBlank()).orElse(index.name());
        Map.Entry<Timeline, Boolean> added = service.addIndexToSketch(access, index, limit(name));
        if (!added.getValue()) {
            return ResponseEntity.ok(Envelope.single(Map.of("created", false), timelineJson.timeline(added.getKey())));
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Envelope.single(Map.of("created", true), timelineJson.timeline(added.getKey())));
    }

    @GetMapping("/timelines/{timelineId}")
    Map<String, Object> get(@PathVariable("timelineId") long timelineId, @SketchPermission(READ) SketchAccess access) {
        Timeline timeline = service.timelineOf(access, timelineId);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("lines_indexed", repository.indexedEvents(timeline.id()));
        return Envelope.single(meta, timelineJson.timeline(timeline));
    }

    @PostMapping("/timelines/{timelineId}")
    Object update(@PathVariable("timelineId") long timelineId, @RequestBody(required = false) JsonNode body,
                  @ActiveSketchPermission(WRITE) SketchAccess access) {
        Timeline timeline = service.timelineOf(access, timelineId);
        String name = WireValues.text(body, "name").orElse(timeline.name());
        String description = WireValues.text(body, "description").orElse(timeline.description());
        String color = WireValues.text(body, "color").orElse(timeline.color()).replace("#", "");
        if (name.isBlank()) {
            throw ApiException.badRequest("A timeline needs a name.");
        }
        if (!COLOR.matcher(color).matches()) {
            throw ApiException.badRequest("color must be six hex digits, like FFB347.");
        }
        String labelString = timeline.labelString();
        if (body != null && body.has("label_action")) {
            List<String> labels = WireValues.labels(json, labelString);
            List<String> changed = WireValues.stringList(json, body.get("labels"), "labels");
            String action = WireValues.text(body, "label_action").orElse("");
            boolean modified = switch (action) {
                case "add" -> {
                    List<String> added = changed.stream().filter(l -> !labels.contains(l)).toList();
                    labels.addAll(added);
                    yield !added.isEmpty();
                }
                case "remove" -> labels.removeAll(changed);
                default -> throw ApiException.badRequest("label_action must be add or remove.");
            };
            if (!modified) {
                throw ApiException.badRequest("The labels of the timeline did not change.");
            }
            labelString = WireValues.labelString(json, labels);
        }
        repository.updateTimeline(timeline.id(), limit(name), description, color.toUpperCase(), labelString);
        return 200;
    }

    @DeleteMapping("/timelines/{timelineId}")
    Object delete(@PathVariable("timelineId") long timelineId, @ActiveSketchPermission(WRITE) SketchAccess access) {
        service.delete(access, service.timelineOf(access, timelineId));
        return 200;
    }

    @PostMapping("/datasource")
    ResponseEntity<Map<String, Object>> addDataSource(@RequestBody(required = false) JsonNode body,
                                                      @ActiveSketchPermission(WRITE) SketchAccess access) {
        Timeline timeline = service.timelineOf(access, WireValues.id(body == null ? null : body.get("timeline_id"),
                "timeline_id"));
        DataSource source = repository.createDataSource(timeline.id(), access.user().id(),
                WireValues.text(body, "provider").orElse("N/A"), WireValues.text(body, "context").orElse("N/A"),
                "", 0, "", WireValues.text(body, "data_label").orElse(""), "", "manual:" + timeline.id(),
                DataSource.READY, "", "", "", "");
        return ResponseEntity.status(HttpStatus.CREATED).body(Envelope.single(Map.of(), timelineJson.dataSource(source)));
    }

    /** Timesketch's CountEventsResource: {@code {"meta": {"count": n, "bytes": 0}, "objects": []}}. */
    @GetMapping("/count")
    Map<String, Object> count(@SketchPermission(READ) SketchAccess access) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("count", service.eventCount(access));
        // The EventStore SPI does not report index sizes; 0 says "unknown" without failing clients.
        meta.put("bytes", 0);
        return Envelope.metaOnly(meta);
    }

    /** Timesketch answers this one without {@code meta}: {@code {"objects": ["field", ...]}}. */
    @GetMapping("/timelines/{timelineId}/fields")
    Map<String, Object> fields(@PathVariable("timelineId") long timelineId,
                               @SketchPermission(READ) SketchAccess access) {
        return Map.of("objects", List.copyOf(service.fieldNames(access, timelineId)));
    }

    @GetMapping("/datasource")
    Map<String, Object> dataSources(@SketchPermission(READ) SketchAccess access) {
        Map<Timeline, List<DataSource>> byTimeline = service.dataSources(access);
        List<Map<String, Object>> sources = byTimeline.values().stream().flatMap(List::stream)
                .map(timelineJson::dataSource).toList();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("number_of_timelines", byTimeline.size());
        meta.put("number_of_sources", sources.size());
        return Envelope.flat(meta, sources);
    }

    @GetMapping("/datasource/{dataSourceId}")
    Map<String, Object> dataSource(@PathVariable("dataSourceId") long dataSourceId,
                                   @SketchPermission(READ) SketchAccess access) {
        return Envelope.single(Map.of(), timelineJson.dataSource(service.dataSource(access, dataSourceId)));
    }

    private static String limit(String name) {
        return name.length() > 255 ? name.substring(0, 255) : name;
    }
}
