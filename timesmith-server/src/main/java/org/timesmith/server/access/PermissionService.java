package org.timesmith.server.access;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.User;

/**
 * The one place that decides who may do what in a sketch. Every endpoint that touches a sketch or
 * anything inside it (timelines, events, comments, views, stories, aggregations, exports) starts
 * with {@link #require}: an unknown or deleted sketch is 404, a sketch the user may not
 * read/write/delete is 403, and the caller gets nothing of the sketch either way. Controllers
 * do not call it: they declare a {@link SketchPermission} parameter and {@link SketchAccessResolver}
 * calls it for them; services call it for work that does not come from a sketch route (jobs, uploads).
 */
@Service
public class PermissionService {

    private final SketchLookup sketches;

    public PermissionService(SketchLookup sketches) {
        this.sketches = sketches;
    }

    /** The user's permissions on a sketch: ACL rows for the user and its groups, plus read if public. */
    public Set<Permission> permissions(User user, Sketch sketch) {
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        for (String permission : sketches.grantedPermissions(sketch.id(), user.id())) {
            Permission.parse(permission).ifPresent(granted::add);
        }
        if (sketch.isPublic()) {
            granted.add(Permission.READ);
        }
        return granted;
    }

    /**
     * The sketch if it exists, is not deleted and the user holds {@code needed}; otherwise 404 or 403.
     * Administrators also reach soft-deleted sketches and may read and delete any sketch (as in
     * Timesketch: they look after every sketch and force-delete soft-deleted ones), but change one
     * only through its ACL.
     */
    public SketchAccess require(User user, long sketchId, Permission needed) {
        Sketch sketch = sketches.byId(sketchId).filter(s -> user.admin() || !s.deleted())
                .orElseThrow(() -> ApiException.notFound("No sketch found with this ID."));
        Set<Permission> granted = permissions(user, sketch);
        if (user.admin()) {
            granted.add(Permission.READ);
            granted.add(Permission.DELETE);
        }
        if (!granted.contains(needed)) {
            throw ApiException.forbidden("User does not have " + needed.wireName() + " access to the sketch.");
        }
        return new SketchAccess(sketch, user, granted);
    }

    /** As {@link #require}, and the sketch must not be archived (400 otherwise, as Timesketch answers). */
    public SketchAccess requireActive(User user, long sketchId, Permission needed) {
        SketchAccess access = require(user, sketchId, needed);
        if (access.sketch().archived()) {
            throw ApiException.badRequest("Unable to change or query an archived sketch.");
        }
        return access;
    }

    /** Admin-only operations (force delete, user management). */
    public void requireAdmin(User user) {
        if (!user.admin()) {
            throw ApiException.forbidden("This needs an administrator.");
        }
    }

    /**
     * Whether the user holds {@code needed} on the sketch through its ACL or because it is public,
     * for a sketch that exists and is not deleted; no administrator rights and no exception (for
     * deciding about things shared between sketches, such as a search index).
     */
    public boolean holds(User user, long sketchId, Permission needed) {
        return sketches.byId(sketchId).filter(s -> !s.deleted())
                .map(s -> permissions(user, s).contains(needed)).orElse(false);
    }
}
