package org.timesmith.server.access;

import java.util.List;
import java.util.Optional;

/**
 * What the permission check reads about a sketch: the sketch itself and the permissions its ACL
 * grants a user (directly or through a group). Implemented by the sketch feature's repository, so
 * this package depends on no feature package and every feature may depend on it.
 */
public interface SketchLookup {

    /** The sketch, deleted or not. */
    Optional<Sketch> byId(long id);

    /** The wire names of the permissions the ACL grants the user on the sketch. */
    List<String> grantedPermissions(long sketchId, long userId);
}
