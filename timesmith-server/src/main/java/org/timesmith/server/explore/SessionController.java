package org.timesmith.server.explore;

import static org.timesmith.server.access.Permission.READ;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.ActiveSketchPermission;
import org.timesmith.server.access.SketchAccess;

/**
 * {@code GET /api/v1/sketches/{id}/explore/sessions/{index}}: Timesketch's session list (a bare
 * JSON list, no envelope, as Timesketch answers it) for the web UI and clients that browse
 * sessionizer results.
 */
@RestController
class SessionController {

    private final SessionSummaries sessions;

    SessionController(SessionSummaries sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/api/v1/sketches/{sketchId}/explore/sessions/{timelineIndex}")
    List<Map<String, Object>> sessions(@PathVariable String timelineIndex, @ActiveSketchPermission(READ) SketchAccess access) {
        return sessions.sessions(access, timelineIndex);
    }
}
