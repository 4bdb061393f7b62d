package org.timesmith.server.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method's {@link SketchAccess} parameter: the sketch of the route's
 * {@code {sketchId}}, checked for the current user by {@link PermissionService#require}. The
 * method only runs when the check passes; otherwise the answer is the check's 404 or 403. Use
 * {@link ActiveSketchPermission} where an archived sketch must be refused.
 *
 * <p>Declare it as the <em>last</em> parameter: Spring resolves parameters in order, so a request
 * body or query parameter that cannot be read is refused first, as it was when controllers called
 * the check on their first line.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface SketchPermission {

    /** The permission the route needs. */
    Permission value();
}
