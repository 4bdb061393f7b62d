package org.timesmith.server.preference;

import static org.timesmith.server.access.Permission.READ;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.access.SketchPermission;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.api.Envelope;
import org.timesmith.server.auth.CurrentUser;

/**
 * The preference endpoints (Timesmith extensions): {@code /api/v1/users/me/preferences/} for the
 * current user and {@code /api/v1/sketches/{id}/preferences/} for the current user in a sketch
 * they can read. The body is read with a size cap before it is parsed.
 */
@RestController
class PreferenceController {

    private final CurrentUser currentUser;
    private final PreferenceService preferences;

    PreferenceController(CurrentUser currentUser, PreferenceService preferences) {
        this.currentUser = currentUser;
        this.preferences = preferences;
    }

    @GetMapping("/api/v1/users/me/preferences")
    Map<String, Object> userPreferences() {
        return Envelope.single(Map.of(), preferences.userPreferences(currentUser.get()));
    }

    @PutMapping("/api/v1/users/me/preferences")
    Map<String, Object> updateUserPreferences(HttpServletRequest request) {
        var user = currentUser.get();
        return Envelope.single(Map.of(), preferences.updateUserPreferences(user, body(request)));
    }

    @GetMapping("/api/v1/sketches/{sketchId}/preferences")
    Map<String, Object> sketchPreferences(@SketchPermission(READ) SketchAccess access) {
        return Envelope.single(Map.of("sketch_id", access.sketchId()), preferences.sketchPreferences(access));
    }

    @PutMapping("/api/v1/sketches/{sketchId}/preferences")
    Map<String, Object> updateSketchPreferences(HttpServletRequest request,
                                                @SketchPermission(READ) SketchAccess access) {
        return Envelope.single(Map.of("sketch_id", access.sketchId()),
                preferences.updateSketchPreferences(access, body(request)));
    }

    /** At most one byte more than the limit, so that an oversized body is rejected without reading it all. */
    private static byte[] body(HttpServletRequest request) {
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes(PreferenceService.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw ApiException.badRequest("Could not read the preferences body: " + e.getMessage());
        }
    }
}
