package org.timesmith.server.analysis;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.sketch.Permission;
import org.timesmith.server.sketch.PermissionService;
import org.timesmith.server.sketch.SketchAccess;
import tools.jackson.databind.JsonNode;

/**
 * The analyzer endpoints of §8: list analyzers, run them on timelines, read a timeline's analyses,
 * and the sessions of a sketch (the active ones summarised, or one by id).
 */
@RestController
public class AnalysisController {

    private final CurrentUser currentUser;
    private final PermissionService permissions;
    private final AnalysisService analyses;

    public AnalysisController(CurrentUser currentUser, PermissionService permissions, AnalysisService analyses) {
        this.currentUser = currentUser;
        this.permissions = permissions;
        this.analyses = analyses;
    }

    @GetMapping("/api/v1/sketches/{sketchId}/analyzer")
    List<Map<String, Object>> available(@PathVariable("sketchId") long sketchId) {
        permissions.require(currentUser.get(), sketchId, Permission.READ);
        return analyses.available();
    }

    @PostMapping("/api/v1/sketches/{sketchId}/analyzer")
    Map<String, Object> run(@PathVariable("sketchId") long sketchId, @RequestBody(required = false) JsonNode body) {
        SketchAccess access = permissions.requireActive(currentUser.get(), sketchId, Permission.WRITE);
        return Envelope.nested(Map.of(), analyses.run(access, body));
    }

    /** Timesketch's shape: {@code {"objects": [summary]}}, without {@code meta}. */
    @GetMapping("/api/v1/sketches/{sketchId}/analyzer/sessions/active")
    Map<String, Object> activeSessions(@PathVariable("sketchId") long sketchId,
                                       @RequestParam(name = "include_details", defaultValue = "false") String details) {
        SketchAccess access = permissions.require(currentUser.get(), sketchId, Permission.READ);
        return Map.of("objects", List.of(analyses.activeSessions(access, details.equalsIgnoreCase("true"))));
    }

    @GetMapping("/api/v1/sketches/{sketchId}/analyzer/sessions/{sessionId}")
    Map<String, Object> session(@PathVariable("sketchId") long sketchId, @PathVariable("sessionId") long sessionId) {
        SketchAccess access = permissions.require(currentUser.get(), sketchId, Permission.READ);
        return Envelope.single(Map.of(), analyses.session(access, sessionId));
    }

    @GetMapping("/api/v1/sketches/{sketchId}/timelines/{timelineId}/analysis")
    Map<String, Object> ofTimeline(@PathVariable("sketchId") long sketchId, @PathVariable("timelineId") long timelineId) {
        SketchAccess access = permissions.require(currentUser.get(), sketchId, Permission.READ);
        return Envelope.nested(Map.of(), analyses.ofTimeline(access, timelineId));
    }
}
