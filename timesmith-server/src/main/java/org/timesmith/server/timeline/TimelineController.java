package org.timesmith.server.timeline;

import static org.timesmith.server.access.Permission.READ;
import static org.timesmith.server.access.Permission.WRITE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.timesmith.server.api.Envelope;
import org.timesmith.server.api.WireValues;
import tools.jackson.databind.JsonNode;

/**
 * Timelines of a sketch (§4), manually registered data sources (§3.8 step 7), and the read-only
 * routes around them: the sketch's event count, a timeline's field names and the data sources.
 */
@RestController
@RequestMapping("/api/v1/sketches/{sketchId}")
class TimelineController {

    private final TimelineRepository repository;
    private final TimelineService service;
    private final TimelineJson timelineJson;
    private final SearchIndexAccess indexAccess;

    TimelineController(TimelineRepository repository, TimelineService service, TimelineJson timelineJson,
                       SearchIndexAccess indexAccess) {
        this.repository = repository;
        this.service = service;
        this.timelineJson = timelineJson;
        this.indexAccess = indexAccess;
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
        Map.Entry<Timeline, Boolean> added = service.addIndexToSketch(access, index, TimelineJson.limit(name));
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
        service.update(timeline, timelineJson.update(body, timeline));
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

}
