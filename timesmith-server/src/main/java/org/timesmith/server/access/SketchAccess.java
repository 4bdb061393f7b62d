package org.timesmith.server.access;

import java.util.Set;
import org.timesmith.server.auth.User;

/** A sketch together with the user asking and what that user may do in it, after the permission check. */
public record SketchAccess(Sketch sketch, User user, Set<Permission> permissions) {

    public SketchAccess {
        permissions = Set.copyOf(permissions);
    }

    public long sketchId() {
        return sketch.id();
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }
}
