/**
 * Who may do what in a sketch, decided in one place. {@link org.timesmith.server.access.PermissionService}
 * checks a user against a sketch (an unknown or deleted sketch is 404, a missing permission 403, an
 * archived sketch where one must be active 400) and answers a
 * {@link org.timesmith.server.access.SketchAccess}: the sketch, the user and what the user may do.
 * Controllers do not call it: a parameter {@code @SketchPermission(READ) SketchAccess access}
 * receives the checked sketch of the route's {@code {sketchId}} ({@code @ActiveSketchPermission(WRITE)}
 * where an archived sketch must be refused). This package depends on no
 * feature package ({@link org.timesmith.server.access.SketchLookup} is implemented by the sketch
 * repository), so every feature can use it without a package cycle.
 */
package org.timesmith.server.access;
