package org.timesmith.server.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * As {@link SketchPermission}, checked by {@link PermissionService#requireActive}: the sketch must
 * also not be archived (400 otherwise), for routes that change or query it. Declare it last.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface ActiveSketchPermission {

    /** The permission the route needs. */
    Permission value();
}
