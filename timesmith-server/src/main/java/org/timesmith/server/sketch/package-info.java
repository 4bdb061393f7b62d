/**
 * Sketches (§2.4, §2.5, §3): their life cycle, ACL, archive, attributes and the sketch resource
 * with the {@code meta} each feature contributes. {@code PermissionService} is the one place that
 * decides who may do what in a sketch; every endpoint that touches a sketch or anything inside it
 * starts there, so an unknown sketch is 404 and a forbidden one 403 everywhere alike.
 */
package org.timesmith.server.sketch;
