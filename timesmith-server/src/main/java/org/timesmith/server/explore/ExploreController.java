package org.timesmith.server.explore;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.auth.CurrentUser;
import org.timesmith.server.sketch.Permission;
import org.timesmith.server.sketch.PermissionService;
import org.timesmith.server.sketch.SketchAccess;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/sketches/{id}/explore/} (§10): search, count and export. */
@RestController
public class ExploreController {

    private final CurrentUser currentUser;
    private final PermissionService permissions;
    private final ExploreService explore;
    private final ExportWriter export;

    public ExploreController(CurrentUser currentUser, PermissionService permissions, ExploreService explore,
                             ExportWriter export) {
        this.currentUser = currentUser;
        this.permissions = permissions;
        this.explore = explore;
        this.export = export;
    }

    @PostMapping("/api/v1/sketches/{sketchId}/explore")
    Map<String, Object> explore(@PathVariable("sketchId") long sketchId, @RequestBody(required = false) JsonNode body,
                                HttpServletResponse response) throws IOException {
        SketchAccess access = permissions.requireActive(currentUser.get(), sketchId, Permission.READ);
        ExploreQuery query = explore.parse(access, body);
        if (query.count()) {
            return explore.count(query);
        }
        if (query.fileName().isPresent()) {
            response.setStatus(200);
            response.setContentType("application/zip");
            response.setHeader("Content-Disposition", "attachment; filename=\"timesketch_export.zip\"");
            export.write(query, response.getOutputStream());
            response.flushBuffer();
            return null;
        }
        return explore.page(query);
    }
}
