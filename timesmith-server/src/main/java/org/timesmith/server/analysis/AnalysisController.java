package org.timesmith.server.analysis;

import static org.timesmith.server.access.Permission.READ;
import static org.timesmith.server.access.Permission.WRITE;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.ActiveSketchPermission;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.access.SketchPermission;
import org.timesmith.server.api.Envelope;
import tools.jackson.databind.JsonNode;

/**
 * The analyzer endpoints of §8: list analyzers, run them on timelines, read a timeline's analyses,
 * and the sessions of a sketch (the active ones summarised, or one by id).
 */
@RestController
class AnalysisController {

    private final AnalysisService analyses;
    private final AnalysisJson analysisJson;

    AnalysisController(AnalysisService analyses, AnalysisJson analysisJson) {
        this.analyses = analyses;
        this.analysisJson = analysisJson;
    }

    @GetMapping("/api/v1/sketches/{sketchId}/analyzer")
    List<Map<String, Object>> available(@SketchPermission(READ) SketchAccess access) {
        return analysisJson.analyzers(analyses.available());
    }

    @PostMapping("/api/v1/sketches/{sketchId}/analyzer")
    Map<String, Object> run(@RequestBody(required = false) JsonNode body,
                            @ActiveSketchPermission(WRITE) SketchAccess access) {
        return Envelope.nested(Map.of(), analyses.run(access, analysisJson.runRequest(body)).stream()
                .map(analysisJson::session).toList());
    }

    /** Timesketch's shape: {@code {"objects": [summary]}}, without {@code meta}. */
    @GetMapping("/api/v1/sketches/{sketchId}/analyzer/sessions/active")
    Map<String, Object> activeSessions(@RequestParam(name = "include_details", defaultValue = "false") String details,
                                       @SketchPermission(READ) SketchAccess access) {
        return Map.of("objects", List.of(analysisJson.activeSessions(analyses.activeSessions(access),
                details.equalsIgnoreCase("true"))));
    }

    @GetMapping("/api/v1/sketches/{sketchId}/analyzer/sessions/{sessionId}")
    Map<String, Object> session(@PathVariable("sessionId") long sessionId,
                                @SketchPermission(READ) SketchAccess access) {
        return Envelope.single(Map.of(), analysisJson.session(analyses.session(access, sessionId)));
    }

    @GetMapping("/api/v1/sketches/{sketchId}/timelines/{timelineId}/analysis")
    Map<String, Object> ofTimeline(@PathVariable("timelineId") long timelineId,
                                   @SketchPermission(READ) SketchAccess access) {
        return Envelope.nested(Map.of(), analysisJson.ofTimeline(analyses.ofTimeline(access, timelineId)));
    }
}
